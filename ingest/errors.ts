/** Coded errors that leave ingest/. Messages name the file and say what to do. */

export type IngestErrorCode =
  | 'E_SOURCE_UNREADABLE'
  | 'E_SHEET_INVALID'
  | 'E_META_INVALID'
  | 'E_UNSUPPORTED_FORMAT'
  | 'E_DUPLICATE_ID'
  | 'E_SOURCES_MISSING'
  | 'E_CONFIG_INVALID'
  | 'E_USAGE';

/** An ingest failure with a stable code; `path` names the source file when there is one. */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly path: string | null;

  constructor(code: IngestErrorCode, message: string, opts: { path?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'IngestError';
    this.code = code;
    this.path = opts.path ?? null;
  }
}

/** Reads the code off any error: ours, knowledge's, or Node's (ENOENT). */
export function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return 'E_UNKNOWN';
}

/** A one-line reason for a report, without a stack. */
export function errorReason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
