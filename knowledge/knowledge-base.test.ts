import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeBase, createEmbedder, writeIndex, type Embedder, type KnowledgeError } from './index.ts';
import { CHUNKS, DOCS, PLAN, corpusInput, writeCorpus } from './test-corpus.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** An Ollama stand-in on 127.0.0.1 answering every /api/embed with vectors of `dims` numbers. */
async function ollamaStandIn(dims: number): Promise<string> {
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const inputs = ([] as string[]).concat((JSON.parse(raw) as { input: string | string[] }).input);
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        embeddings: inputs.map((t) => Array.from({ length: dims }, (_, i) => ((t.length + i) % 7) - 3)),
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Writes the corpus embedded by a remote embedder, so the index records that embedder. */
async function remoteIndex(embedder: Embedder): Promise<string> {
  return writeCorpus(await corpusInput(embedder));
}

describe('KnowledgeBase with a remote embedder', () => {
  it('searches with the embedder that built the index', async () => {
    const url = await ollamaStandIn(8);
    const embedder = createEmbedder({ provider: 'ollama', baseUrl: url, model: 'bge-m3', maxRetries: 0 });
    const dir = await remoteIndex(embedder);
    const kb = await KnowledgeBase.open(dir, {
      embedder: createEmbedder({ provider: 'ollama', baseUrl: url, model: 'bge-m3', maxRetries: 0 }),
    });
    expect(kb.manifest.embedder).toEqual({ id: 'ollama:bge-m3', kind: 'ollama', model: 'bge-m3', dimensions: 8 });
    const hits = await kb.search('lệ phí căn cước');
    expect(hits[0]?.chunk.id).toBe('cc-le-phi');
    expect(kb.lastVectorError).toBeNull();
  });

  it('falls back to the lexical leg when the embedding server goes away, and says so', async () => {
    const url = await ollamaStandIn(8);
    const dir = await remoteIndex(createEmbedder({ provider: 'ollama', baseUrl: url, model: 'bge-m3', maxRetries: 0 }));
    await closers.pop()?.(); // the server stops after ingest
    const seen: KnowledgeError[] = [];
    const kb = await KnowledgeBase.open(dir, {
      embedder: createEmbedder({ provider: 'ollama', baseUrl: url, model: 'bge-m3', maxRetries: 0 }),
      onVectorError: (err) => seen.push(err),
    });
    const hits = await kb.search('lệ phí căn cước');
    expect(hits[0]?.chunk.id).toBe('cc-le-phi');
    expect(hits.every((h) => h.vectorScore === 0)).toBe(true);
    expect(kb.lastVectorError?.code).toBe('E_EMBEDDER_UNREACHABLE');
    expect(seen.map((e) => e.code)).toEqual(['E_EMBEDDER_UNREACHABLE']);
  });

  it('throws instead of falling back when only the vector leg was asked for', async () => {
    const url = await ollamaStandIn(8);
    const dir = await remoteIndex(createEmbedder({ provider: 'ollama', baseUrl: url, model: 'bge-m3', maxRetries: 0 }));
    await closers.pop()?.();
    const kb = await KnowledgeBase.open(dir, {
      embedder: createEmbedder({ provider: 'ollama', baseUrl: url, model: 'bge-m3', maxRetries: 0 }),
    });
    await expect(kb.search('lệ phí', { legs: { lexical: false } })).rejects.toMatchObject({
      code: 'E_EMBEDDER_UNREACHABLE',
    });
  });

  it('refuses query vectors of another length with E_EMBEDDER_MISMATCH', async () => {
    const dir = await remoteIndex(
      createEmbedder({ provider: 'ollama', baseUrl: await ollamaStandIn(8), model: 'bge-m3', maxRetries: 0 }),
    );
    const kb = await KnowledgeBase.open(dir, {
      embedder: createEmbedder({
        provider: 'ollama',
        baseUrl: await ollamaStandIn(16),
        model: 'bge-m3',
        maxRetries: 0,
      }),
    });
    await expect(kb.search('lệ phí')).rejects.toMatchObject({ code: 'E_EMBEDDER_MISMATCH' });
  });
});

describe('KnowledgeBase reading', () => {
  it('returns the chunks of a document in ordinal order, decoded on demand', async () => {
    const kb = await KnowledgeBase.open(await writeCorpus());
    const chunks = kb.chunksOf(PLAN.id);
    expect(chunks.map((c) => c.ordinal)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(chunks).toEqual(CHUNKS[PLAN.id]);
  });

  it('keeps serving its chunks after newer ingests prune its version folder', async () => {
    const dir = await writeCorpus();
    const kb = await KnowledgeBase.open(dir);
    await writeIndex(dir, await corpusInput(undefined, DOCS.slice(0, 2)));
    await writeIndex(dir, await corpusInput(undefined, DOCS.slice(0, 1)));
    expect(kb.chunksOf(PLAN.id)).toEqual(CHUNKS[PLAN.id]);
    expect((await kb.search('lệ phí căn cước'))[0]?.chunk.id).toBe('cc-le-phi');
    kb.close();
    expect(() => kb.chunksOf(PLAN.id)).toThrow(/closed/);
  });

  it('opens an empty index and finds nothing', async () => {
    const kb = await KnowledgeBase.open(await writeCorpus(await corpusInput(undefined, [])));
    expect(kb.documents()).toEqual([]);
    expect(await kb.search('lệ phí')).toEqual([]);
  });
});
