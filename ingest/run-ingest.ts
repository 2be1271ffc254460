/**
 * Incremental, safe ingest. Unchanged documents (same content hash) keep their chunks and vectors
 * from the live index; changed ones are re-chunked and re-embedded; deleted ones are dropped; a
 * document that fails to load keeps its previous version. The new index is written beside the old
 * one and swapped in atomically by knowledge's writer, so a crash never leaves a half index live.
 */
import { performance } from 'node:perf_hooks';
import {
  ANALYSER_VERSION,
  FORMAT_VERSION,
  indexTextOf,
  readStoredIndex,
  writeIndex,
  type Embedder,
  type IndexedDocument,
  type StoredIndex,
} from '../knowledge/index.ts';
import { errorCode, errorReason } from './errors.ts';
import { documentIdOf, loadFile } from './load-document.ts';
import type { ProcedureFinding } from './procedure-documents.ts';
import type { OcrFinding } from './types.ts';
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
  /**
   * Files read this run that hold procedures in the national structure (one entry per file, every
   * procedure with its code and the parts recognised / not found), or that were declared procedures
   * but had no part recognised (`passage`: indexed as passages).
   */
  procedures: Array<{ path: string; procedures: ProcedureFinding[]; passage: boolean }>;
  /** PDFs with pages that had no text layer: what OCR read and whether diacritics survived. */
  ocr: Array<{ path: string } & OcrFinding>;
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
    if (old.length > 0 && old.every((d) => d.contentHash === src.contentHash)) {
      report.unchanged.push(src.relPath);
      for (const d of old) await plan.keep(d);
    } else {
      try {
        const file = await loadFile(src.path, opts.sourcesDir);
        (old.length > 0 ? report.updated : report.added).push(src.relPath);
        for (const { meta, chunks } of file.documents)
          await plan.replace({ meta, contentHash: src.contentHash, chunks });
        if (file.procedures.length > 0 || file.passage)
          report.procedures.push({ path: src.relPath, procedures: file.procedures, passage: file.passage });
        if (file.ocr) report.ocr.push({ path: src.relPath, ...file.ocr });
      } catch (err) {
        report.failed.push({ path: src.relPath, code: errorCode(err), reason: errorReason(err) });
        for (const d of old) await plan.keep(d); // the last good version stays searchable
      }
    }
    opts.onProgress?.({ done: i + 1, total: scan.sources.length, path: src.relPath });
  }
  report.removed = plan.removedSince(new Set(scan.sources.map((s) => s.id)));
  const documents = plan.documents();
  report.chunks = documents.reduce((n, d) => n + d.chunks.length, 0);
  // One line per source file: an annex's procedure documents share their file's inferred fields.
  const seen = new Set<string>();
  const firstOfFile = documents.filter((d) => !seen.has(d.meta.sourcePath) && seen.add(d.meta.sourcePath));
  report.inferred = firstOfFile
    .filter((d) => d.meta.inferred.length > 0)
    .map((d) => ({ path: d.meta.sourcePath, fields: d.meta.inferred }));
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
  // One file may hold several documents (an annex of procedures): compare per source file.
  const hashes = new Map(stored.documents.map((d) => [sourceIdOf(d), d.contentHash]));
  const fresh = scan.sources.length === hashes.size && scan.sources.every((s) => hashes.get(s.id) === s.contentHash);
  return fresh ? null : runIngest(opts);
}

/** The id of the source file a document came from (an annex's procedures share their file's). */
function sourceIdOf(doc: IndexedDocument): string {
  return documentIdOf(doc.meta.sourcePath);
}

// An older readable format (3: no catalogue.json) is rewritten from the stored chunks and vectors.
function sameBuild(stored: StoredIndex, embedder: Embedder): boolean {
  return (
    stored.manifest.formatVersion === FORMAT_VERSION &&
    stored.manifest.analyserVersion === ANALYSER_VERSION &&
    stored.manifest.embedder.id === embedder.info.id
  );
}

function emptyReport(scan: ScanResult): IngestReport {
  return {
    added: [],
    updated: [],
    unchanged: [],
    removed: [],
    failed: scan.duplicates.map((d) => ({
      path: d.path,
      code: 'E_DUPLICATE_ID',
      reason: `Another source already has the id "${d.id}" (same name, other extension); rename one of them.`,
    })),
    skipped: scan.skipped,
    chunks: 0,
    seconds: 0,
    wrote: false,
    inferred: [],
    procedures: [],
    ocr: [],
  };
}

/** The documents and vectors of the index being built, and whether it differs from the live one. */
class Plan {
  readonly vectors = new Map<string, number[]>();
  private readonly docs: IndexedDocument[] = [];
  private readonly bySource = new Map<string, IndexedDocument[]>();
  private readonly reuseVectors: boolean;
  private changed: boolean;

  constructor(
    private readonly live: StoredIndex | null,
    private readonly embedder: Embedder,
  ) {
    for (const d of live?.documents ?? [])
      this.bySource.set(sourceIdOf(d), [...(this.bySource.get(sourceIdOf(d)) ?? []), d]);
    // Vectors from another model are meaningless here; analyser changes only need the lexical side rewritten.
    this.reuseVectors = live !== null && live.manifest.embedder.id === embedder.info.id;
    this.changed = live === null || !sameBuild(live, embedder);
  }

  /** The live documents read from the source file `id` (several for an annex of procedures). */
  stored(id: string): IndexedDocument[] {
    return this.bySource.get(id) ?? [];
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
    return [...this.bySource.entries()].filter(([id]) => !present.has(id)).map(([, docs]) => docs[0]!.meta.sourcePath);
  }

  needsWrite(): boolean {
    return this.changed;
  }

  documents(): IndexedDocument[] {
    return this.docs;
  }
}
