/**
 * /admin/api/documents and /admin/api/reindex: list, upload, replace, withdraw, edit metadata, and the
 * background re-index they start. A file that fails to parse is answered 422 and nothing is written.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DocumentMeta } from '../../knowledge/index.ts';
import { DOC_FOLDERS, UPLOAD_LIMIT_BYTES, WebError } from '../runtime/index.ts';
import type { AdminPluginOptions } from './admin-options.ts';

export type DocumentStatus = 'in_force' | 'not_yet_in_force' | 'expired' | 'superseded' | 'withdrawn';

/** One row of the console's document list. */
export interface DocumentRow extends DocumentMeta {
  status: DocumentStatus;
  chunks: number;
  lastIndexed: string | null;
}

const uploadQuery = z.object({ filename: z.string().trim().min(1).max(300), folder: z.enum(DOC_FOLDERS).optional() });
const replaceQuery = z.object({ filename: z.string().trim().min(1).max(300) });
const isoOrEmpty = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')]).nullable();
const textOrEmpty = z.string().trim().max(500).nullable();
const metaPatch = z
  .object({
    title: z.string().trim().min(1).max(500),
    number: textOrEmpty,
    issuer: textOrEmpty,
    issueDate: isoOrEmpty,
    effectiveDate: isoOrEmpty,
    expiryDate: isoOrEmpty,
    supersededBy: textOrEmpty,
    lastChecked: isoOrEmpty,
    type: z.enum(['plan', 'procedure', 'guide', 'legal']),
    audience: z.enum(['residents', 'officials', 'both']),
    sourceUrl: z.union([z.literal(''), z.string().url()]).nullable(),
  })
  .partial()
  .strict();

/** Today in Vietnam (UTC+7) as YYYY-MM-DD. */
export function vietnamToday(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
}

export function documentStatus(meta: DocumentMeta, day: string, withdrawn: boolean): DocumentStatus {
  if (withdrawn) return 'withdrawn';
  if (meta.supersededBy) return 'superseded';
  if (meta.expiryDate && meta.expiryDate < day) return 'expired';
  if (meta.effectiveDate && meta.effectiveDate > day) return 'not_yet_in_force';
  return 'in_force';
}

function bodyBytes(body: unknown): Buffer {
  if (!Buffer.isBuffer(body))
    throw new WebError(
      'E_BAD_REQUEST',
      'send the file as the request body with Content-Type: application/octet-stream',
    );
  return body;
}

const docId = z.object({ id: z.string().min(1).describe('Document id, URL-encoded (guides/abc → guides%2Fabc)') });
const binary = z.unknown().describe('the file itself (Content-Type: application/octet-stream)');

export async function documentRoutes(root: FastifyInstance, o: AdminPluginOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const now = o.now ?? Date.now;
  const mb = Math.round((o.uploadLimitBytes ?? UPLOAD_LIMIT_BYTES) / 1024 / 1024);
  const tooLarge = { code: 'E_UPLOAD_TOO_LARGE', message: `the upload is larger than ${mb} MB` };
  const upload = `Upload at most ${mb} MB: pdf, docx, html, md, txt, or a procedure sheet (yaml/json); parsed before it is stored, then re-indexed in the background`;

  app.get(
    '/api/documents',
    { schema: { summary: 'Documents with metadata, status, chunk count and when each was indexed' } },
    async () => {
      const kb = o.holder.live();
      const indexed = await o.store.indexedTimes();
      const withdrawn = new Set(o.holder.withdrawn());
      const day = vietnamToday(now());
      const documents: DocumentRow[] = kb.documents().map((meta) => ({
        ...meta,
        status: documentStatus(meta, day, withdrawn.has(meta.id)),
        chunks: kb.chunksOf(meta.id).length,
        lastIndexed: indexed.get(meta.id) ?? null,
      }));
      return { documents, generation: o.holder.generation(), reindex: o.reindexer.status() };
    },
  );

  app.post(
    '/api/documents',
    { schema: { summary: upload, querystring: uploadQuery, body: binary }, config: { tooLarge } },
    async (req, reply) => {
      const q = req.query;
      const stored = await o.library.add(q.filename, bodyBytes(req.body), q.folder);
      o.holder.restore(stored.id);
      const reindex = o.reindexer.request(`upload ${stored.relPath}`);
      return reply.code(202).send({ document: summary(stored), reindex });
    },
  );

  app.put(
    '/api/documents/:id/file',
    {
      schema: {
        summary: `Replace a document with a new version (same id). ${upload}`,
        params: docId,
        querystring: replaceQuery,
        body: binary,
      },
      config: { tooLarge },
    },
    async (req, reply) => {
      const { id } = req.params;
      const q = req.query;
      const stored = await o.library.replace(id, q.filename, bodyBytes(req.body));
      o.holder.restore(stored.id);
      return reply
        .code(202)
        .send({ document: summary(stored), reindex: o.reindexer.request(`replace ${stored.relPath}`) });
    },
  );

  app.patch(
    '/api/documents/:id',
    {
      schema: {
        summary: "Edit metadata (written to <file>.meta.yaml); '' removes a declared value, null declares none",
        params: docId,
        body: metaPatch,
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const patch = req.body as Record<string, string | null>;
      const meta = await o.library.editMeta(id, patch);
      return reply.code(202).send({ meta, reindex: o.reindexer.request(`metadata ${id}`) });
    },
  );

  app.delete(
    '/api/documents/:id',
    {
      schema: {
        summary: 'Withdraw: stops citing it at once, moves the file to DATA_DIR/withdrawn, re-indexes',
        params: docId,
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const moved = await o.library.withdraw(id);
      o.holder.withdraw(id); // stops citations now; the re-index then drops the chunks
      return reply
        .code(202)
        .send({ withdrawn: id, relPath: moved.relPath, reindex: o.reindexer.request(`withdraw ${moved.relPath}`) });
    },
  );

  app.get('/api/reindex', { schema: { summary: 'Re-index status and progress' } }, async () => o.reindexer.status());
  app.post(
    '/api/reindex',
    { schema: { summary: 'Start a re-index (or queue one after the running one)' } },
    async (_req, reply) => reply.code(202).send(o.reindexer.request('manual')),
  );
}

function summary(s: { id: string; relPath: string; title: string; chunks: number }) {
  return { id: s.id, relPath: s.relPath, title: s.title, chunks: s.chunks };
}
