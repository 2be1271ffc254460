/**
 * The base catalogue: stored by the writer (format 4), gathered in one pass for a format-3 index, and
 * counted out again for withdrawn documents.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildCatalogue,
  KnowledgeBase,
  namesOnLine,
  withoutDocuments,
  type Chunk,
  type DocumentMeta,
} from './index.ts';
import { ChunkStore } from './chunk-store.ts';
import { CHUNKS, DOCS, KHAI_SINH, PLAN, writeCorpus } from './test-corpus.ts';

const corpus = (docs: readonly DocumentMeta[] = DOCS) => docs.map((meta) => ({ meta, chunks: CHUNKS[meta.id] ?? [] }));
const chunkCount = Object.values(CHUNKS).flat().length;

/** Turns the live version into what format 3 wrote: the same files without catalogue.json. */
async function asFormat3(indexDir: string): Promise<void> {
  const version = join(indexDir, (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim());
  const manifest = JSON.parse(await readFile(join(version, 'manifest.json'), 'utf8')) as {
    formatVersion: number;
    files: Record<string, unknown>;
  };
  manifest.formatVersion = 3;
  delete manifest.files['catalogue.json'];
  await writeFile(join(version, 'manifest.json'), JSON.stringify(manifest));
  await rm(join(version, 'catalogue.json'));
}

afterEach(() => vi.restoreAllMocks());

describe('the base catalogue', () => {
  it('counts each folded word once per chunk and keeps the numbers a document cites', () => {
    const meta = { ...KHAI_SINH, title: 'Đăng ký khai sinh' };
    const chunk = (ordinal: number, text: string, field?: Chunk['field']): Chunk => ({
      id: `c${ordinal}`,
      documentId: meta.id,
      sectionPath: ['Lệ phí'],
      page: null,
      ordinal,
      text,
      ...(field ? { field } : {}),
    });
    const catalogue = buildCatalogue([
      {
        meta,
        chunks: [
          chunk(0, 'Tên gọi khác: làm giấy khai sinh; khai sinh cho con\nMiễn lệ phí, lệ phí 0 đồng.', 'overview'),
          chunk(1, 'Theo Nghị định 123/2015/NĐ-CP và Thông tư 04/2020.'),
        ],
      },
    ]);
    expect(catalogue.chunks).toBe(2);
    expect([
      catalogue.wordChunks.get('phi'),
      catalogue.wordChunks.get('khai'),
      catalogue.wordChunks.get('mien'),
    ]).toEqual([2, 2, 1]);
    expect(catalogue.documents.get(meta.id)).toEqual({
      otherNamesLine: 'Tên gọi khác: làm giấy khai sinh; khai sinh cho con',
      cites: ['04/2020', '123/2015'],
    });
    expect(namesOnLine(catalogue.documents.get(meta.id)?.otherNamesLine ?? null)).toBe(
      'làm giấy khai sinh; khai sinh cho con',
    );
  });

  it('is stored in the index, so opening it reads no chunk', async () => {
    const kb = await KnowledgeBase.open(await writeCorpus());
    const reads = vi.spyOn(ChunkStore.prototype, 'get');
    expect(kb.catalogue()).toEqual(buildCatalogue(corpus()));
    await kb.warm();
    expect(reads).not.toHaveBeenCalled();
  });

  it('is gathered for a format-3 index in one pass over its chunks, equal to the stored one', async () => {
    const dir = await writeCorpus();
    await asFormat3(dir);
    const kb = await KnowledgeBase.open(dir);
    const reads = vi.spyOn(ChunkStore.prototype, 'get');
    await Promise.all([kb.warm(), kb.warm()]);
    expect(kb.catalogue()).toEqual(buildCatalogue(corpus()));
    expect(reads).toHaveBeenCalledTimes(chunkCount);
  });

  it('counts a withdrawn document out as if it had never been indexed', () => {
    const full = buildCatalogue(corpus());
    const rest = DOCS.filter((d) => d.id !== PLAN.id);
    expect(withoutDocuments(full, corpus([PLAN]))).toEqual(buildCatalogue(corpus(rest)));
  });
});
