/**
 * webChatPlugin: the officials' chat page at GET /, its assets under /static/, POST /api/feedback and
 * GET /api/sources (dates and status of cited documents, for the source snippets). The page asks through
 * POST /api/ask, which the service provides (bot/routes-api.ts; web/test/server.ts in the browser tests).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { WebError, errorBody, isWebError } from '../runtime/errors.ts';
import type { KnowledgeHolder } from '../runtime/knowledge-holder.ts';
import { sendStatic } from './static-files.ts';
import type { WebStore } from '../runtime/web-store.ts';

export interface WebChatPluginOptions {
  store: WebStore;
  /** For /api/sources; without it the page shows citations without dates. */
  holder?: KnowledgeHolder;
  /** Feedback posts per minute per address (default 30). */
  feedbackPerMinute?: number;
  now?: () => number;
}

const ASSETS = ['chat.js', 'chat.css', 'base.css', 'dom.js'];

const feedbackBody = z.object({
  questionId: z.number().int().positive().nullable().optional(),
  sessionId: z.string().trim().max(100).optional(),
  question: z.string().trim().max(2000).optional(),
  rating: z.enum(['up', 'down']),
  comment: z.string().trim().max(2000).optional(),
}).refine((b) => b.questionId != null || (b.question ?? '') !== '', { message: 'send questionId (or the question text)' });

/** The chat page plugin. Register it without a prefix: `await app.register(webChatPlugin, { store, holder })`. */
export const webChatPlugin: FastifyPluginAsync<WebChatPluginOptions> = async (app, opts) => {
  const now = opts.now ?? Date.now;
  const perMinute = opts.feedbackPerMinute ?? 30;
  const hits = new Map<string, number[]>();

  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    if (isWebError(err)) return reply.code(err.status).send(errorBody(err));
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    return reply.code(status).send({ code: status === 500 ? 'E_INTERNAL' : 'E_BAD_REQUEST', message: status === 500 ? 'internal error' : err.message });
  });

  app.get('/', async (_req, reply) => sendStatic(reply, 'chat.html'));
  app.get('/static/:name', async (req, reply) => {
    const { name } = req.params as { name: string };
    if (!ASSETS.includes(name)) throw new WebError('E_NOT_FOUND', `no asset ${name}`);
    return sendStatic(reply, name);
  });

  app.post('/api/feedback', async (req, reply) => {
    const t = now();
    const recent = (hits.get(req.ip) ?? []).filter((at) => at > t - 60_000);
    if (recent.length >= perMinute) throw new WebError('E_RATE_LIMITED', 'too much feedback from this address; wait a minute');
    hits.set(req.ip, [...recent, t]);
    const parsed = feedbackBody.safeParse(req.body);
    if (!parsed.success) throw new WebError('E_BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const b = parsed.data;
    const id = opts.store.addFeedback({
      questionId: b.questionId ?? null, session: b.sessionId ?? null, rating: b.rating === 'up' ? 1 : -1,
      comment: b.comment ? b.comment : null, question: b.question ?? null,
    });
    return reply.code(201).send({ id });
  });

  app.get('/api/sources', async (req) => {
    const { ids } = z.object({ ids: z.string().max(2000).default('') }).parse(req.query);
    const kb = opts.holder?.current();
    const sources = ids.split(',').filter(Boolean).slice(0, 20).flatMap((id) => {
      const m = kb?.document(id);
      return m ? [{ id: m.id, title: m.title, number: m.number, issueDate: m.issueDate, effectiveDate: m.effectiveDate,
        expiryDate: m.expiryDate, supersededBy: m.supersededBy, lastChecked: m.lastChecked ?? null, sourceUrl: m.sourceUrl }] : [];
    });
    return { sources };
  });
};
