/**
 * /admin/api/search (retrieval test), /admin/api/questions (+ .csv) and /admin/api/curated.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { foldText, sectionLabel, type KnowledgeBase, type SearchHit } from '../../knowledge/index.ts';
import {
  QUESTION_STATUSES,
  WebError,
  type CuratedCitation,
  type QuestionRow,
  type QuestionStatus,
} from '../runtime/index.ts';
import type { AdminPluginOptions } from './admin-options.ts';
import { questionsCsv } from './csv.ts';

const searchBody = z.object({
  query: z.string().trim().min(1).max(500),
  k: z.number().int().min(1).max(50).default(10),
});
const questionPatch = z
  .object({
    status: z.enum(QUESTION_STATUSES as [QuestionStatus, ...QuestionStatus[]]).optional(),
    assignee: z.string().trim().max(100).nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();
const curatedBody = z.object({
  question: z.string().trim().min(3).max(500),
  variants: z.array(z.string().trim().min(3).max(500)).max(50).default([]),
  answer: z.string().trim().min(1).max(2000),
  citations: z
    .array(z.object({ documentId: z.string().trim().min(1), section: z.string().trim().max(300).optional() }))
    .min(1)
    .max(10),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });

/** Topic groups, the groups needing most attention (refused or 👎) first. */
export function groupByTopic(
  rows: readonly QuestionRow[],
): Array<{ topic: string; attention: number; questions: QuestionRow[] }> {
  const groups = new Map<string, QuestionRow[]>();
  for (const q of rows) {
    const topic = q.topic ?? (q.refused ? 'Chưa trả lời được' : 'Khác');
    groups.set(topic, [...(groups.get(topic) ?? []), q]);
  }
  return [...groups.entries()]
    .map(([topic, questions]) => ({
      topic,
      attention: questions.filter((q) => q.refused || q.rating < 0).length,
      questions,
    }))
    .sort(
      (a, b) =>
        b.attention - a.attention || b.questions.length - a.questions.length || a.topic.localeCompare(b.topic, 'vi'),
    );
}

/** Why a hit matched: which query terms occur in the title, the section path and the text. */
export function explainHit(hit: SearchHit): { title: string[]; section: string[]; text: string[] } {
  const has = (hay: string, term: string) => foldText(hay).includes(foldText(term));
  const terms = hit.matchedTerms;
  return {
    title: terms.filter((t) => has(hit.document.title, t)),
    section: terms.filter((t) => has(sectionLabel(hit.chunk.sectionPath), t)),
    text: terms.filter((t) => has(hit.chunk.text, t)),
  };
}

/** Turns {documentId, section} references into full citations from the live base. Error: E_CITATION_UNKNOWN. */
export function resolveCitations(
  kb: KnowledgeBase,
  refs: Array<{ documentId: string; section?: string }>,
): CuratedCitation[] {
  return refs.map((ref, i) => {
    const meta = kb.document(ref.documentId);
    if (!meta)
      throw new WebError('E_CITATION_UNKNOWN', `no live document "${ref.documentId}"; pick one from the document list`);
    const chunks = kb.chunksOf(meta.id);
    const wanted = ref.section ? foldText(ref.section) : '';
    const chunk =
      chunks.find((c) => wanted && foldText(sectionLabel(c.sectionPath)).includes(wanted)) ??
      (wanted ? undefined : chunks[0]);
    if (!chunk)
      throw new WebError('E_CITATION_UNKNOWN', `"${ref.documentId}" has no section matching "${ref.section}"`);
    return {
      n: i + 1,
      documentId: meta.id,
      title: meta.title,
      number: meta.number,
      section: sectionLabel(chunk.sectionPath),
      page: chunk.page,
      text: chunk.text.slice(0, 600),
    };
  });
}

const statusQuery = z.object({ status: z.enum(QUESTION_STATUSES as [QuestionStatus, ...QuestionStatus[]]).optional() });

export async function insightRoutes(root: FastifyInstance, o: AdminPluginOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/search',
    {
      schema: {
        summary: 'Retrieval test: ranked chunks with fused, lexical and vector scores and the matched terms per field',
        body: searchBody,
      },
    },
    async (req) => {
      const { query, k } = req.body;
      const hits = await o.holder.current().search(query, { k });
      return {
        query,
        hits: hits.map((h, i) => ({
          rank: i + 1,
          score: h.score,
          lexicalScore: h.lexicalScore,
          vectorScore: h.vectorScore,
          matchedTerms: h.matchedTerms,
          matchedIn: explainHit(h),
          documentId: h.document.id,
          title: h.document.title,
          number: h.document.number,
          section: sectionLabel(h.chunk.sectionPath),
          page: h.chunk.page,
          field: h.chunk.field ?? null,
          text: h.chunk.text,
        })),
      };
    },
  );

  app.get(
    '/api/questions',
    {
      schema: { summary: 'Asked questions (masked) grouped by topic, refused and 👎 first', querystring: statusQuery },
    },
    async (req) => {
      const { status } = req.query;
      const rows = await o.store.listQuestions({ status });
      return { total: rows.length, groups: groupByTopic(rows) };
    },
  );
  app.get(
    '/api/questions.csv',
    { schema: { summary: 'All questions as CSV (UTF-8 with BOM)' } },
    async (_req, reply) => {
      // Read before any header is set: a failed read answers a coded error, not half a CSV file.
      const rows = await o.store.listQuestions();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="cau-hoi.csv"')
        .send(questionsCsv(rows));
    },
  );
  app.patch(
    '/api/questions/:id',
    {
      schema: {
        summary: 'Mark needs_document / assigned / resolved, set assignee and note',
        params: idParam,
        body: questionPatch,
      },
    },
    async (req) => {
      return o.store.updateQuestion(req.params.id, req.body);
    },
  );

  app.get('/api/curated', { schema: { summary: 'Curated answers' } }, async () => ({
    curated: await o.store.curated.list(),
  }));
  app.post(
    '/api/curated',
    { schema: { summary: 'Create a curated answer; it takes precedence over the composed one', body: curatedBody } },
    async (req, reply) => {
      const body = req.body;
      const citations = resolveCitations(o.holder.current(), body.citations);
      return reply.code(201).send(await o.store.curated.save({ ...body, citations }));
    },
  );
  app.put(
    '/api/curated/:id',
    { schema: { summary: 'Replace a curated answer', params: idParam, body: curatedBody } },
    async (req) => {
      const { id } = req.params;
      const body = req.body;
      return o.store.curated.save({ ...body, citations: resolveCitations(o.holder.current(), body.citations) }, id);
    },
  );
  app.delete(
    '/api/curated/:id',
    { schema: { summary: 'Delete a curated answer', params: idParam } },
    async (req, reply) => {
      const { id } = req.params;
      if (!(await o.store.curated.remove(id))) throw new WebError('E_NOT_FOUND', `no curated answer ${id}`);
      return reply.code(204).send();
    },
  );
}
