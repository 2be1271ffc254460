/**
 * The OA token pair over its whole life (notes §1.8, issue 10): access tokens live 25 h (`expires_in` arrives
 * as the string "90000"), refresh tokens 3 months and are single-use. The pair is seeded from the
 * environment (or stored by `npm run zalo:oa-auth`), refreshed at start when its age is unknown, refreshed on
 * a timer at 80% of its lifetime, and on −216/−220/401 from a send (the client calls refresh()). Refreshes are
 * serialised — in this process by one in-flight promise, across instances by the storage's token lock (a
 * PostgreSQL advisory lock) — and each new pair is committed before it is used. A refresh token Zalo rejects is a loud,
 * coded error with the re-authorization steps; /readyz turns red until an operator acts.
 */
import type { AxiosInstance } from 'axios';
import type { FastifyBaseLogger } from 'fastify';
import type { OaConfig } from './config.ts';
import { BotError, isBotError } from './errors.ts';
import type { BotStorage, StoredTokens } from './storage/index.ts';
import { httpRefusal, unreachable } from './zalo-http.ts';

/** Refresh token dead: a person must re-authorize the OA (goclaw, production-observed; the stand-in uses −14014). */
const REFRESH_DEAD_CODES = new Set([-118, -14014]);
/** A send needing a token this close to expiry refreshes first. */
const REFRESH_AHEAD_MS = 5 * 60_000;
/** The timer refreshes at this share of the access token's lifetime. */
const TIMER_SHARE = 0.8;
/** Zalo's documented access-token lifetime, used when the lifetime of the stored token is not known. */
const DEFAULT_LIFETIME_MS = 90_000 * 1000;
/** Refresh tokens live three months (notes §1.8). */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600_000;
/** After a failed timed refresh, try again this much later. */
const RETRY_MS = 60_000;
export const TOKEN_ROW = 'zalo-oa';

export const REAUTHORIZE_STEPS =
  're-authorize the OA: run `npm run zalo:oa-auth` (bot/README.md "Connect a real OA"), which stores a new token pair in DATA_DIR, then restart the service';

/** Schedules `fn` after `ms`; returns a cancel function. Injected so tests drive the timer with a fake clock. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export const realSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, Math.min(Math.max(0, ms), 2 ** 31 - 1));
  t.unref();
  return () => clearTimeout(t);
};

/** What /readyz, /metrics and the console show about the OA tokens (never the tokens themselves). */
export interface OaTokenStatus {
  authorized: boolean;
  accessTokenExpiresAt: number | null;
  /** Null when the refresh token's age is unknown (pasted by an operator and not yet rotated). */
  refreshTokenExpiresAt: number | null;
  refreshTokenNearEnd: boolean;
  /** E_ZALO_TOKEN_DEAD or E_ZALO_NOT_AUTHORIZED when a person must act; else null. */
  problem: string | null;
}

type Json = Record<string, unknown>;

export interface OaTokensOptions {
  schedule?: Schedule;
  /** A refresh token with less than this left is reported as near its end (default 14 days). */
  refreshWarnMs?: number;
}

export class OaTokens {
  private inflight: Promise<string> | null = null;
  private lifetimeMs: number | null = null;
  private cancelTimer: (() => void) | null = null;
  private started = false;
  private dead: BotError | null = null;
  private seeded: Promise<void> | null = null;
  /** The pair as last read or written, for the synchronous status() that /readyz and /metrics read. */
  private cached: StoredTokens | null = null;
  /** False until the pair was first read: status() must not call a pair that is still loading missing. */
  private loaded = false;
  /**
   * A pair Zalo issued that could not be stored (database unreachable). Zalo has already spent the old single-use
   * refresh token, so dropping this pair would lose the OA for good: it is used from memory and stored as soon as
   * the database answers. Lost only if the process also dies before that.
   */
  private unsaved: StoredTokens | null = null;
  private readonly schedule: Schedule;
  private readonly refreshWarnMs: number;

  constructor(
    private readonly store: BotStorage,
    private readonly cfg: OaConfig,
    private readonly http: AxiosInstance,
    private readonly now: () => number,
    private readonly log: FastifyBaseLogger,
    private readonly timeoutMs: number,
    opts: OaTokensOptions = {},
  ) {
    this.schedule = opts.schedule ?? realSchedule;
    this.refreshWarnMs = opts.refreshWarnMs ?? 14 * 24 * 3600_000;
  }

