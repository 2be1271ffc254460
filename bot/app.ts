/**
 * buildApp(config, deps): the whole service as a Fastify instance, not listening yet (start-cli.ts listens; tests
 * inject or listen on port 0). Order: logger and limits → store, clients, worker → hooks → routes.
 */
import axios, { type AxiosInstance } from 'axios';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import os from 'node:os';
import type { DestinationStream } from 'pino';
import { httpBasics, redactUrl, type RouteLimit, type WebRuntime } from './runtime/index.ts';
import { adminPlugin, consoleOffPlugin, webChatPlugin } from './web/index.ts';
import { ZaloBotClient } from './bot-client.ts';
import { channelSummary, type BotConfig } from './config.ts';
import { createIntake } from './intake.ts';
import { BotMetrics } from './metrics.ts';
import { OaClient } from './oa-client.ts';
import { OaTokens, type Schedule } from './oa-tokens.ts';
import { Poller } from './polling.ts';
import { apiRoutes } from './routes-api.ts';
import { botWebhook, oaWebhook } from './routes-webhooks.ts';
import { openStorage, RetentionJob, type BotStorage, type Purgeable } from './storage/index.ts';
import { Worker, type AnswerLike, type Answerer } from './worker.ts';
import { ZaloReach, type TextSender } from './zalo-http.ts';

/** Largest accepted request body; more gets 413. */
export const BODY_LIMIT = 64 * 1024;

/** What buildApp needs from outside; everything but `answer` has a default. */
export interface BotDeps<R extends AnswerLike = AnswerLike> {
  /** Answers one question (the real one wraps answer/'s answer() with the loaded KnowledgeBase). */
  answer: Answerer<R>;
  /** Shapes an answer for POST /api/ask (start-cli.ts passes answer/'s toAskJson; default: the result as is). */
  toJson?: (result: R) => unknown;
  /** Clock in epoch ms (default Date.now). */
  now?: () => number;
  /** HTTP client for Zalo calls (default a fresh axios instance). */
  http?: AxiosInstance;
  /** Log destination (default stdout); false turns logging off. */
  logStream?: DestinationStream | false;
  /** Whether the search index is loaded, for /readyz (default: always true). */
  ready?: () => boolean;
  /** Randomness for backoff jitter (default Math.random). */
  random?: () => number;
  /** Timer for the OA token refresh (default setTimeout); tests pass a fake clock's. */
  schedule?: Schedule;
  /** Long-poll timeout for the Bot polling mode, seconds (default 30). */
  pollTimeoutS?: number;
  /**
   * The web chat page and, with ADMIN_TOKEN, the content console (web/). The app closes it on shutdown.
   * Absent in tests that only exercise the channels.
   */
  web?: WebRuntime;
}

/** The parts of a built app that start-cli.ts, tests and the bench look at. */
export interface BotRuntime {
  store: BotStorage;
  worker: Worker;
  metrics: BotMetrics;
  poller: Poller | null;
  retention: RetentionJob;
  instanceId: string;
  oaTokens: OaTokens | null;
  reach: ZaloReach;
}

declare module 'fastify' {
  interface FastifyInstance {
    hoidap: BotRuntime;
  }
}

/** Secrets that could appear in request headers; pino replaces them. */
const REDACT = [
  'req.headers["x-zevent-signature"]',
  'req.headers["x-bot-api-secret-token"]',
  'req.headers.access_token',
  'req.headers.secret_key',
  'req.headers.authorization',
  'req.headers.cookie',
];

