/**
 * The on-disk index format, in one place.
 *
 *   <indexDir>/CURRENT            names the live version folder ("v-<hash>\n"), swapped atomically
 *   <indexDir>/v-<hash>/manifest.json   formatVersion, analyserVersion, embedder, BM25 params, documents
 *                       chunks.jsonl     one Chunk per line, in label order
 *                       chunks.idx       byte offset of each line (uint32 LE), so search reads one chunk at a time
 *                       lexical.json     term lists of the two BM25 fields
 *                       lexical.bin      postings as typed arrays (offsets, doc ids, tfs, lengths)
 *                       vectors.f32      raw vectors in label order (for re-use by ingest)
 *                       vectors.hnsw     the hnswlib graph (label = chunk position)
 *                       vector-ids.json  chunk id of each label
 * No timestamps anywhere: the same input gives byte-identical files and the same version folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KnowledgeError } from './errors.ts';
import { ANALYSER_VERSION } from './analyser.ts';
import type { Bm25Params, FieldHeader } from './lexical-index.ts';
import type { EmbedderInfo } from './embedder-types.ts';
import type { Chunk, DocumentMeta } from './types.ts';

/** Bump when the files above change shape; older indexes then report E_INDEX_VERSION. 2: one-byte tfs, chunks.idx. */
export const FORMAT_VERSION = 2;

export const FILES = {
  manifest: 'manifest.json',
  chunks: 'chunks.jsonl',
  chunkOffsets: 'chunks.idx',
  lexicalHeader: 'lexical.json',
  lexicalData: 'lexical.bin',
  vectors: 'vectors.f32',
  graph: 'vectors.hnsw',
  vectorIds: 'vector-ids.json',
} as const;

export const CURRENT_FILE = 'CURRENT';
export const VERSION_DIR = /^v-[0-9a-f]{16}$/;

export interface ManifestDocument {
  meta: DocumentMeta;
  /** Hash of the source file as ingest read it; ingest re-uses chunks and vectors when it is unchanged. */
  contentHash: string;
  /** Chunk ids in ordinal order. */
  chunkIds: string[];
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
    manifest = JSON.parse(await readFile(join(versionDir, FILES.manifest), 'utf8')) as Manifest;
  } catch (err) {
    throw corrupt(`cannot read ${join(versionDir, FILES.manifest)}`, err);
  }
  if (typeof manifest?.formatVersion !== 'number' || !Array.isArray(manifest.documents) || !manifest.files) {
    throw corrupt(`${join(versionDir, FILES.manifest)} is not an index manifest`);
  }
  if (manifest.formatVersion !== FORMAT_VERSION) {
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

/** Parses chunks.jsonl; throws E_INDEX_CORRUPT on a bad line or a count that disagrees with the manifest. */
export async function readChunks(versionDir: string, manifest: Manifest): Promise<Chunk[]> {
  const text = await readFile(join(versionDir, FILES.chunks), 'utf8');
  const lines = text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
  if (lines.length !== manifest.chunkCount) {
    throw corrupt(`${FILES.chunks} has ${lines.length} chunks, the manifest says ${manifest.chunkCount}`);
  }
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as Chunk;
    } catch (err) {
      throw corrupt(`${FILES.chunks} line ${i + 1} is not JSON`, err);
    }
  });
}

/** Reads vectors.f32 back into one array per chunk (label order). */
export async function readVectors(versionDir: string, manifest: Manifest): Promise<number[][]> {
  if (!manifest.files[FILES.vectors]) return [];
  const buf = await readFile(join(versionDir, FILES.vectors));
  const dims = manifest.embedder.dimensions;
  if (dims <= 0 || buf.length !== manifest.chunkCount * dims * 4) throw corrupt(`${FILES.vectors} has the wrong size`);
  const out: number[][] = [];
  for (let i = 0; i < manifest.chunkCount; i++) {
    const row = new Array<number>(dims);
    for (let j = 0; j < dims; j++) row[j] = buf.readFloatLE((i * dims + j) * 4);
    out.push(row);
  }
  return out;
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
