/**
 * runIngest / ensureIndex against a real index folder written by knowledge's writer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmbedder, KnowledgeBase, readStoredIndex, type Embedder } from '../knowledge/index.ts';
import { ensureIndex, runIngest } from './index.ts';
import {
  FIXTURES,
  PLAN_FILE,
  PLAN_NAME,
  copyInto,
  readCurrent,
  snapshotTree,
  tempWorkspace,
  testEmbedder,
  writeText,
} from './test-support.ts';

let ws: Awaited<ReturnType<typeof tempWorkspace>>;
let embedder: Embedder;

beforeEach(async () => {
  ws = await tempWorkspace();
  embedder = testEmbedder();
  await copyInto(ws.sources, PLAN_FILE, `plans/${PLAN_NAME}`);
  await copyInto(ws.sources, join(FIXTURES, 'front-matter.md'), 'guides/nop-truc-tuyen.md');
  await copyInto(ws.sources, join(FIXTURES, 'nav-and-footer.html'), 'guides/can-cuoc.html');
});
afterEach(() => ws.cleanup());

const opts = () => ({ sourcesDir: ws.sources, indexDir: ws.index, embedder });

/** Counts embedded texts, to prove unchanged documents are not embedded again. */
function countingEmbedder(inner: Embedder): Embedder & { embedded: number } {
  const wrapper = Object.create(inner) as Embedder & { embedded: number };
  wrapper.embedded = 0;
  wrapper.embedDocuments = async (texts: string[]) => {
    wrapper.embedded += texts.length;
    return inner.embedDocuments(texts);
  };
  return wrapper;
}