  /** Seeds the pair from the environment once, under the token lock so instances starting together agree. */
  private seed(): Promise<void> {
    const { accessToken, refreshToken } = this.cfg;
    this.seeded ??= this.store
      .withTokenLock(TOKEN_ROW, async () => {
        // Read directly, not through read(): status() must not report "not authorized" before the seed is written.
        const stored = await this.store.getTokens(TOKEN_ROW);
        // A new refresh token in the environment means the operator re-authorized: it wins over the stored pair.
        if (accessToken && refreshToken && (!stored || stored.seededRefresh !== refreshToken)) {
          const seededPair = { accessToken, refreshToken, expiresAt: null, seededRefresh: refreshToken };
          await this.store.putTokens(TOKEN_ROW, seededPair, this.now());
        }
      })
      .catch((err: unknown) => {
        this.seeded = null;
        throw err;
      });
    return this.seeded;
  }

  private async read(): Promise<StoredTokens | null> {
    this.cached = await this.store.getTokens(TOKEN_ROW);
    this.loaded = true;
    return this.cached;
  }

  private async tokens(): Promise<StoredTokens> {
    const unsaved = this.unsaved;
    if (unsaved) {
      // A pair Zalo issued while the database was unreachable: store it now, or keep using it from memory.
      try {
        await this.store.putTokens(TOKEN_ROW, unsaved, this.now());
        this.log.info('zalo OA token pair kept in memory during a database outage is now stored');
        this.unsaved = null;
      } catch {
        return { ...unsaved };
      }
    }
    await this.seed();
    const t = await this.read();
    if (!t)
      throw new BotError('E_ZALO_NOT_AUTHORIZED', `no OA token pair yet; ${REAUTHORIZE_STEPS}`, { retryable: true });
    return t;
  }

  /** Refreshes at once when the stored token's age is unknown or it is near expiry, then keeps the timer. */
  async start(): Promise<void> {
    this.started = true;
    let t: StoredTokens | null;
    try {
      await this.seed();
      t = await this.read();
    } catch (err) {
      // The database is unreachable: try the start again a minute later (stop() cancels it when closing).
      this.report(err);
      if (this.started) this.cancelTimer = this.schedule(() => void this.start(), RETRY_MS);
      return;
    }
    if (!t) {
      this.log.error(
        `E_ZALO_NOT_AUTHORIZED: the Zalo OA channel has no token pair; replies wait in the outbox. To fix: ${REAUTHORIZE_STEPS}`,
      );
      return;
    }
    if (t.expiresAt === null || t.expiresAt - this.now() < REFRESH_AHEAD_MS) {
      await this.refresh(t.accessToken).catch((err: unknown) => this.report(err));
    }
    this.arm();
  }

  /** Stops the timer and waits for a refresh on the wire: its new pair must be stored before the database closes. */
  async stop(): Promise<void> {
    this.started = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    await this.inflight?.catch(() => undefined);
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
    this.inflight = this.seed()
      .then(() =>
        this.store.withTokenLock(TOKEN_ROW, async () => {
          const current = await this.tokens();
          return current.accessToken !== staleAccessToken ? current.accessToken : this.doRefresh(current);
        }),
      )
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  status(): OaTokenStatus {
    const t = this.cached;
    if (!t) {
      return {
        authorized: false,
        accessTokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        refreshTokenNearEnd: false,
        problem: this.loaded ? 'E_ZALO_NOT_AUTHORIZED' : null,
      };
    }
    // Only a pair we received from Zalo has a known issue time (the row's write time); a pasted one does not.
    const refreshTokenExpiresAt =
      t.expiresAt !== null && t.updatedAt !== undefined ? t.updatedAt + REFRESH_TOKEN_LIFETIME_MS : null;
    return {
      authorized: true,
      accessTokenExpiresAt: t.expiresAt,
      refreshTokenExpiresAt,
      refreshTokenNearEnd: refreshTokenExpiresAt !== null && refreshTokenExpiresAt - this.now() < this.refreshWarnMs,
      problem: this.dead ? this.dead.code : null,
    };
  }

  /** Arms the timer at 80% of the current token's lifetime (or retries soon after a failure). */
  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (!this.started || this.dead) return;
    const t = this.cached;
    if (!t) return;
    const life = this.lifetimeMs ?? DEFAULT_LIFETIME_MS;
    const at = t.expiresAt === null ? this.now() + RETRY_MS : t.expiresAt - (1 - TIMER_SHARE) * life;
    const delay = at <= this.now() ? RETRY_MS : at - this.now();
    this.cancelTimer = this.schedule(() => void this.timerFired(), delay);
  }

