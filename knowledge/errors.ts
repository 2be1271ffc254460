/**
 * Errors that leave knowledge/. Every one carries a stable `code` and a message that says what to do;
 * callers branch on the code, people read the message. The table in README.md lists them all.
 */

/** Every code a {@link KnowledgeError} can carry. */
export const KNOWLEDGE_ERROR_CODES = [
  'E_INDEX_MISSING',
  'E_INDEX_VERSION',
  'E_INDEX_CORRUPT',
  'E_INDEX_INPUT',
  'E_INDEX_WRITE',
  'E_EMBEDDER_MISMATCH',
  'E_EMBEDDER_REQUIRED',
  'E_EMBEDDER_UNREACHABLE',
  'E_EMBEDDER_REFUSED',
  'E_EMBEDDER_CONFIG',
  'E_EMBEDDER_RESPONSE',
] as const;

export type KnowledgeErrorCode = (typeof KNOWLEDGE_ERROR_CODES)[number];

/** The one error class of knowledge/; `cause` keeps the underlying error for logs. */
export class KnowledgeError extends Error {
  readonly code: KnowledgeErrorCode;

  constructor(code: KnowledgeErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'KnowledgeError';
    this.code = code;
  }
}

/** True when `err` is a {@link KnowledgeError}, optionally with the given code. */
export function isKnowledgeError(err: unknown, code?: KnowledgeErrorCode): err is KnowledgeError {
  return err instanceof KnowledgeError && (code === undefined || err.code === code);
}
