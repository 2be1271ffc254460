/**
 * /admin/api/search (retrieval test), /admin/api/questions (+ .csv) and /admin/api/curated.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { foldText, sectionLabel, type KnowledgeBase, type SearchHit } from '../../knowledge/index.ts';
import { parseOr400 } from './admin-documents.ts';
import type { AdminPluginOptions } from './admin-plugin.ts';
import type { CuratedCitation } from '../runtime/curated-store.ts';
import { questionsCsv } from './csv.ts';
import { WebError } from '../runtime/errors.ts';
import { QUESTION_STATUSES, type QuestionRow, type QuestionStatus } from '../runtime/web-store.ts';

const searchBody = z.object({ query: z.string().trim().min(1).max(500), k: z.number().int().min(1).max(50).default(10) });
const questionPatch = z.object({
  status: z.enum(QUESTION_STATUSES as [QuestionStatus, ...QuestionStatus[]]).optional(),
  assignee: z.string().trim().max(100).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
}).strict();
const curatedBody = z.object({
  question: z.string().trim().min(3).max(500),
  variants: z.array(z.string().trim().min(3).max(500)).max(50).default([]),
  answer: z.string().trim().min(1).max(2000),
  citations: z.array(z.object({ documentId: z.string().trim().min(1), section: z.string().trim().max(300).optional() })).min(1).max(10),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });

/** Topic groups, the groups needing most attention (refused or 👎) first. */
export function groupByTopic(rows: readonly QuestionRow[]): Array<{ topic: string; attention: number; questions: QuestionRow[] }> {
  const groups = new Map<string, QuestionRow[]>();
  for (const q of rows) {
    const topic = q.topic ?? (q.refused ? 'Chưa trả lời được' : 'Khác');
    groups.set(topic, [...(groups.get(topic) ?? []), q]);
  }
  return [...groups.entries()]
    .map(([topic, questions]) => ({ topic, attention: questions.filter((q) => q.refused || q.rating < 0).length, questions }))
    .sort((a, b) => b.attention - a.attention || b.questions.length - a.questions.length || a.topic.localeCompare(b.topic, 'vi'));
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
export function resolveCitations(kb: KnowledgeBase, refs: Array<{ documentId: string; section?: string }>): CuratedCitation[] {
  return refs.map((ref, i) => {
    const meta = kb.document(ref.documentId);
    if (!meta) throw new WebError('E_CITATION_UNKNOWN', `no live document "${ref.documentId}"; pick one from the document list`);
    const chunks = kb.chunksOf(meta.id);
    const wanted = ref.section ? foldText(ref.section) : '';
    const chunk = chunks.find((c) => wanted && foldText(sectionLabel(c.sectionPath)).includes(wanted)) ?? (wanted ? undefined : chunks[0]);
    if (!chunk) throw new WebError('E_CITATION_UNKNOWN', `"${ref.documentId}" has no section matching "${ref.section}"`);
    return { n: i + 1, documentId: meta.id, title: meta.title, number: meta.number, section: sectionLabel(chunk.sectionPath), page: chunk.page, text: chunk.text.slice(0, 600) };
  });
}

export async function insightRoutes(app: FastifyInstance, o: AdminPluginOptions): Promise<void> {
  app.post('/api/search', async (req) => {
    const { query, k } = parseOr400(searchBody, req.body);
    const hits = await o.holder.current().search(query, { k });
    return {
      query, hits: hits.map((h, i) => ({
        rank: i + 1, score: h.score, lexicalScore: h.lexicalScore, vectorScore: h.vectorScore, matchedTerms: h.matchedTerms,
        matchedIn: explainHit(h), documentId: h.document.id, title: h.document.title, number: h.document.number,
        section: sectionLabel(h.chunk.sectionPath), page: h.chunk.page, field: h.chunk.field ?? null, text: h.chunk.text,
      })),
    };
  });

  app.get('/api/questions', async (req) => {
    const { status } = parseOr400(z.object({ status: z.enum(QUESTION_STATUSES as [QuestionStatus, ...QuestionStatus[]]).optional() }), req.query);
    const rows = o.store.listQuestions({ status });
    return { total: rows.length, groups: groupByTopic(rows) };
  });
  app.get('/api/questions.csv', async (_req, reply) => reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="cau-hoi.csv"')
    .send(questionsCsv(o.store.listQuestions())));
  app.patch('/api/questions/:id', async (req) => {
    const { id } = parseOr400(idParam, req.params);
    return o.store.updateQuestion(id, parseOr400(questionPatch, req.body));
  });

  app.get('/api/curated', async () => ({ curated: o.store.curated.list() }));
  app.post('/api/curated', async (req, reply) => {
    const body = parseOr400(curatedBody, req.body);
    const citations = resolveCitations(o.holder.current(), body.citations);
    return reply.code(201).send(o.store.curated.save({ ...body, citations }));
  });
  app.put('/api/curated/:id', async (req) => {
    const { id } = parseOr400(idParam, req.params);
    const body = parseOr400(curatedBody, req.body);
    return o.store.curated.save({ ...body, citations: resolveCitations(o.holder.current(), body.citations) }, id);
  });
  app.delete('/api/curated/:id', async (req, reply) => {
    const { id } = parseOr400(idParam, req.params);
    if (!o.store.curated.remove(id)) throw new WebError('E_NOT_FOUND', `no curated answer ${id}`);
    return reply.code(204).send();
  });
}
