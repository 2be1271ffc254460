/**
 * Test support: builds the real knowledge base from knowledge/sources into a temporary index folder,
 * with the offline hashed embedder (no network, no model files).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureIndex } from '../ingest/index.ts';
import { createEmbedder, KnowledgeBase, type Chunk, type DocumentMeta } from '../knowledge/index.ts';

export const SOURCES_DIR = resolve(import.meta.dirname, '..', 'knowledge', 'sources');

export interface TestKnowledge {
  kb: KnowledgeBase;
  indexDir: string;
  cleanup(): Promise<void>;
}

/** Ingests the committed sources into a fresh temp folder and opens the result. */
export async function buildTestKnowledge(): Promise<TestKnowledge> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidap-answer-'));
  const indexDir = join(dir, 'index');
  const embedder = createEmbedder({ provider: 'hashed' });
  await ensureIndex({ sourcesDir: SOURCES_DIR, indexDir, embedder });
  const kb = await KnowledgeBase.open(indexDir, { embedder });
  return { kb, indexDir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A hand-made procedure sheet for unit tests: its meta and a maker of its field chunks. */
export function sheetFixture(
  slug: string,
  title: string,
): { sheet: DocumentMeta; chunk: (field: Chunk['field'], text: string, id: string) => Chunk } {
  const sheet: DocumentMeta = {
    id: `procedures/${slug}`,
    title,
    number: null,
    issuer: null,
    issueDate: null,
    effectiveDate: null,
    expiryDate: null,
    supersededBy: null,
    type: 'procedure',
    sourceUrl: null,
    audience: 'residents',
    sourcePath: `procedures/${slug}.yaml`,
    inferred: [],
  };
  const chunk = (field: Chunk['field'], text: string, id: string): Chunk => ({
    id,
    documentId: sheet.id,
    sectionPath: [title, field ?? ''],
    page: null,
    ordinal: 0,
    text,
    field,
  });
  return { sheet, chunk };
}
