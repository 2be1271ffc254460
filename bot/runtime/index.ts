/**
 * bot/runtime/ — the bottom of the service, under every channel: the live knowledge holder, the background
 * re-index, the content library, the question/feedback/curated store, masking, coded errors, and the HTTP
 * basics (schemas, OpenAPI, security headers, rate limits, the one error handler). It imports nothing from
 * the rest of bot/; the channels (bot/*.ts, bot/web/) import it only through this file.
 */

// Wiring: built once at start-up (bot/start-cli.ts) and handed to buildApp.
export { createWebRuntime, type WebRuntime, type WebRuntimeOptions } from './runtime.ts';
export {
  httpBasics,
  errorHandler,
  errorReply,
  redactUrl,
  CSP_DIRECTIVES,
  type HttpBasicsOptions,
  type RouteLimit,
  type ErrorBody,
} from './http-basics.ts';

// The pieces, for the console and for wiring them differently.
export { KnowledgeHolder, type KnowledgeHolderOptions } from './knowledge-holder.ts';
export { Reindexer, type ReindexStatus, type ReindexerOptions, type ReindexLock } from './reindexer.ts';
export type { DocumentReport } from './reindex-report.ts';
export { DEFAULT_REINDEX_CAPS, type ReindexCaps } from './reindex-worker.ts';
export { ContentLibrary, DOC_FOLDERS, type DocFolder, type StoredSource } from './content-library.ts';
export {
  QUESTION_STATUSES,
  applyPatch,
  type WebStore,
  type QuestionPatch,
  type QuestionRecord,
  type QuestionRow,
  type QuestionStatus,
  type FeedbackInput,
} from './web-store.ts';
export {
  questionKey,
  curatedKeys,
  phrasingTaken,
  type CuratedAnswers,
  type CuratedAnswer,
  type CuratedCitation,
  type CuratedInput,
} from './curated-store.ts';
export {
  withCurated,
  withQuestionLog,
  toWebAskJson,
  type AnswerFn,
  type AnswerCallContext,
  type AnswerChannel,
  type WebAnswerResult,
} from './answer-wrappers.ts';
export { UPLOAD_LIMIT_BYTES, UPLOAD_EXTENSIONS, checkUpload, safeFileName } from './upload-check.ts';
export { maskPersonalData } from './mask.ts';

// Errors
export { WebError, WEB_ERRORS, isWebError, errorBody, type WebErrorCode } from './errors.ts';
