/**
 * Incremental, safe ingest. Unchanged documents (same content hash) keep their chunks and vectors
 * from the live index; changed ones are re-chunked and re-embedded; deleted ones are dropped; a
 * document that fails to load keeps its previous version. The new index is written beside the old
 * one and swapped in atomically by knowledge's writer, so a crash never leaves a half index live.
 */
import { performance } from 'node:perf_hooks';
import {
  ANALYSER_VERSION,
  indexTextOf,
  readStoredIndex,
  writeIndex,
  type Embedder,
  type IndexedDocument,
  type StoredIndex,
} from '../knowledge/index.ts';
import { errorCode, errorReason } from './errors.ts';
import { loadDocument } from './load-document.ts';
import { scanSources, type ScanResult } from './scan.ts';

/** What runIngest and ensureIndex need. */
export interface IngestOptions {
  sourcesDir: string;
  indexDir: string;
  embedder: Embedder;
  /** Called after each document is loaded (or re-used) and embedded. */
  onProgress?: (p: { done: number; total: number; path: string }) => void;
}

/** The outcome of one run; paths are relative to the sources folder. */
export interface IngestReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
  failed: Array<{ path: string; code: string; reason: string }>;
  /** Files with an unsupported extension, left out without failing the run. */
  skipped: Array<{ path: string; reason: string }>;
  /** Chunks in the index after the run. */
  chunks: number;
  seconds: number;
  /** False when nothing changed and the live index was left untouched. */
  wrote: boolean;
  /** Documents whose metadata was partly inferred, with the inferred field names. */
  inferred: Array<{ path: string; fields: string[] }>;
}

const EMBED_BATCH = 64; // texts per embedder call: small enough for remote servers' request limits

/** Builds or updates the index from the sources folder. Throws only when nothing could be done at all. */
export async function runIngest(opts: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const scan = await scanSources(opts.sourcesDir);
  const stored = await readStoredIndex(opts.indexDir);
  const report = emptyReport(scan);
  const plan = new Plan(stored, opts.embedder);
  for (const [i, src] of scan.sources.entries()) {
    const old = plan.stored(src.id);
    if (old && old.contentHash === src.contentHash) {
      report.unchanged.push(src.relPath);
      await plan.keep(old);
    } else {
      try {
        const { meta, chunks } = await loadDocument(src.path, opts.sourcesDir);
        (old ? report.updated : report.added).push(src.relPath);
        await plan.replace({ meta, contentHash: src.contentHash, chunks });
      } catch (err) {
        report.failed.push({ path: src.relPath, code: errorCode(err), reason: errorReason(err) });
        if (old) await plan.keep(old); // the last good version stays searchable
      }
    }
    opts.onProgress?.({ done: i + 1, total: scan.sources.length, path: src.relPath });
  }
  report.removed = plan.removedSince(new Set(scan.sources.map((s) => s.id)));
  const documents = plan.documents();
  report.chunks = documents.reduce((n, d) => n + d.chunks.length, 0);
  report.inferred = documents.filter((d) => d.meta.inferred.length > 0).map((d) => ({ path: d.meta.sourcePath, fields: d.meta.inferred }));
  if (plan.needsWrite() || report.removed.length > 0) {
    await writeIndex(opts.indexDir, { documents, vectors: plan.vectors, embedder: opts.embedder.info });
    report.wrote = true;
  }
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}

/** Builds when the index is missing, unreadable, of another format/analyser/embedder, or stale; null when fresh. */
export async function ensureIndex(opts: IngestOptions): Promise<IngestReport | null> {
  const stored = await readStoredIndex(opts.indexDir);
  if (!stored || !sameBuild(stored, opts.embedder)) return runIngest(opts);
  const scan = await scanSources(opts.sourcesDir);
  const hashes = new Map(stored.documents.map((d) => [d.meta.id, d.contentHash]));
  const fresh = scan.sources.length === hashes.size && scan.sources.every((s) => hashes.get(s.id) === s.contentHash);
  return fresh ? null : runIngest(opts);
}

function sameBuild(stored: StoredIndex, embedder: Embedder): boolean {
  return stored.manifest.analyserVersion === ANALYSER_VERSION && stored.manifest.embedder.id === embedder.info.id;
}

function emptyReport(scan: ScanResult): IngestReport {
  return {
    added: [], updated: [], unchanged: [], removed: [],
    failed: scan.duplicates.map((d) => ({
      path: d.path,
      code: 'E_DUPLICATE_ID',
      reason: `Another source already has the id "${d.id}" (same name, other extension); rename one of them.`,
    })),
    skipped: scan.skipped, chunks: 0, seconds: 0, wrote: false, inferred: [],
  };
}

/** The documents and vectors of the index being built, and whether it differs from the live one. */
class Plan {
  readonly vectors = new Map<string, number[]>();
  private readonly docs: IndexedDocument[] = [];
  private readonly byId: Map<string, IndexedDocument>;
  private readonly reuseVectors: boolean;
  private changed: boolean;

  constructor(private readonly live: StoredIndex | null, private readonly embedder: Embedder) {
    this.byId = new Map((live?.documents ?? []).map((d) => [d.meta.id, d]));
    // Vectors from another model are meaningless here; analyser changes only need the lexical side rewritten.
    this.reuseVectors = live !== null && live.manifest.embedder.id === embedder.info.id;
    this.changed = live === null || !sameBuild(live, embedder);
  }

  stored(id: string): IndexedDocument | undefined {
    return this.byId.get(id);
  }

  async keep(doc: IndexedDocument): Promise<void> {
    const old = this.reuseVectors ? doc.chunks.map((c) => this.live!.vectors.get(c.id)) : [];
    if (old.length === doc.chunks.length && old.every((v) => v !== undefined)) {
      doc.chunks.forEach((c, i) => this.vectors.set(c.id, old[i]!));
      this.docs.push(doc);
      return;
    }
    await this.replace(doc);
  }

  async replace(doc: IndexedDocument): Promise<void> {
    this.changed = true;
    const texts = doc.chunks.map((c) => indexTextOf(c, doc.meta));
    for (let start = 0; start < texts.length; start += EMBED_BATCH) {
      const rows = await this.embedder.embedDocuments(texts.slice(start, start + EMBED_BATCH));
      rows.forEach((v, j) => this.vectors.set(doc.chunks[start + j]!.id, v));
    }
    this.docs.push(doc);
  }

  removedSince(present: ReadonlySet<string>): string[] {
    return [...this.byId.values()].filter((d) => !present.has(d.meta.id)).map((d) => d.meta.sourcePath);
  }

  needsWrite(): boolean {
    return this.changed;
  }

  documents(): IndexedDocument[] {
    return this.docs;
  }
}
