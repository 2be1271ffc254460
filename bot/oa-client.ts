/**
 * Zalo OA send client (axios): customer-service text messages and single-use token rotation.
 * Send: POST {apiBase}/v3.0/oa/message/cs, header access_token. Zalo reports errors in a 200 body with a
 * non-zero `error` (notes §1.5–1.6). Refresh: POST {oauthBase}/v4/oa/access_token, form-encoded, header
 * secret_key = app secret (notes §1.8). Refresh tokens are single-use, so refreshes are serialised (in this process,
 * and across instances by the storage's token lock) and the new pair is committed before it is used.
 */
import type { AxiosInstance } from 'axios';
import type { FastifyBaseLogger } from 'fastify';
import type { OaConfig } from './config.ts';
import { BotError, isBotError } from './errors.ts';
import type { BotStorage, StoredTokens } from './storage/index.ts';
import { httpRefusal, unreachable, type SendResult, type TextSender } from './zalo-http.ts';

/** Access token invalid or expired: refresh once and retry. */
export const OA_TOKEN_CODES = new Set([-216, 216, -401, 401]);
/** Throttling / unknown server trouble: retry with backoff. */
export const OA_RETRY_CODES = new Set([-32, -100]);
/** Refresh token dead: a person must re-authorize the OA (goclaw, production-observed). */
const REFRESH_DEAD_CODES = new Set([-118, -14014]);
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 5 * 60_000;
const TOKEN_ROW = 'zalo-oa';

type Json = Record<string, unknown>;

/** Holds the OA token pair: seeded from the environment once, then rotated in the database. */
export class OaTokens {
  private inflight: Promise<string> | null = null;
  private seeded: Promise<void> | null = null;

  constructor(
    private readonly store: BotStorage, private readonly cfg: OaConfig, private readonly http: AxiosInstance,
    private readonly now: () => number, private readonly log: FastifyBaseLogger, private readonly timeoutMs: number,
  ) {}

  /** Seeds the pair from the environment once (under the token lock: instances starting together agree). */
  private seed(): Promise<void> {
    this.seeded ??= this.store.withTokenLock(TOKEN_ROW, async () => {
      const stored = await this.store.getTokens(TOKEN_ROW);
      // A new refresh token in the environment means the operator re-authorized: it wins over the stored pair.
      if (!stored || stored.seededRefresh !== this.cfg.refreshToken) {
        await this.store.putTokens(TOKEN_ROW, {
          accessToken: this.cfg.accessToken, refreshToken: this.cfg.refreshToken, expiresAt: null, seededRefresh: this.cfg.refreshToken,
        }, this.now());
      }
    }).catch((err: unknown) => { this.seeded = null; throw err; });
    return this.seeded;
  }

  private async tokens(): Promise<StoredTokens> {
    await this.seed();
    return (await this.store.getTokens(TOKEN_ROW)) as StoredTokens;
  }

  /** The access token to use now, refreshed first when it is about to expire. */
  async accessToken(): Promise<string> {
    const t = await this.tokens();
    if (t.expiresAt !== null && t.expiresAt - this.now() < REFRESH_AHEAD_MS) return this.refresh(t.accessToken);
    return t.accessToken;
  }

  /**
   * Refreshes the pair unless someone already replaced `staleAccessToken`. One refresh at a time: callers that
   * arrive during a refresh wait for it instead of spending the single-use refresh token again; other instances
   * wait on the token lock and then find the new pair already stored.
   */
  async refresh(staleAccessToken: string): Promise<string> {
    if (this.inflight) return this.inflight;
    this.inflight = this.seed().then(() => this.store.withTokenLock(TOKEN_ROW, async () => {
      const current = await this.tokens();
      return current.accessToken !== staleAccessToken ? current.accessToken : this.doRefresh(current);
    })).finally(() => { this.inflight = null; });
    return this.inflight;
  }

  private async doRefresh(current: StoredTokens): Promise<string> {
    const form = new URLSearchParams({ refresh_token: current.refreshToken, app_id: this.cfg.appId, grant_type: 'refresh_token' });
    let body: Json;
    try {
      const res = await this.http.post(`${this.cfg.oauthBase}/v4/oa/access_token`, form.toString(), {
        headers: { secret_key: this.cfg.appSecret, 'Content-Type': 'application/x-www-form-urlencoded' },
        timeout: this.timeoutMs, validateStatus: () => true,
      });
      if (res.status !== 200) throw httpRefusal(res, 'OA token refresh');
      body = (res.data && typeof res.data === 'object' ? res.data : {}) as Json;
    } catch (err) {
      if (isBotError(err)) throw err;
      throw unreachable(err, 'OA token refresh', current.refreshToken, this.cfg.appSecret);
    }
    const next = readTokenResponse(body);
    if (!next) throw refreshError(body);
    const expiresAt = this.now() + next.expiresIn * 1000;
    // Durable before use: if we crash now, the next start uses the new (unspent) refresh token.
    await this.store.putTokens(TOKEN_ROW, { ...next, expiresAt, seededRefresh: current.seededRefresh }, this.now());
    // FSYNC_ACK commits without fsync: wait for the WAL to reach the disk before the pair is used.
    await this.store.durable();
    this.log.info({ expiresInS: next.expiresIn }, 'zalo OA access token refreshed');
    return next.accessToken;
  }
}

function readTokenResponse(body: Json): { accessToken: string; refreshToken: string; expiresIn: number } | null {
  // Chatwoot reads the pair at top level; an older client read it under `data` — accept both.
  const src = typeof body.access_token === 'string' ? body : (body.data as Json | undefined) ?? {};
  const accessToken = src.access_token;
  const refreshToken = src.refresh_token;
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || !accessToken || !refreshToken) return null;
  const expiresIn = Number(src.expires_in);
  return { accessToken, refreshToken, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600 };
}

function refreshError(body: Json): BotError {
  const code = Number(body.error);
  if (REFRESH_DEAD_CODES.has(code)) {
    return new BotError('E_ZALO_TOKEN_DEAD', `refresh token rejected (error ${code}); re-authorize the OA and set ZALO_OA_REFRESH_TOKEN`, { zaloCode: code, retryable: true });
  }
  return new BotError('E_ZALO_REFUSED', `OA token refresh failed (error ${Number.isFinite(code) ? code : 'none'}); will retry`, {
    zaloCode: Number.isFinite(code) ? code : null, retryable: true,
  });
}

/** Sends OA customer-service text messages. */
export class OaClient implements TextSender {
  constructor(
    private readonly cfg: OaConfig, private readonly http: AxiosInstance, readonly tokens: OaTokens,
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
      const res = await this.http.post(`${this.cfg.apiBase}/v3.0/oa/message/cs`, { recipient: { user_id: userId }, message }, {
        headers: { access_token: token, 'Content-Type': 'application/json' }, timeout: this.timeoutMs, validateStatus: () => true,
      });
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
    throw new BotError('E_ZALO_REFUSED', `OA send refused: error ${code} (${what})${retryable ? '; will retry' : '; not retried'}`, {
      zaloCode: code, retryable,
    });
  }
}

const idOf = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
