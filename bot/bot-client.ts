/**
 * Zalo Bot Platform client (axios, the same conventions as the node-zalo-bot SDK): every method is
 * POST {apiBase}/bot<TOKEN>/<method> with a JSON body, answering `{ok, result, error_code, description}`.
 * The token is part of the URL, so no URL and no raw axios message ever reaches a log or an error.
 */
import type { AxiosInstance } from 'axios';
import type { ZaloBotConfig } from './config.ts';
import { BotError, isBotError } from './errors.ts';
import { parseJsonKeepingBigInts } from './raw-json.ts';
import { redact, unreachable, type SendResult, type TextSender } from './zalo-http.ts';

type Json = Record<string, unknown>;

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string' || !data) return data;
  try {
    return parseJsonKeepingBigInts(data);
  } catch {
    return {};
  }
}

/**
 * Statuses worth retrying: timeout, quota, server trouble — and 403, which the Bot Platform documents as its
 * "internal server error" (notes §2). 400/401/404 will not get better.
 */
const RETRYABLE = (code: number): boolean => code === 403 || code === 408 || code === 429 || code >= 500;

export class ZaloBotClient implements TextSender {
  constructor(
    private readonly cfg: ZaloBotConfig,
    private readonly http: AxiosInstance,
    private readonly timeoutMs: number,
  ) {}

  /** Calls one Bot API method and returns its `result`. */
  async call<T = unknown>(method: string, params: Json, timeoutMs = this.timeoutMs): Promise<T> {
    let status: number;
    let data: Json;
    try {
      const res = await this.http.post(`${this.cfg.apiBase}/bot${this.cfg.token}/${method}`, params, {
        timeout: timeoutMs,
        validateStatus: () => true,
        headers: { 'Content-Type': 'application/json' },
        // Polled updates carry chat ids; a bare 19-digit number must not be rounded by JSON.parse (defect 9).
        transformResponse: [parseBody],
      });
      status = res.status;
      data = (res.data && typeof res.data === 'object' ? res.data : {}) as Json;
    } catch (err) {
      throw unreachable(err, `Bot ${method}`, this.cfg.token, this.cfg.secretToken);
    }
    if (status === 200 && data.ok === true) return data.result as T;
    const code = Number(data.error_code ?? status);
    const description =
      typeof data.description === 'string' ? redact(data.description.slice(0, 120), this.cfg.token) : `HTTP ${status}`;
    throw new BotError('E_ZALO_REFUSED', `Bot ${method} refused: ${code} ${description}`, {
      zaloCode: code,
      retryable: RETRYABLE(code),
    });
  }

  /** Sends a text; the first part of a reply is preceded by a typing indicator (best effort). */
  async sendText(chatId: string, text: string, opts: { first?: boolean } = {}): Promise<SendResult> {
    if (opts.first) await this.call('sendChatAction', { chat_id: chatId, action: 'typing' }).catch(() => undefined);
    const result = await this.call<Json>('sendMessage', { chat_id: chatId, text });
    const id = result?.message_id;
    return { messageId: typeof id === 'string' || typeof id === 'number' ? String(id) : null };
  }

  /**
   * Long-polls for updates. The Bot API documents a single update object, Telegram-like clients expect a list:
   * both are returned as a list; empty when nothing arrived (408).
   */
  async getUpdates(timeoutS: number): Promise<Json[]> {
    try {
      const result = await this.call<Json | Json[] | null>(
        'getUpdates',
        { timeout: String(timeoutS) },
        (timeoutS + 5) * 1000,
      );
      if (Array.isArray(result)) return result;
      return result && typeof result === 'object' ? [result] : [];
    } catch (err) {
      if (isBotError(err, 'E_ZALO_REFUSED') && err.zaloCode === 408) return [];
      throw err;
    }
  }

  /** Removes a registered webhook (getUpdates stays silent while one is set). */
  async deleteWebhook(): Promise<void> {
    await this.call('deleteWebhook', {});
  }
}
