/**
 * bot/ — the public face: the Fastify service with the Zalo OA and Zalo Bot Platform channels, the durable
 * inbox/outbox, and the HTTP API. `npm start` runs start-cli.ts; tests and the bench use buildApp().
 */

// Building and running the service.
export { buildApp, BODY_LIMIT, type BotDeps, type BotRuntime } from './app.ts';
export { startService } from './service.ts';
export {
  loadConfig,
  channelSummary,
  envExample,
  SETTINGS,
  type BotConfig,
  type OaConfig,
  type ZaloBotConfig,
} from './config.ts';
export type { Answerer, AnswerLike } from './worker.ts';

// Errors and privacy helpers other programs may reuse.
export { BotError, BOT_ERRORS, isBotError, type BotErrorCode } from './errors.ts';
export { maskPersonalData } from './mask.ts';

// Zalo building blocks.
export { splitReply, ZALO_TEXT_LIMIT } from './split-reply.ts';
export { oaSignature, verifyOaSignature } from './oa-signature.ts';
