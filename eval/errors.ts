/** Errors raised by the evaluation harness; `code` is stable, the message says what to do. */
export type EvalErrorCode =
  'E_QUESTIONS_INVALID' | 'E_QUESTIONS_UNREADABLE' | 'E_EVAL_ARGS' | 'E_EVAL_CONFIG' | 'E_EVAL_BELOW_FLOOR';

export class EvalError extends Error {
  readonly code: EvalErrorCode;
  constructor(code: EvalErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'EvalError';
    this.code = code;
  }
}
