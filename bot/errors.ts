/**
 * Coded errors that leave bot/. The split follows grammY's GrammyError / HttpError: "Zalo answered and said
 * no" (E_ZALO_REFUSED) is a different problem from "we could not reach Zalo" (E_ZALO_UNREACHABLE), and the
 * outbox retries them differently.
 */

/** Every code bot/ can raise, with what the operator should do about it. */
export const BOT_ERRORS = {
  E_CONFIG: 'The environment is invalid; fix the listed settings (see .env.example) and start again.',
  E_ZALO_REFUSED: 'Zalo answered with an error; see zaloCode. Retryable codes are retried by the outbox.',
  E_ZALO_UNREACHABLE: 'Zalo could not be reached (network, timeout); the outbox retries with backoff.',
  E_ZALO_TOKEN_DEAD:
    'Zalo rejected the OA refresh token (spent, revoked or older than 3 months); run `npm run zalo:oa-auth` to re-authorize, then restart. Replies wait in the outbox meanwhile.',
  E_ZALO_NOT_AUTHORIZED:
    'The Zalo OA channel has no token pair yet; run `npm run zalo:oa-auth` (bot/README.md "Connect a real OA").',
  E_SIGNATURE: 'The webhook signature did not match; check ZALO_OA_APP_ID and ZALO_OA_SECRET_KEY.',
  E_STALE_EVENT: 'The event timestamp is outside ZALO_OA_TIMESTAMP_WINDOW_MS; check the server clock.',
  E_SECRET_TOKEN: 'X-Bot-Api-Secret-Token did not match ZALO_BOT_SECRET_TOKEN (set it again with setWebhook).',
  E_BAD_REQUEST: 'The request body is not the JSON the endpoint expects.',
  E_DB: 'The bot database could not be opened or written; check DATA_DIR permissions and free space.',
  E_DB_UNREACHABLE:
    'PostgreSQL (DATABASE_URL) could not be reached; the work is retried, nothing half-written is kept.',
  E_DB_MIGRATION:
    'A database migration failed; the service does not start on a half-migrated schema (run npm run db:migrate).',
} as const;

export type BotErrorCode = keyof typeof BOT_ERRORS;

/** An error with a stable `code`; `retryable` tells the outbox whether trying again can help. */
export class BotError extends Error {
  readonly code: BotErrorCode;
  readonly retryable: boolean;
  /** Zalo's own error number (OA `error`, Bot `error_code`) or the HTTP status, when Zalo answered. */
  readonly zaloCode: number | null;

  constructor(code: BotErrorCode, message: string, opts: { retryable?: boolean; zaloCode?: number | null } = {}) {
    super(`${code}: ${message}`);
    this.name = 'BotError';
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.zaloCode = opts.zaloCode ?? null;
  }
}

/** True for a BotError with the given code. */
export function isBotError(err: unknown, code?: BotErrorCode): err is BotError {
  return err instanceof BotError && (code === undefined || err.code === code);
}
