/**
 * Zalo OA send client (axios): customer-service text messages.
 * Send: POST {apiBase}/v3.0/oa/message/cs, header access_token. Zalo reports errors in a 200 body with a
 * non-zero `error` (notes §1.5–1.6). The token pair's life (refresh at start, on a timer, on −216/−220/401)
 * is oa-tokens.ts.
 */
import type { AxiosInstance } from 'axios';
import type { OaConfig } from './config.ts';
import { BotError, isBotError } from './errors.ts';
import { OaTokens } from './oa-tokens.ts';
import { httpRefusal, unreachable, type SendResult, type TextSender } from './zalo-http.ts';

export { OaTokens };

/** Access token invalid (−216) or expired/removed (−220), or HTTP 401: refresh once and retry. */
export const OA_TOKEN_CODES = new Set([-216, 216, -220, 220, -401, 401]);
/** Throttling / unknown server trouble: retry with backoff. */
export const OA_RETRY_CODES = new Set([-32, -100]);

type Json = Record<string, unknown>;

/** Sends OA customer-service text messages. */
export class OaClient implements TextSender {
  constructor(
    private readonly cfg: OaConfig,
    private readonly http: AxiosInstance,
    readonly tokens: OaTokens,
    private readonly timeoutMs: number,
  ) {}

  async sendText(userId: string, text: string, opts: { quoteId?: string | null } = {}): Promise<SendResult> {
    const token = await this.tokens.accessToken();
    try {
      return await this.post(token, userId, text, opts.quoteId ?? null);
    } catch (err) {
      if (!isBotError(err) || err.zaloCode === null || !OA_TOKEN_CODES.has(err.zaloCode)) throw err;
      const fresh = await this.tokens.refresh(token);
      return this.post(fresh, userId, text, opts.quoteId ?? null);
    }
  }

  private async post(token: string, userId: string, text: string, quoteId: string | null): Promise<SendResult> {
    const message: Json = { text };
    if (quoteId) message.quote_message_id = quoteId;
    let data: Json;
    try {
      const res = await this.http.post(
        `${this.cfg.apiBase}/v3.0/oa/message/cs`,
        { recipient: { user_id: userId }, message },
        {
          headers: { access_token: token, 'Content-Type': 'application/json' },
          timeout: this.timeoutMs,
          validateStatus: () => true,
        },
      );
      if (res.status !== 200) throw httpRefusal(res, 'OA send');
      data = (res.data && typeof res.data === 'object' ? res.data : {}) as Json;
    } catch (err) {
      if (isBotError(err)) throw err;
      throw unreachable(err, 'OA send', token);
    }
    const code = Number(data.error ?? 0);
    if (code === 0) return { messageId: idOf((data.data as Json | undefined)?.message_id) };
    const retryable = OA_RETRY_CODES.has(code) || OA_TOKEN_CODES.has(code);
    const what = typeof data.message === 'string' ? data.message.slice(0, 120) : 'no message';
    throw new BotError(
      'E_ZALO_REFUSED',
      `OA send refused: error ${code} (${what})${retryable ? '; will retry' : '; not retried'}`,
      {
        zaloCode: code,
        retryable,
      },
    );
  }
}

const idOf = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
