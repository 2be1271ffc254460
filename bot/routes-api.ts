/**
 * The HTTP API for officials and operators: POST /api/ask (the answer JSON), GET /healthz, /readyz, /metrics.
 * /api/ask answers synchronously (no Zalo involved) and keeps a conversation per sessionId.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Conversations } from './conversation.ts';
import { maskPersonalData } from './mask.ts';
import type { BotMetrics } from './metrics.ts';
import type { OaTokenStatus } from './oa-tokens.ts';
import type { BotStorage } from './storage/index.ts';
import { vietnamDate, type AnswerLike, type Answerer } from './worker.ts';

export interface ApiDeps {
  store: BotStorage;
  answer: Answerer;
  toJson: (result: AnswerLike) => unknown;
  metrics: BotMetrics;
  now: () => number;
  ready: () => boolean;
  /** What /readyz reports about this instance besides index and db (engine, instance id, knowledge version). */
  describe?: () => Record<string, unknown>;
  conversationIdleMs: number;
  /** Zalo channels failing for over a minute, and the OA token status (null when the OA channel is off). */
  zaloStatus?: () => { outages: string[]; oa: OaTokenStatus | null };
}

const askSchema = z.object({
  question: z.string().trim().min(1, 'question must not be empty').max(2000, 'question is longer than 2000 characters'),
  sessionId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('keeps a conversation: follow-ups are read in its context'),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be YYYY-MM-DD')
    .optional()
    .describe('answer as of this day (default: today in Vietnam)'),
  passages: z.boolean().optional().describe('also return the retrieved passages (trimmed previews); off by default'),
});

/** Longest passage text /api/ask returns; the full text is in the cited document. */
export const PREVIEW_CHARS = 400;

const preview = (t: unknown): unknown =>
  typeof t === 'string' && t.length > PREVIEW_CHARS ? `${t.slice(0, PREVIEW_CHARS)}…` : t;
const trimTexts = (list: unknown): unknown =>
  Array.isArray(list)
    ? list.map((c) =>
        c && typeof c === 'object' ? { ...(c as object), text: preview((c as { text?: unknown }).text) } : c,
      )
    : list;

/**
 * The public /api/ask body: citations with their text trimmed to a preview, and the retrieved passages only
 * when asked for (issue 10, defect 8: a 40-byte question must not return megabytes of corpus).
 */
function forApi(json: unknown, passages: boolean): unknown {
  if (!json || typeof json !== 'object') return json;
  // Same keys in the same order as answer/'s stable ask JSON, minus what was not asked for.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'retrieved') {
      if (passages) out[key] = trimTexts(value);
    } else out[key] = key === 'citations' ? trimTexts(value) : value;
  }
  return out;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export async function apiRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const conversations = new Conversations(deps.store, deps.conversationIdleMs);

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const index = deps.ready();
    const db = deps.store.isOpen && (await deps.store.checkWritable(deps.now()));
    const zalo = deps.zaloStatus?.() ?? { outages: [], oa: null };
    // Red during a Zalo outage or when the OA needs re-authorizing: users are not being answered.
    const zaloOk = zalo.outages.length === 0 && !zalo.oa?.problem;
    const ready = index && db && zaloOk;
    const oa = zalo.oa && {
      problem: zalo.oa.problem,
      refreshTokenNearEnd: zalo.oa.refreshTokenNearEnd,
      accessTokenExpiresAt: iso(zalo.oa.accessTokenExpiresAt),
      refreshTokenExpiresAt: iso(zalo.oa.refreshTokenExpiresAt),
    };
    const outboxPending = db ? await deps.store.pendingOutboxCount() : null;
    return reply.code(ready ? 200 : 503).send({
      ready,
      index,
      db,
      zalo: { ok: zaloOk, outages: zalo.outages, oa },
      outboxPending,
      ...deps.describe?.(),
    });
  });

  app.get('/metrics', async (_req, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.render()));

  app.post(
    '/api/ask',
    { schema: { summary: 'Answer a question with citations (the JSON shape is in the README)', body: askSchema } },
    async (req, reply) => {
      const { question, sessionId, asOf, passages } = req.body;
      const key = sessionId ? `api:${sessionId}` : null;
      const started = deps.now();
      deps.metrics.messagesIn.inc({ channel: 'api', kind: 'text' });
      try {
        const history = key ? await conversations.history(key, started) : [];
        // The chat page calls from its own origin; anything else is an API client.
        const channel = req.headers['sec-fetch-site'] === 'same-origin' ? 'web' : 'api';
        const result = await deps.answer(question, {
          history,
          asOf: asOf ?? vietnamDate(started),
          channel,
          session: sessionId ?? null,
        });
        deps.metrics.answerSeconds.observe((deps.now() - started) / 1000);
        if (result.refused) deps.metrics.refusals.inc({ channel: 'api' });
        if (key)
          await conversations.record(
            key,
            {
              question: maskPersonalData(question),
              topicDocumentId: result.topicDocumentId,
              at: new Date(started).toISOString(),
            },
            deps.now(),
          );
        deps.metrics.messagesOut.inc({ channel: 'api' });
        return forApi(deps.toJson(result), passages === true);
      } catch (err) {
        deps.metrics.answerFailures.inc();
        req.log.error(
          {
            err: {
              code: (err as { code?: string }).code,
              message: maskPersonalData(String((err as Error)?.message ?? err)),
            },
          },
          'answer failed',
        );
        return reply
          .code(503)
          .send({ code: 'E_ANSWER_FAILED', message: 'could not answer right now; try again or call Tổng đài 1022' });
      }
    },
  );
}
