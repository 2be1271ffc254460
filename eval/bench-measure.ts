/**
 * The measurements behind `npm run bench`, each meant to run in its own child process so resident memory
 * and load time are those of one index, not of everything the benchmark built before.
 */
import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { answer } from '../answer/index.ts';
import {
  ANALYSER_VERSION,
  createEmbedder,
  FORMAT_VERSION,
  indexTextOf,
  KnowledgeBase,
  readStoredIndex,
  writeIndex,
} from '../knowledge/index.ts';
import { Bm25Index } from './bm25.ts';
import { scaleCorpus } from './bench-corpus.ts';
import { percentile } from './metrics.ts';

export interface LatencyStats {
  p50: number;
  p95: number;
  /** Sequential queries per second over the measured run. */
  qps: number;
}

/** Times `fn` over the queries (after a short warm-up). */
export async function timeQueries(queries: readonly string[], fn: (q: string) => unknown): Promise<LatencyStats> {
  for (const q of queries.slice(0, 20)) await fn(q);
  const times: number[] = [];
  const started = performance.now();
  for (const q of queries) {
    const t = performance.now();
    await fn(q);
    times.push(performance.now() - t);
  }
  const total = (performance.now() - started) / 1000;
  const r = (x: number) => Number(x.toFixed(3));
  return { p50: r(percentile(times, 50)), p95: r(percentile(times, 95)), qps: Math.round(queries.length / total) };
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

/** Builds (or reuses) a scaled index of `n` chunks from the real index; returns build time. */
export async function buildScaled(
  realIndexDir: string,
  outDir: string,
  n: number,
): Promise<{ chunks: number; seconds: number; reused: boolean }> {
  const stored = await readStoredIndex(realIndexDir);
  if (!stored) throw new Error(`no real index in ${realIndexDir}`);
  const stamp = `${n}:${FORMAT_VERSION}:${ANALYSER_VERSION}:${stored.manifest.embedder.id}:${stored.documents.map((d) => d.contentHash).join(',')}`;
  const stampFile = join(outDir, 'bench-stamp.txt');
  if ((await readFile(stampFile, 'utf8').catch(() => '')) === stamp) return { chunks: n, seconds: 0, reused: true };
  const embedder = createEmbedder({ provider: 'hashed', dimensions: stored.manifest.embedder.dimensions });
  const started = performance.now();
  const docs = scaleCorpus(stored.documents, n);
  const texts = docs.flatMap((d) => d.chunks.map((c) => indexTextOf(c, d.meta)));
  const vecs = await embedder.embedDocuments(texts);
  const vectors = new Map<string, number[]>();
  let i = 0;
  for (const d of docs) for (const c of d.chunks) vectors.set(c.id, vecs[i++] as number[]);
  await writeIndex(outDir, { documents: docs, vectors, embedder: embedder.info });
  const seconds = (performance.now() - started) / 1000;
  await writeFile(stampFile, stamp);
  return { chunks: texts.length, seconds, reused: false };
}

export interface OursResult {
  chunks: number;
  loadMs: number;
  indexBytes: number;
  rssAfterLoadMb: number;
  rssAfterQueriesMb: number;
  search: LatencyStats;
  /** The legs alone, to see where search time goes. */
  searchLexicalOnly: LatencyStats;
  searchVectorOnly: LatencyStats;
  answer: LatencyStats;
}

/** Loads a built index and measures search and extractive answer latency. */
export async function measureOurs(indexDir: string, queries: readonly string[]): Promise<OursResult> {
  const t = performance.now();
  const kb = await KnowledgeBase.open(indexDir);
  const loadMs = Math.round(performance.now() - t);
  const rssAfterLoadMb = rssMb();
  const search = await timeQueries(queries, (q) => kb.search(q, { k: 10 }));
  const searchLexicalOnly = await timeQueries(queries, (q) => kb.search(q, { k: 10, legs: { vector: false } }));
  const searchVectorOnly = await timeQueries(queries, (q) => kb.search(q, { k: 10, legs: { lexical: false } }));
  const ans = await timeQueries(queries, (q) =>
    answer(q, { kb, k: 10, asOf: '2026-11-27', history: [], generator: null }),
  );
  return {
    chunks: kb.manifest.chunkCount,
    loadMs,
    // The live version only (older version folders stay beside it): the manifest lists every file but itself.
    indexBytes:
      Object.values(kb.manifest.files).reduce((a, f) => a + f.bytes, 0) +
      Buffer.byteLength(JSON.stringify(kb.manifest)),
    rssAfterLoadMb,
    rssAfterQueriesMb: rssMb(),
    search,
    searchLexicalOnly,
    searchVectorOnly,
    answer: ans,
  };
}

export interface BaselineResult {
  system: 'generic-rag' | 'minisearch';
  chunks: number;
  buildSeconds: number;
  /** Serialised size where the library can serialise (MiniSearch JSON); BM25 lives in memory only. */
  indexBytes: number | null;
  rssMb: number;
  search: LatencyStats;
}

/** Builds a baseline over the same scaled chunk texts and measures it. */
export async function measureBaseline(
  system: BaselineResult['system'],
  realIndexDir: string,
  n: number,
  queries: readonly string[],
): Promise<BaselineResult> {
  const stored = await readStoredIndex(realIndexDir);
  if (!stored) throw new Error(`no real index in ${realIndexDir}`);
  const texts = scaleCorpus(stored.documents, n).flatMap((d) => d.chunks.map((c) => c.text));
  stored.vectors.clear();
  const started = performance.now();
  let search: (q: string) => unknown;
  let serialise: () => number | null = () => null;
  if (system === 'generic-rag') {
    const index = new Bm25Index();
    index.addAll(texts);
    search = (q) => index.search(q, 10);
  } else {
    const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    ms.addAll(texts.map((text, id) => ({ id, text })));
    search = (q) => ms.search(q).slice(0, 10);
    serialise = () => Buffer.byteLength(JSON.stringify(ms));
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const stats = await timeQueries(queries, search);
  const rss = rssMb();
  return { system, chunks: texts.length, buildSeconds, indexBytes: serialise(), rssMb: rss, search: stats };
}