describe('runIngest', () => {
  it('adds every document on the first run and writes an index that opens and searches', async () => {
    const report = await runIngest(opts());
    expect(report.added.sort()).toEqual(['guides/can-cuoc.html', 'guides/nop-truc-tuyen.md', `plans/${PLAN_NAME}`]);
    expect(report).toMatchObject({ updated: [], unchanged: [], removed: [], failed: [], wrote: true });
    expect(report.chunks).toBeGreaterThan(40);
    expect(report.inferred).toContainEqual({
      path: `plans/${PLAN_NAME}`,
      fields: ['issueDate', 'issuer', 'number', 'title', 'type'],
    });
    const kb = await KnowledgeBase.open(ws.index, { embedder });
    expect(
      kb
        .documents()
        .map((d) => d.id)
        .sort(),
    ).toEqual(['guides/can-cuoc', 'guides/nop-truc-tuyen', 'plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai']);
    const hits = await kb.search('lệ phí cấp lại thẻ căn cước', { k: 3 });
    expect(hits[0]!.chunk.text).toContain('70.000 đồng');
  });

  it('reports everything unchanged on a second run and rewrites nothing', async () => {
    await runIngest(opts());
    const current = await readCurrent(ws.index);
    const before = await snapshotTree(ws.index);
    const counting = countingEmbedder(embedder);
    const report = await runIngest({ ...opts(), embedder: counting });
    expect(report.unchanged).toHaveLength(3);
    expect(report).toMatchObject({ added: [], updated: [], removed: [], failed: [], wrote: false });
    expect(counting.embedded).toBe(0);
    expect(await readCurrent(ws.index)).toBe(current);
    expect(await snapshotTree(ws.index)).toEqual(before);
  });

  it('re-indexes only the edited document', async () => {
    await runIngest(opts());
    const md = join(ws.sources, 'guides/nop-truc-tuyen.md');
    await writeFile(
      md,
      (await readFile(md, 'utf8')).replace('Chọn thủ tục cần làm.', 'Chọn thủ tục cần làm và điền tờ khai điện tử.'),
    );
    const counting = countingEmbedder(embedder);
    const report = await runIngest({ ...opts(), embedder: counting });
    expect(report.updated).toEqual(['guides/nop-truc-tuyen.md']);
    expect(report.unchanged.sort()).toEqual(['guides/can-cuoc.html', `plans/${PLAN_NAME}`]);
    expect(report.wrote).toBe(true);
    const kb = await KnowledgeBase.open(ws.index, { embedder });
    expect(counting.embedded).toBe(kb.chunksOf('guides/nop-truc-tuyen').length);
    expect(kb.chunksOf('guides/nop-truc-tuyen').some((c) => c.text.includes('tờ khai điện tử'))).toBe(true);
  });

  it('treats a changed sidecar as a changed document', async () => {
    await runIngest(opts());
    await writeText(
      join(ws.sources, `plans/${PLAN_NAME}.meta.yaml`),
      'title: Kế hoạch chuyển đổi số năm 2024\nexpiryDate: 2024-12-31\n',
    );
    const report = await runIngest(opts());
    expect(report.updated).toEqual([`plans/${PLAN_NAME}`]);
    const kb = await KnowledgeBase.open(ws.index, { embedder });
    expect(kb.document('plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai')).toMatchObject({
      title: 'Kế hoạch chuyển đổi số năm 2024',
      expiryDate: '2024-12-31',
      number: '53/KH-UBND',
    });
  });

  it('drops the chunks of a deleted document', async () => {
    await runIngest(opts());
    await rm(join(ws.sources, 'guides/can-cuoc.html'));
    const report = await runIngest(opts());
    expect(report.removed).toEqual(['guides/can-cuoc.html']);
    expect(report.wrote).toBe(true);
    const kb = await KnowledgeBase.open(ws.index, { embedder });
    expect(kb.document('guides/can-cuoc')).toBeUndefined();
    expect(kb.chunksOf('guides/can-cuoc')).toEqual([]);
    const hits = await kb.search('thẻ căn cước 70.000 đồng', { k: 5 });
    expect(hits.every((h) => h.document.id !== 'guides/can-cuoc')).toBe(true);
  });

  it('keeps the previous chunks of a document that is now broken, and names it with its code', async () => {
    await runIngest(opts());
    const oldChunks = (await KnowledgeBase.open(ws.index, { embedder })).chunksOf('guides/nop-truc-tuyen');
    await writeText(join(ws.sources, 'guides/nop-truc-tuyen.md'), '---\ntitle: [unclosed\n---\n# X\n');
    await copyInto(ws.sources, join(FIXTURES, 'corrupt.pdf'), 'plans/hong.pdf');
    const report = await runIngest(opts());
    expect(report.failed.map((f) => [f.path, f.code])).toEqual([
      ['guides/nop-truc-tuyen.md', 'E_META_INVALID'],
      ['plans/hong.pdf', 'E_SOURCE_UNREADABLE'],
    ]);
    expect(report.failed[1]!.reason).toContain('hong.pdf');
    const kb = await KnowledgeBase.open(ws.index, { embedder });
    expect(kb.chunksOf('guides/nop-truc-tuyen')).toEqual(oldChunks);
    expect(kb.document('plans/hong')).toBeUndefined();
  });

  it('skips unsupported files and READMEs without failing', async () => {
    await writeText(join(ws.sources, 'README.md'), '# Nguồn\n\nGhi chú cho người biên tập.\n');
    await writeText(join(ws.sources, 'guides/anh.jpg'), 'not an image');
    const report = await runIngest(opts());
    expect(report.failed).toEqual([]);
    expect(report.skipped.map((s) => s.path)).toEqual(['guides/anh.jpg']);
    expect(report.added).not.toContain('README.md');
  });

  it('fails the second of two files that would share one document id with E_DUPLICATE_ID', async () => {
    await copyInto(ws.sources, join(FIXTURES, 'nfd-old-tone.txt'), 'guides/nop-truc-tuyen.txt');
    const report = await runIngest(opts());
    expect(report.failed).toEqual([
      {
        path: 'guides/nop-truc-tuyen.txt',
        code: 'E_DUPLICATE_ID',
        reason: expect.stringContaining('guides/nop-truc-tuyen'),
      },
    ]);
    expect(report.added).toContain('guides/nop-truc-tuyen.md');
  });

  it('re-embeds everything when the configured embedder differs from the index', async () => {
    await runIngest(opts());
    const other = countingEmbedder(createEmbedder({ provider: 'hashed', dimensions: 32 }));
    const report = await runIngest({ ...opts(), embedder: other });
    expect(report.unchanged).toHaveLength(3);
    expect(report.wrote).toBe(true);
    expect(other.embedded).toBe(report.chunks);
    const stored = await readStoredIndex(ws.index);
    expect(stored!.manifest.embedder.id).toBe(other.info.id);
    expect([...stored!.vectors.values()].every((v) => v.length === 32)).toBe(true);
  });

  it('rebuilds fully when the live index has another format version', async () => {
    await runIngest(opts());
    // Stand in for an index an older release wrote: its own version folder, another format number.
    const version = (await readCurrent(ws.index)).trim();
    const older = 'v-00000000000000aa';
    await rename(join(ws.index, version), join(ws.index, older));
    const manifestPath = join(ws.index, older, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { formatVersion: number };
    await writeFile(manifestPath, JSON.stringify({ ...manifest, formatVersion: 999 }));
    await writeFile(join(ws.index, 'CURRENT'), `${older}\n`);
    await expect(KnowledgeBase.open(ws.index, { embedder })).rejects.toMatchObject({ code: 'E_INDEX_VERSION' });
    const report = await runIngest(opts());
    expect(report.added).toHaveLength(3);
    expect(report.wrote).toBe(true);
    await expect(KnowledgeBase.open(ws.index, { embedder })).resolves.toBeDefined();
  });
});

describe('ensureIndex', () => {
  it('builds a missing index, then returns null while the sources are unchanged', async () => {
    const first = await ensureIndex(opts());
    expect(first?.added).toHaveLength(3);
    expect(await ensureIndex(opts())).toBeNull();
  });

  it('rebuilds when a source is added, edited or removed', async () => {
    await ensureIndex(opts());
    await copyInto(ws.sources, join(FIXTURES, 'nfd-old-tone.txt'), 'guides/hoa-giai.txt');
    expect((await ensureIndex(opts()))?.added).toEqual(['guides/hoa-giai.txt']);
    await writeFile(join(ws.sources, 'guides/hoa-giai.txt'), 'HƯỚNG DẪN MỚI\n\nNội dung đã sửa về hòa giải ở cơ sở.\n');
    expect((await ensureIndex(opts()))?.updated).toEqual(['guides/hoa-giai.txt']);
    await rm(join(ws.sources, 'guides/hoa-giai.txt'));
    expect((await ensureIndex(opts()))?.removed).toEqual(['guides/hoa-giai.txt']);
    expect(await ensureIndex(opts())).toBeNull();
  });

  it('rebuilds when the embedder changed', async () => {
    await ensureIndex(opts());
    const report = await ensureIndex({ ...opts(), embedder: createEmbedder({ provider: 'hashed', dimensions: 32 }) });
    expect(report?.wrote).toBe(true);
  });

  it('fails with E_SOURCES_MISSING when the sources folder does not exist', async () => {
    await expect(ensureIndex({ ...opts(), sourcesDir: join(ws.root, 'nope') })).rejects.toMatchObject({
      code: 'E_SOURCES_MISSING',
    });
  });
});
