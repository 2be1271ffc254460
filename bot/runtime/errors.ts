/**
 * Coded errors that leave web/: each code has an HTTP status and a message telling the content team or
 * the operator what to do. Routes send `{ code, message }` bodies built from these.
 */

/** Every code web/ can raise, with its HTTP status. */
export const WEB_ERRORS = {
  E_UNAUTHORIZED: 401,
  E_CROSS_SITE: 403,
  E_BAD_REQUEST: 400,
  E_NOT_FOUND: 404,
  E_DOCUMENT_EXISTS: 409,
  E_UPLOAD_TOO_LARGE: 413,
  E_UPLOAD_TYPE: 415,
  E_UPLOAD_UNREADABLE: 422,
  E_META_INVALID: 422,
  E_CITATION_UNKNOWN: 422,
  E_RATE_LIMITED: 429,
  E_ADMIN_TOKEN_WEAK: 500,
  E_STORE: 500,
} as const;

export type WebErrorCode = keyof typeof WEB_ERRORS;

/** A web/ failure with a stable code; `detail` carries the underlying code (e.g. ingest's E_SOURCE_UNREADABLE). */
export class WebError extends Error {
  readonly code: WebErrorCode;
  readonly status: number;
  readonly detail: string | null;

  constructor(code: WebErrorCode, message: string, opts: { detail?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'WebError';
    this.code = code;
    this.status = WEB_ERRORS[code];
    this.detail = opts.detail ?? null;
  }
}

export function isWebError(err: unknown): err is WebError {
  return err instanceof WebError;
}

/** The JSON body of an error reply. */
export function errorBody(err: WebError): { code: string; message: string; detail?: string } {
  return err.detail
    ? { code: err.code, message: err.message, detail: err.detail }
    : { code: err.code, message: err.message };
}
