/**
 * webChatPlugin: the officials' chat page at GET /, its assets under /static/, POST /api/feedback and
 * GET /api/sources (dates and status of cited documents, for the source snippets). The page asks through
 * POST /api/ask, which the service provides (bot/routes-api.ts; web/test/server.ts in the browser tests).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WebError, type KnowledgeHolder, type WebStore } from '../runtime/index.ts';
import { sendStatic } from './static-files.ts';

export interface WebChatPluginOptions {
  store: WebStore;
  /** For /api/sources; without it the page shows citations without dates. */
  holder?: KnowledgeHolder;
  /** Feedback posts per minute per address (default 30). */
  feedbackPerMinute?: number;
}

const ASSETS = ['chat.js', 'chat.css', 'base.css', 'dom.js', 'favicon.svg'];
const hidden = { hide: true };

const feedbackBody = z
  .object({
    questionId: z.number().int().positive().nullable().optional(),
    sessionId: z.string().trim().max(100).optional(),
    question: z.string().trim().max(2000).optional(),
    rating: z.enum(['up', 'down']),
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.questionId != null || (b.question ?? '') !== '', {
    message: 'send questionId (or the question text)',
  });

/** The chat page plugin. Register it without a prefix: `await app.register(webChatPlugin, { store, holder })`. */
export const webChatPlugin: FastifyPluginAsync<WebChatPluginOptions> = async (root, opts) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const limit = { perMinute: opts.feedbackPerMinute ?? 30, scope: 'feedback-ip' };

  app.get('/', { schema: hidden }, async (_req, reply) => sendStatic(reply, 'chat.html'));
  app.get('/favicon.ico', { schema: hidden }, async (_req, reply) => sendStatic(reply, 'favicon.svg'));
  app.get('/static/:name', { schema: hidden }, async (req, reply) => {
    const { name } = req.params as { name: string };
    if (!ASSETS.includes(name)) throw new WebError('E_NOT_FOUND', `no asset ${name}`);
    return sendStatic(reply, name);
  });

  app.post(
    '/api/feedback',
    { schema: { summary: '👍/👎 with an optional comment on one answer', body: feedbackBody }, config: { limit } },
    async (req, reply) => {
      const b = req.body;
      const id = await opts.store.addFeedback({
        questionId: b.questionId ?? null,
        session: b.sessionId ?? null,
        rating: b.rating === 'up' ? 1 : -1,
        comment: b.comment ? b.comment : null,
        question: b.question ?? null,
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/sources',
    {
      schema: {
        summary: 'Dates and status of cited documents (ids: comma-separated)',
        querystring: z.object({ ids: z.string().max(2000).default('') }),
      },
    },
    async (req) => {
      const { ids } = req.query;
      const kb = opts.holder?.current();
      const sources = ids
        .split(',')
        .filter(Boolean)
        .slice(0, 20)
        .flatMap((id) => {
          const m = kb?.document(id);
          return m
            ? [
                {
                  id: m.id,
                  title: m.title,
                  number: m.number,
                  issueDate: m.issueDate,
                  effectiveDate: m.effectiveDate,
                  expiryDate: m.expiryDate,
                  supersededBy: m.supersededBy,
                  lastChecked: m.lastChecked ?? null,
                  sourceUrl: m.sourceUrl,
                },
              ]
            : [];
        });
      return { sources };
    },
  );
};
