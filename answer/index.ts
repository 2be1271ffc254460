/**
 * answer/ — the public face. Used by the bot, the eval harness and the ask/chat CLIs.
 */

// Used by every channel.
export { answer } from './answer.ts';
export { DEFAULT_K } from './find-hits.ts';
export { toRetrieved } from './results.ts';
export { prepareBaseTables } from './base-tables.ts';
export type {
  AnswerContext,
  AnswerGenerator,
  AnswerMode,
  AnswerResult,
  Citation,
  Continuation,
  Generator,
  GeneratorInput,
  GeneratorPassage,
  RetrievedChunk,
  Turn,
} from './types.ts';
export { MAX_REPLY_CHARS } from './types.ts';

// Optional generative mode.
export {
  createGenerator,
  llmConfigSchema,
  DEFAULT_LLM_TIMEOUT_MS,
  SYSTEM_INSTRUCTIONS,
  type LlmConfig,
} from './generator.ts';

// Errors, refusal wording and the calibrated threshold (for the eval report).
export { AnswerError, ANSWER_ERROR_CODES, type AnswerErrorCode } from './errors.ts';
export { HOTLINE } from './refusal.ts';
export { EVIDENCE_THRESHOLD } from './evidence.ts';

// The stable JSON shape printed by `npm run ask -- --json`.
export { toAskJson, type AskJson } from './ask-json.ts';