export async function buildApp<R extends AnswerLike>(config: BotConfig, deps: BotDeps<R>): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now;
  const logger =
    deps.logStream === false
      ? false
      : {
          level: config.logLevel,
          redact: { paths: REDACT, censor: '<redacted>' },
          ...(deps.logStream ? { stream: deps.logStream } : {}),
          serializers: {
            req: (req: FastifyRequest) => ({
              method: req.method,
              url: redactUrl(req.url),
              host: req.host,
              remoteAddress: req.ip,
            }),
          },
        };
  // Only the listed proxies may set the client address (X-Forwarded-For) and protocol; see TRUST_PROXY.
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy === false ? false : [...config.trustProxy],
  });
  // Keep-alive sockets to Zalo: a new TLS connection per message would cost more than the message.
  const http =
    deps.http ??
    axios.create({
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
      maxRedirects: 0,
    });
  const store = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    synchronous: config.dbSynchronous,
    onError: (err) => app.log.error({ code: err.code }, 'database connection lost; reconnecting'),
  });
  const instanceId = config.instanceId ?? `${os.hostname()}:${config.port}`;
  const metrics = new BotMetrics();
  const timeout = config.worker.sendTimeoutMs;

  const senders: Partial<Record<'oa' | 'bot', TextSender>> = {};
  const reach = new ZaloReach(now);
  const oaTokens = config.oa
    ? new OaTokens(store, config.oa, http, now, app.log, timeout, {
        schedule: deps.schedule,
        refreshWarnMs: config.oa.refreshWarnMs,
      })
    : null;
  if (config.oa && oaTokens) senders.oa = reach.track('oa', new OaClient(config.oa, http, oaTokens, timeout));
  const botClient = config.zaloBot ? new ZaloBotClient(config.zaloBot, http, timeout) : null;
  if (botClient) senders.bot = reach.track('bot', botClient);
  registerGauges(metrics, store, oaTokens, now);

  const worker = new Worker({
    store,
    owner: instanceId,
    answer: deps.answer,
    sendLeaseMs: 3 * timeout + 5000,
    senders,
    now,
    log: app.log,
    metrics,
    random: deps.random,
    userPerMinute: config.limits.userPerMinute,
    answerConcurrency: config.worker.answerConcurrency,
    sendConcurrency: config.worker.sendConcurrency,
    outboxMaxAgeMs: config.worker.outboxMaxAgeMs,
    conversationIdleMs: config.worker.conversationIdleMs,
  });
  const intake = createIntake(store, metrics, () => worker.kick());
  const poller =
    botClient && config.zaloBot?.mode === 'polling'
      ? new Poller({ client: botClient, intake, log: app.log, now, timeoutS: deps.pollTimeoutS })
      : null;
  const purgeable: Purgeable[] = [store, ...(deps.web ? [deps.web.store] : [])];
  const retention = new RetentionJob({ stores: purgeable, days: config.retentionDays, now, log: app.log });
  app.decorate('hoidap', { store, worker, metrics, poller, retention, instanceId, oaTokens, reach });

  await httpBasics(app, {
    redisUrl: config.redisUrl,
    limitFor: (method, url) => limitFor(config, method, url),
    onLimited: (scope) => metrics.rateLimited.inc({ scope }),
  });
  app.addHook('onReady', async () => {
    app.log.info(channelSummary(config));
    if (config.oa?.verify === 'log-only') {
      app.log.warn(
        'ZALO_OA_VERIFY=log-only: forged OA webhooks WILL be answered. Use only while onboarding, then set strict.',
      );
    }
    await worker.start();
    retention.start();
    poller?.start();
    // Not awaited: the service listens at once; a send racing the first refresh is retried by the −216 path.
    void oaTokens?.start();
  });
  app.addHook('onClose', async () => {
    await oaTokens?.stop();
    await poller?.stop();
    await worker.stop();
    await retention.stop();
    await store.close();
  });

  const webhookDeps = { config, intake, metrics, now };
  await app.register(oaWebhook, webhookDeps);
  await app.register(botWebhook, webhookDeps);
  await app.register(apiRoutes, {
    store,
    answer: deps.answer,
    toJson: (deps.toJson ?? ((r: R) => r)) as (r: AnswerLike) => unknown,
    metrics,
    now,
    ready: deps.ready ?? (() => true),
    describe: () => ({ instance: instanceId, engine: store.engine, ...deps.web?.holder.describe() }),
    conversationIdleMs: config.worker.conversationIdleMs,
    zaloStatus: () => ({ outages: reach.outages(), oa: oaTokens && store.isOpen ? oaTokens.status() : null }),
  });
  if (deps.web) await registerWeb(app, config, deps.web);
  return app;
}

/** Per-address limits of the routes that do not set their own (the webhooks and POST /api/ask). */
function limitFor(config: BotConfig, method: string, url: string): RouteLimit | undefined {
  if (url.startsWith('/webhooks/')) return { perMinute: config.limits.webhookPerMinutePerIp, scope: 'webhook-ip' };
  if (method === 'POST' && url === '/api/ask') return { perMinute: config.limits.apiPerMinutePerIp, scope: 'api-ip' };
  return undefined;
}

function registerGauges(metrics: BotMetrics, store: BotStorage, oaTokens: OaTokens | null, now: () => number): void {
  metrics.gauge('hoidap_outbox_pending', 'Replies waiting to be delivered (the outbox backlog)', () =>
    store.isOpen ? store.pendingOutboxCount() : null,
  );
  if (!oaTokens) return;
  const left = (at: number | null) => (at === null ? null : Math.round((at - now()) / 1000));
  metrics.gauge('hoidap_zalo_oa_access_token_expires_seconds', 'Seconds until the OA access token expires', () =>
    left(oaTokens.status().accessTokenExpiresAt),
  );
  metrics.gauge(
    'hoidap_zalo_oa_refresh_token_expires_seconds',
    'Seconds until the OA refresh token reaches its 3-month end (absent while its age is unknown)',
    () => left(oaTokens.status().refreshTokenExpiresAt),
  );
  metrics.gauge(
    'hoidap_zalo_oa_reauthorization_needed',
    '1 when the OA refresh token is dead or missing (run npm run zalo:oa-auth)',
    () => (oaTokens.status().problem ? 1 : 0),
  );
}

async function registerWeb(app: FastifyInstance, config: BotConfig, web: WebRuntime): Promise<void> {
  web.onStoreError = (err) =>
    app.log.error(
      { code: (err as { code?: string }).code ?? 'E_STORE' },
      'web store failed; answering went on without it',
    );
  await app.register(webChatPlugin, { store: web.store, holder: web.holder });
  if (config.adminToken)
    await app.register(adminPlugin, { token: config.adminToken, cookieSecure: config.cookieSecure, ...web });
  else await app.register(consoleOffPlugin);
  // After the worker and store hooks: a running re-index finishes before the knowledge bases close.
  app.addHook('onClose', async () => web.close());
}
