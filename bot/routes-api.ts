/**
 * The HTTP API for officials and operators: POST /api/ask (the answer JSON), GET /healthz, /readyz, /metrics.
 * /api/ask answers synchronously (no Zalo involved) and keeps a conversation per sessionId.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Conversations } from './conversation.ts';
import { maskPersonalData } from './mask.ts';
import type { BotMetrics } from './metrics.ts';
import type { OaTokenStatus } from './oa-tokens.ts';
import { WindowLimiter } from './rate-limit.ts';
import type { BotStore } from './store.ts';
import { vietnamDate, type AnswerLike, type Answerer } from './worker.ts';

export interface ApiDeps {
  store: BotStore; answer: Answerer; toJson: (result: AnswerLike) => unknown; metrics: BotMetrics; now: () => number;
  ready: () => boolean; perMinutePerIp: number; conversationIdleMs: number;
  /** Zalo channels failing for over a minute, and the OA token status (null when the OA channel is off). */
  zaloStatus?: () => { outages: string[]; oa: OaTokenStatus | null };
}

const askSchema = z.object({
  question: z.string().trim().min(1, 'question must not be empty').max(2000, 'question is longer than 2000 characters'),
  sessionId: z.string().trim().min(1).max(100).optional(),
  /** Also return the retrieved passages (trimmed previews); off by default. */
  passages: z.boolean().optional(),
});

/** Longest passage text /api/ask returns; the full text is in the cited document. */
export const PREVIEW_CHARS = 400;

const preview = (t: unknown): unknown => (typeof t === 'string' && t.length > PREVIEW_CHARS ? `${t.slice(0, PREVIEW_CHARS)}…` : t);
const trimTexts = (list: unknown): unknown =>
  (Array.isArray(list) ? list.map((c) => (c && typeof c === 'object' ? { ...(c as object), text: preview((c as { text?: unknown }).text) } : c)) : list);

/**
 * The public /api/ask body: citations with their text trimmed to a preview, and the retrieved passages only
 * when asked for (issue 10, defect 8: a 40-byte question must not return megabytes of corpus).
 */
function forApi(json: unknown, passages: boolean): unknown {
  if (!json || typeof json !== 'object') return json;
  // Same keys in the same order as answer/'s stable ask JSON, minus what was not asked for.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'retrieved') { if (passages) out[key] = trimTexts(value); } else out[key] = key === 'citations' ? trimTexts(value) : value;
  }
  return out;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export async function apiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const limiter = new WindowLimiter(deps.perMinutePerIp, 60_000);
  const conversations = new Conversations(deps.store, deps.conversationIdleMs);

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const index = deps.ready();
    const db = deps.store.isOpen && deps.store.checkWritable(deps.now());
    const zalo = deps.zaloStatus?.() ?? { outages: [], oa: null };
    // Red during a Zalo outage or when the OA needs re-authorizing: users are not being answered.
    const zaloOk = zalo.outages.length === 0 && !zalo.oa?.problem;
    const ready = index && db && zaloOk;
    const oa = zalo.oa && {
      problem: zalo.oa.problem, refreshTokenNearEnd: zalo.oa.refreshTokenNearEnd,
      accessTokenExpiresAt: iso(zalo.oa.accessTokenExpiresAt), refreshTokenExpiresAt: iso(zalo.oa.refreshTokenExpiresAt),
    };
    const outboxPending = db ? deps.store.pendingOutboxCount() : null;
    return reply.code(ready ? 200 : 503).send({ ready, index, db, zalo: { ok: zaloOk, outages: zalo.outages, oa }, outboxPending });
  });

  app.get('/metrics', async (_req, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(deps.metrics.render()));

  app.post('/api/ask', async (req, reply) => {
    if (!limiter.hit(req.ip, deps.now())) {
      deps.metrics.rateLimited.inc({ scope: 'api-ip' });
      return reply.code(429).send({ code: 'E_RATE_LIMITED', message: 'too many questions from this address; wait a minute' });
    }
    const parsed = askSchema.safeParse(req.body);
    if (!parsed.success) {
      return reply.code(400).send({ code: 'E_BAD_REQUEST', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
    }
    const { question, sessionId, passages } = parsed.data;
    const key = sessionId ? `api:${sessionId}` : null;
    const started = deps.now();
    deps.metrics.messagesIn.inc({ channel: 'api', kind: 'text' });
    try {
      const history = key ? conversations.history(key, started) : [];
      // The chat page calls from its own origin; anything else is an API client.
      const channel = req.headers['sec-fetch-site'] === 'same-origin' ? 'web' : 'api';
      const result = await deps.answer(question, { history, asOf: vietnamDate(started), channel, session: sessionId ?? null });
      deps.metrics.answerSeconds.observe((deps.now() - started) / 1000);
      if (result.refused) deps.metrics.refusals.inc({ channel: 'api' });
      if (key) conversations.record(key, { question: maskPersonalData(question), topicDocumentId: result.topicDocumentId, at: new Date(started).toISOString() }, deps.now());
      deps.metrics.messagesOut.inc({ channel: 'api' });
      return forApi(deps.toJson(result), passages === true);
    } catch (err) {
      deps.metrics.answerFailures.inc();
      req.log.error({ err: { code: (err as { code?: string }).code, message: maskPersonalData(String((err as Error)?.message ?? err)) } }, 'answer failed');
      return reply.code(503).send({ code: 'E_ANSWER_FAILED', message: 'could not answer right now; try again or call Tổng đài 1022' });
    }
  });
}
