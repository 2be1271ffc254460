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
import type { BotStorage } from './storage/index.ts';
import { vietnamDate, type AnswerLike, type Answerer } from './worker.ts';

export interface ApiDeps {
  store: BotStorage; answer: Answerer; toJson: (result: AnswerLike) => unknown; metrics: BotMetrics; now: () => number;
  ready: () => boolean;
  /** What /readyz reports about this instance besides index and db (engine, instance id, knowledge version). */
  describe?: () => Record<string, unknown>;
  conversationIdleMs: number;
}

const askSchema = z.object({
  question: z.string().trim().min(1, 'question must not be empty').max(2000, 'question is longer than 2000 characters'),
  sessionId: z.string().trim().min(1).max(100).optional().describe('keeps a conversation: follow-ups are read in its context'),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be YYYY-MM-DD').optional().describe('answer as of this day (default: today in Vietnam)'),
});

export async function apiRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const conversations = new Conversations(deps.store, deps.conversationIdleMs);

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const index = deps.ready();
    const db = deps.store.isOpen && await deps.store.checkWritable(deps.now());
    return reply.code(index && db ? 200 : 503).send({ ready: index && db, index, db, ...deps.describe?.() });
  });

  app.get('/metrics', async (_req, reply) =>
    reply.type(deps.metrics.contentType).send(await deps.metrics.render()));

  app.post('/api/ask', { schema: { summary: 'Answer a question with citations (the JSON shape is in the README)', body: askSchema } }, async (req, reply) => {
    const { question, sessionId, asOf } = req.body;
    const key = sessionId ? `api:${sessionId}` : null;
    const started = deps.now();
    deps.metrics.messagesIn.inc({ channel: 'api', kind: 'text' });
    try {
      const history = key ? await conversations.history(key, started) : [];
      const result = await deps.answer(question, { history, asOf: asOf ?? vietnamDate(started) });
      deps.metrics.answerSeconds.observe((deps.now() - started) / 1000);
      if (result.refused) deps.metrics.refusals.inc({ channel: 'api' });
      if (key) await conversations.record(key, { question: maskPersonalData(question), topicDocumentId: result.topicDocumentId, at: new Date(started).toISOString() }, deps.now());
      deps.metrics.messagesOut.inc({ channel: 'api' });
      return deps.toJson(result);
    } catch (err) {
      deps.metrics.answerFailures.inc();
      req.log.error({ err: { code: (err as { code?: string }).code, message: maskPersonalData(String((err as Error)?.message ?? err)) } }, 'answer failed');
      return reply.code(503).send({ code: 'E_ANSWER_FAILED', message: 'could not answer right now; try again or call Tổng đài 1022' });
    }
  });
}
