import { cp, mkdir, mkdtemp, readdir, readFile, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase, createEmbedder, readStoredIndex, writeIndex, FORMAT_VERSION, type Manifest } from './index.ts';
import { CHUNKS, DOCS, KHAI_SINH, PLAN, corpusInput, writeCorpus } from './test-corpus.ts';

const currentDir = async (indexDir: string) =>
  join(indexDir, (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim());
const versionDirs = async (indexDir: string) => (await readdir(indexDir)).filter((n) => n.startsWith('v-')).sort();

async function editManifest(indexDir: string, edit: (m: Manifest) => void): Promise<void> {
  const path = join(await currentDir(indexDir), 'manifest.json');
  const m = JSON.parse(await readFile(path, 'utf8')) as Manifest;
  edit(m);
  await writeFile(path, JSON.stringify(m));
}

describe('writeIndex and KnowledgeBase.open', () => {
  it('round-trips documents, chunks and the manifest', async () => {
    const dir = await writeCorpus();
    const kb = await KnowledgeBase.open(dir);
    expect(kb.documents().map((d) => d.id)).toEqual(DOCS.map((d) => d.id).sort());
    expect(kb.document(PLAN.id)).toEqual(PLAN);
    expect(kb.chunksOf(PLAN.id)).toEqual(CHUNKS[PLAN.id]);
    expect(kb.chunksOf('no/such/doc')).toEqual([]);
    expect(kb.manifest.formatVersion).toBe(FORMAT_VERSION);
    expect(kb.manifest.embedder.id).toBe('hashed-ngram-v1:256');
    expect(kb.manifest.chunkCount).toBe(Object.values(CHUNKS).flat().length);
    expect(JSON.stringify(kb.manifest)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('gives ingest back its documents, chunks and vectors through readStoredIndex', async () => {
    const input = await corpusInput();
    const dir = await writeCorpus(input);
    const stored = await readStoredIndex(dir);
    expect(stored?.documents.find((d) => d.meta.id === KHAI_SINH.id)).toEqual({
      meta: KHAI_SINH,
      contentHash: `hash-of-${KHAI_SINH.id}`,
      chunks: CHUNKS[KHAI_SINH.id],
    });
    const original = input.vectors.get('ks-le-phi') as number[];
    const back = stored?.vectors.get('ks-le-phi') as number[];
    expect(back).toHaveLength(256);
    back.forEach((x, i) => expect(x).toBeCloseTo(original[i] as number, 6));
  });

  it('writes byte-identical files and the same version for the same input', async () => {
    const a = await writeCorpus(await corpusInput());
    const b = await writeCorpus(await corpusInput());
    expect(await versionDirs(a)).toEqual(await versionDirs(b));
    const files = await readdir(await currentDir(a));
    expect(files.sort()).toEqual([
      'catalogue.json',
      'chunks.bin',
      'chunks.dict',
      'chunks.idx',
      'lexical.bin',
      'lexical.json',
      'manifest.json',
      'vectors.hnsw',
    ]);
    for (const f of files) {
      expect(
        Buffer.compare(await readFile(join(await currentDir(a), f)), await readFile(join(await currentDir(b), f))),
        f,
      ).toBe(0);
    }
  });

  it('keeps only the live and the previous version folder', async () => {
    const dir = await writeCorpus();
    const first = await versionDirs(dir);
    await writeIndex(dir, await corpusInput(undefined, DOCS.slice(0, 2)));
    await writeIndex(dir, await corpusInput(undefined, DOCS.slice(0, 3)));
    const after = await versionDirs(dir);
    expect(after).toHaveLength(2);
    expect(after).not.toContain(first[0]);
  });

  it('clears build folders left by a killed writer, but not one another writer may still be filling', async () => {
    const dir = await writeCorpus();
    const abandoned = join(dir, '.building-killed');
    const fresh = join(dir, '.building-running');
    await mkdir(abandoned);
    await mkdir(fresh);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(abandoned, anHourAgo, anHourAgo);
    await writeIndex(dir, await corpusInput(undefined, DOCS.slice(0, 2)));
    const left = (await readdir(dir)).filter((n) => n.startsWith('.building-'));
    expect(left).toEqual(['.building-running']);
  });

  it('leaves the old index live when the writer fails before the swap', async () => {
    const dir = await writeCorpus();
    const before = await readFile(join(dir, 'CURRENT'), 'utf8');
    const smaller = await corpusInput(undefined, [PLAN]);
    const failing = writeIndex(dir, smaller, {
      onStage: (stage) => {
        if (stage === 'before-swap') throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'E_INDEX_WRITE' });
    expect(await readFile(join(dir, 'CURRENT'), 'utf8')).toBe(before);
    const kb = await KnowledgeBase.open(dir);
    expect(kb.documents()).toHaveLength(DOCS.length);
  });

  it('removes its half-built folder when it fails while writing files', async () => {
    const dir = await writeCorpus();
    const failing = writeIndex(dir, await corpusInput(undefined, [PLAN]), {
      onStage: (stage) => {
        if (stage === 'files-written') throw new Error('killed');
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'E_INDEX_WRITE' });
    expect((await readdir(dir)).filter((n) => n.startsWith('.building-'))).toEqual([]);
    expect((await KnowledgeBase.open(dir)).documents()).toHaveLength(DOCS.length);
  });

  it('refuses input with a chunk that has no vector with E_INDEX_INPUT', async () => {
    const input = await corpusInput();
    input.vectors.delete('ks-le-phi');
    const dir = await mkdtemp(join(tmpdir(), 'hoidap-knowledge-'));
    await expect(writeIndex(dir, input)).rejects.toMatchObject({ code: 'E_INDEX_INPUT' });
  });
});

describe('opening an index that cannot be used', () => {
  it('reports a missing index with E_INDEX_MISSING and tells to run ingest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hoidap-knowledge-'));
    await expect(KnowledgeBase.open(dir)).rejects.toMatchObject({
      code: 'E_INDEX_MISSING',
      message: expect.stringContaining('npm run ingest'),
    });
    expect(await readStoredIndex(dir)).toBeNull();
  });

  it('reports another format version with E_INDEX_VERSION naming both versions', async () => {
    const dir = await writeCorpus();
    await editManifest(dir, (m) => (m.formatVersion = 99));
    await expect(KnowledgeBase.open(dir)).rejects.toMatchObject({
      code: 'E_INDEX_VERSION',
      message: expect.stringMatching(new RegExp(`format 99.*format ${FORMAT_VERSION}.*npm run ingest`)),
    });
    expect(await readStoredIndex(dir)).toBeNull();
    await expect(readStoredIndex(dir, { strict: true })).rejects.toMatchObject({ code: 'E_INDEX_VERSION' });
  });

  it('reports an index built by another analyser with E_INDEX_VERSION, but still lets ingest re-use it', async () => {
    const dir = await writeCorpus();
    await editManifest(dir, (m) => (m.analyserVersion = '0-old'));
    await expect(KnowledgeBase.open(dir)).rejects.toMatchObject({ code: 'E_INDEX_VERSION' });
    expect((await readStoredIndex(dir))?.documents).toHaveLength(DOCS.length);
  });

  it('reports another embedder with E_EMBEDDER_MISMATCH naming the one that built the index', async () => {
    const dir = await writeCorpus();
    const other = createEmbedder({ provider: 'hashed', dimensions: 128 });
    await expect(KnowledgeBase.open(dir, { embedder: other })).rejects.toMatchObject({
      code: 'E_EMBEDDER_MISMATCH',
      message: expect.stringContaining('hashed-ngram-v1:256'),
    });
  });

  it('asks for the embedder config when a remote embedder built the index', async () => {
    const input = await corpusInput();
    input.embedder = { id: 'ollama:bge-m3', kind: 'ollama', model: 'bge-m3', dimensions: 256 };
    const dir = await writeCorpus(input);
    await expect(KnowledgeBase.open(dir)).rejects.toMatchObject({ code: 'E_EMBEDDER_REQUIRED' });
  });

  it('refuses an index written by format 2 with E_INDEX_VERSION and gives ingest nothing to re-use', async () => {
    // A real format-2 folder (chunks.jsonl, vectors.f32, vector-ids.json) written by the writer of f70b904.
    const dir = await mkdtemp(join(tmpdir(), 'hoidap-knowledge-'));
    await cp(fileURLToPath(new URL('./test-fixtures/format-2-index', import.meta.url)), dir, { recursive: true });
    await expect(KnowledgeBase.open(dir)).rejects.toMatchObject({
      code: 'E_INDEX_VERSION',
      message: expect.stringMatching(new RegExp(`format 2,.*format ${FORMAT_VERSION}.*npm run ingest`)),
    });
    expect(await readStoredIndex(dir)).toBeNull();
    // Ingest then writes a full new version beside it, which opens.
    await writeIndex(dir, await corpusInput(undefined, [KHAI_SINH]));
    expect((await KnowledgeBase.open(dir)).chunksOf(KHAI_SINH.id)).toEqual(CHUNKS[KHAI_SINH.id]);
  });

  it('reports a chunk record that does not inflate with E_INDEX_CORRUPT when it is read', async () => {
    const dir = await writeCorpus();
    const path = join(await currentDir(dir), 'chunks.bin');
    await writeFile(path, Buffer.alloc((await stat(path)).size));
    const kb = await KnowledgeBase.open(dir);
    expect(() => kb.chunksOf(PLAN.id)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT' }));
  });

  it('reports a truncated chunk file with E_INDEX_CORRUPT when opening', async () => {
    const dir = await writeCorpus();
    await truncate(join(await currentDir(dir), 'chunks.bin'), 10);
    await expect(KnowledgeBase.open(dir)).rejects.toMatchObject({ code: 'E_INDEX_CORRUPT' });
  });

  it('reports a truncated postings file with E_INDEX_CORRUPT', async () => {
    const dir = await writeCorpus();
    await truncate(join(await currentDir(dir), 'lexical.bin'), 10);
    await expect(KnowledgeBase.open(dir)).rejects.toMatchObject({ code: 'E_INDEX_CORRUPT' });
  });

  it('reports a CURRENT file that names no version with E_INDEX_CORRUPT', async () => {
    const dir = await writeCorpus();
    await writeFile(join(dir, 'CURRENT'), '../../etc\n');
    await expect(KnowledgeBase.open(dir)).rejects.toMatchObject({ code: 'E_INDEX_CORRUPT' });
  });
});
