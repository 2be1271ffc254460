/**
 * Errors that leave answer/: each has a code and a message that says what to do. Messages never contain keys.
 */
export const ANSWER_ERROR_CODES = {
  E_AS_OF_INVALID: 'The "as of" day must be a real date written YYYY-MM-DD, e.g. 2026-11-27.',
  E_LLM_CONFIG:
    'The LLM settings are invalid; fix LLM_BASE_URL / LLM_MODEL / LLM_TIMEOUT_MS or unset LLM_BASE_URL to stay extractive.',
  E_LLM_TIMEOUT:
    'The LLM endpoint did not answer in time; the extractive answer was used. Raise LLM_TIMEOUT_MS or check the server.',
  E_LLM_UNREACHABLE:
    'The LLM endpoint could not be reached or failed; the extractive answer was used. Check LLM_BASE_URL and that the server is up.',
  E_LLM_NO_CITATION: 'The LLM reply cited no retrieved passage; the extractive answer was used.',
  E_CONFIG: 'The configuration is invalid; fix the listed variables.',
  E_ARGS: 'Bad command-line arguments; see the usage line.',
} as const;

export type AnswerErrorCode = keyof typeof ANSWER_ERROR_CODES;

export class AnswerError extends Error {
  readonly code: AnswerErrorCode;

  constructor(code: AnswerErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(
      detail ? `${code}: ${detail} — ${ANSWER_ERROR_CODES[code]}` : `${code}: ${ANSWER_ERROR_CODES[code]}`,
      options,
    );
    this.name = 'AnswerError';
    this.code = code;
  }
}

/** The code of an error from any folder, or 'E_UNKNOWN'. */
export function codeOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    return (err as { code: string }).code;
  }
  return 'E_UNKNOWN';
}