  private async timerFired(): Promise<void> {
    this.cancelTimer = null;
    const t = await this.read().catch(() => this.cached);
    if (t) await this.refresh(t.accessToken).catch((err: unknown) => this.report(err));
    this.arm();
  }

  private report(err: unknown): void {
    if (isBotError(err, 'E_ZALO_TOKEN_DEAD')) return; // already logged loudly by doRefresh
    this.log.warn(
      { code: isBotError(err) ? err.code : 'E_UNEXPECTED' },
      `OA token refresh failed; will retry: ${isBotError(err) ? err.message : 'unexpected error'}`,
    );
  }

  private async doRefresh(current: StoredTokens): Promise<string> {
    const form = new URLSearchParams({
      refresh_token: current.refreshToken,
      app_id: this.cfg.appId,
      grant_type: 'refresh_token',
    });
    let body: Json;
    try {
      const res = await this.http.post(`${this.cfg.oauthBase}/v4/oa/access_token`, form.toString(), {
        headers: { secret_key: this.cfg.appSecret, 'Content-Type': 'application/x-www-form-urlencoded' },
        timeout: this.timeoutMs,
        validateStatus: () => true,
      });
      if (res.status !== 200) throw httpRefusal(res, 'OA token refresh');
      body = (res.data && typeof res.data === 'object' ? res.data : {}) as Json;
    } catch (err) {
      if (isBotError(err)) throw err;
      throw unreachable(err, 'OA token refresh', current.refreshToken, this.cfg.appSecret);
    }
    const next = readTokenResponse(body);
    if (!next) {
      const err = refreshError(body);
      if (err.code === 'E_ZALO_TOKEN_DEAD') {
        this.dead = err;
        this.log.error(
          `${err.message}. Replies to Zalo OA users wait in the outbox (up to OUTBOX_MAX_AGE_MS) until this is fixed.`,
        );
      }
      throw err;
    }
    const expiresAt = this.now() + next.expiresIn * 1000;
    // Durable before use: if we crash now, the next start uses the new (unspent) refresh token.
    const pair = { ...next, expiresAt, seededRefresh: current.seededRefresh };
    this.cached = { ...pair, updatedAt: this.now() };
    try {
      await this.store.putTokens(TOKEN_ROW, pair, this.now());
      // FSYNC_ACK commits without fsync: wait for the WAL to reach the disk before the pair is used.
      await this.store.durable();
    } catch (err) {
      this.unsaved = pair;
      this.log.error(
        { code: isBotError(err) ? err.code : 'E_DB' },
        'could not store the new zalo OA token pair; it is kept in memory and stored when the database answers',
      );
    }
    this.dead = null;
    this.lifetimeMs = next.expiresIn * 1000;
    this.log.info({ expiresInS: next.expiresIn }, 'zalo OA access token refreshed');
    if (this.started) this.arm();
    return next.accessToken;
  }
}

/** Reads Zalo's token answer (`expires_in` is a string of seconds); shared with `npm run zalo:oa-auth`. */
export function readTokenResponse(body: Json): { accessToken: string; refreshToken: string; expiresIn: number } | null {
  // Chatwoot reads the pair at top level; an older client read it under `data` — accept both.
  const src = typeof body.access_token === 'string' ? body : ((body.data as Json | undefined) ?? {});
  const accessToken = src.access_token;
  const refreshToken = src.refresh_token;
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || !accessToken || !refreshToken) return null;
  const expiresIn = Number(src.expires_in);
  return { accessToken, refreshToken, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600 };
}

function refreshError(body: Json): BotError {
  const code = Number(body.error);
  if (REFRESH_DEAD_CODES.has(code)) {
    return new BotError(
      'E_ZALO_TOKEN_DEAD',
      `Zalo rejected the OA refresh token (error ${code}); ${REAUTHORIZE_STEPS}`,
      { zaloCode: code, retryable: true },
    );
  }
  return new BotError(
    'E_ZALO_REFUSED',
    `OA token refresh failed (error ${Number.isFinite(code) ? code : 'none'}); will retry`,
    {
      zaloCode: Number.isFinite(code) ? code : null,
      retryable: true,
    },
  );
}
