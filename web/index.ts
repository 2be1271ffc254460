/**
 * web/ — the public face: the officials' chat page, the content-team console, and the runtime pieces
 * (live knowledge holder, background re-index, question/feedback/curated store) the bot wires in.
 */

// Used by bot/app.ts: the two plugins and what they share.
export { webChatPlugin, type WebChatPluginOptions } from './chat-plugin.ts';
export { adminPlugin, type AdminPluginOptions } from './admin-plugin.ts';
export { createWebRuntime, type WebRuntime, type WebRuntimeOptions } from './runtime.ts';

// The runtime pieces, for wiring them differently.
export { KnowledgeHolder, type KnowledgeHolderOptions } from './knowledge-holder.ts';
export { Reindexer, type ReindexStatus, type ReindexerOptions } from './reindexer.ts';
export { ContentLibrary, DOC_FOLDERS, type DocFolder, type StoredSource } from './content-library.ts';
export { WebStore, QUESTION_STATUSES, type QuestionRecord, type QuestionRow, type QuestionStatus, type FeedbackInput } from './web-store.ts';
export { questionKey, type CuratedAnswer, type CuratedCitation, type CuratedInput } from './curated-store.ts';
export { withCurated, withQuestionLog, toWebAskJson, type AnswerFn, type AnswerCallContext, type AnswerChannel, type WebAnswerResult } from './answer-wrappers.ts';
export { UPLOAD_LIMIT_BYTES, UPLOAD_EXTENSIONS } from './upload-check.ts';
export { maskPersonalData } from './mask.ts';

// Errors
export { WebError, WEB_ERRORS, isWebError, type WebErrorCode } from './errors.ts';
