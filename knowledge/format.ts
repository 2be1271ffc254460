/**
 * The on-disk index format, in one place.
 *
 *   <indexDir>/CURRENT            names the live version folder ("v-<hash>\n"), swapped atomically
 *   <indexDir>/v-<hash>/manifest.json   formatVersion, analyserVersion, embedder, BM25 params, documents
 *                       chunks.bin       one raw-deflate record per chunk (label order), document id left to the manifest
 *                       chunks.dict      the shared deflate dictionary of those records (≤ 32 KB)
 *                       chunks.idx       byte offset of each record (uint32 LE), so search reads one chunk at a time
 *                       lexical.json     sizes of the two BM25 fields
 *                       lexical.bin      per field: UTF-8 term blob + offsets, varint postings + offsets, lengths
 *                       vectors.hnsw     the hnswlib graph (label = chunk position); the only copy of the vectors
 *                       catalogue.json   word chunk counts, other names and cited numbers per document (base-catalogue.ts)
 * No timestamps anywhere: the same input gives byte-identical files and the same version folder.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KnowledgeError } from './errors.ts';
import { ANALYSER_VERSION } from './analyser.ts';
import type { Bm25Params, FieldHeader } from './lexical-index.ts';
import type { EmbedderInfo } from './embedder-types.ts';
import type { Chunk, DocumentMeta } from './types.ts';

/**
 * Bump when the files above change shape; older indexes then report E_INDEX_VERSION (ingest rebuilds them).
 * 2: one-byte tfs, chunks.idx. 3: varint postings, compressed chunk records, no vectors.f32 / vector-ids.json
 * (4.75 KB → under 2 KB per chunk at 100k). 4: catalogue.json, so the answer layer's per-base tables need no
 * pass over the chunks at load.
 */
export const FORMAT_VERSION = 4;

/**
 * Formats this program opens. Format 3 differs only by lacking catalogue.json: the catalogue is then
 * gathered in one pass at load, and ingest writes format 4 on its next run.
 */
export const READABLE_FORMATS: readonly number[] = [3, FORMAT_VERSION];

export const FILES = {
  manifest: 'manifest.json',
  chunks: 'chunks.bin',
  chunkDictionary: 'chunks.dict',
  chunkOffsets: 'chunks.idx',
  lexicalHeader: 'lexical.json',
  lexicalData: 'lexical.bin',
  graph: 'vectors.hnsw',
  catalogue: 'catalogue.json',
} as const;

export const CURRENT_FILE = 'CURRENT';
export const VERSION_DIR = /^v-[0-9a-f]{16}$/;

export interface ManifestDocument {
  meta: DocumentMeta;
  /** Hash of the source file as ingest read it; ingest re-uses chunks and vectors when it is unchanged. */
  contentHash: string;
  /** Number of its chunks (their labels follow those of the documents before it; ids are in chunks.bin). */
  chunkCount: number;
}

export interface Manifest {
  formatVersion: number;
  analyserVersion: string;
  embedder: EmbedderInfo;
  /** BM25 parameters the index was built for (search may override them). */
  bm25: Bm25Params;
  chunkCount: number;
  /** Sorted by document id. */
  documents: ManifestDocument[];
  /** Size and SHA-256 of every other file in the version folder. */
  files: Record<string, { bytes: number; sha256: string }>;
}

export interface LexicalHeader {
  littleEndian: true;
  chunkCount: number;
  accented: FieldHeader;
  folded: FieldHeader;
}

/** A document as ingest hands it to the writer, and as the reader hands it back. */
export interface IndexedDocument {
  meta: DocumentMeta;
  contentHash: string;
  chunks: Chunk[];
}

/** Path of the live version folder, or null when there is no CURRENT file yet. */
export async function locateCurrent(indexDir: string): Promise<string | null> {
  let name: string;
  try {
    name = (await readFile(join(indexDir, CURRENT_FILE), 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw corrupt(`cannot read ${join(indexDir, CURRENT_FILE)}`, err);
  }
  if (!VERSION_DIR.test(name)) throw corrupt(`${join(indexDir, CURRENT_FILE)} does not name a version folder`);
  return join(indexDir, name);
}

export function corrupt(what: string, cause?: unknown): KnowledgeError {
  return new KnowledgeError('E_INDEX_CORRUPT', `${what}; delete the index folder and run npm run ingest`, { cause });
}

/**
 * Reads and checks the manifest of a version folder: format version always, analyser version when
 * asked (search needs the same analyser; re-using chunks and vectors does not), file sizes always.
 */
export async function readManifest(versionDir: string, opts: { checkAnalyser: boolean }): Promise<Manifest> {
  let manifest: Manifest;
  try {
    // One blocking read: fs/promises reads a big file in 512 KB rounds through the thread pool, which took
    // longer than parsing the 8 MB manifest of a 100k-chunk index on a busy machine.
    manifest = JSON.parse(readFileSync(join(versionDir, FILES.manifest), 'utf8')) as Manifest;
  } catch (err) {
    throw corrupt(`cannot read ${join(versionDir, FILES.manifest)}`, err);
  }
  if (typeof manifest?.formatVersion !== 'number' || !Array.isArray(manifest.documents) || !manifest.files) {
    throw corrupt(`${join(versionDir, FILES.manifest)} is not an index manifest`);
  }
  if (!READABLE_FORMATS.includes(manifest.formatVersion)) {
    throw new KnowledgeError(
      'E_INDEX_VERSION',
      `the index was built by format ${manifest.formatVersion}, this program reads format ${FORMAT_VERSION}: re-run npm run ingest`,
    );
  }
  if (opts.checkAnalyser && manifest.analyserVersion !== ANALYSER_VERSION) {
    throw new KnowledgeError(
      'E_INDEX_VERSION',
      `the index was built by analyser ${manifest.analyserVersion}, this program uses ${ANALYSER_VERSION} (the abbreviation list or tokeniser changed): re-run npm run ingest`,
    );
  }
  for (const [name, { bytes }] of Object.entries(manifest.files)) {
    const size = await stat(join(versionDir, name)).then(
      (s) => s.size,
      () => -1,
    );
    if (size !== bytes)
      throw corrupt(`${join(versionDir, name)} is ${size < 0 ? 'missing' : `${size} bytes, expected ${bytes}`}`);
  }
  return manifest;
}

/** JSON with object keys sorted at every level, so the bytes never depend on insertion order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}
