/**
 * writeIndex: builds a complete version folder beside the live one, fsyncs it, then swaps CURRENT
 * atomically (write CURRENT.tmp, rename). A crash or error before the rename leaves the old index live.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ANALYSER_VERSION, analyseForIndex } from './analyser.ts';
import { KnowledgeError } from './errors.ts';
import {
  CURRENT_FILE,
  FILES,
  FORMAT_VERSION,
  VERSION_DIR,
  stableStringify,
  type IndexedDocument,
  type LexicalHeader,
  type Manifest,
} from './format.ts';
import { indexTextOf } from './index-text.ts';
import { CatalogueBuilder, serialiseCatalogue } from './base-catalogue.ts';
import { encodeChunks } from './chunk-store.ts';
import { FieldBuilder } from './field-builder.ts';
import { packArrays, type Bm25Params } from './lexical-index.ts';
import { SEARCH_DEFAULTS } from './search-defaults.ts';
import { VectorIndex } from './vector-index.ts';
import type { EmbedderInfo } from './embedder-types.ts';
import type { Chunk, DocumentMeta } from './types.ts';

export interface BuildInput {
  documents: IndexedDocument[];
  /** chunk id → vector; every chunk needs one. */
  vectors: Map<string, number[]>;
  embedder: EmbedderInfo;
}

export interface WriteOptions {
  /** BM25 parameters recorded in the manifest (default SEARCH_DEFAULTS.bm25). */
  bm25?: Bm25Params;
  /** Test hook, called at 'files-written' (version folder complete) and 'before-swap'. */
  onStage?: (stage: 'files-written' | 'before-swap') => void | Promise<void>;
}

const inputError = (msg: string) =>
  new KnowledgeError('E_INDEX_INPUT', `${msg}; this is a bug in the caller of writeIndex`);

/** Sorted documents and chunks, validated, plus the vector length. */
function prepare(input: BuildInput): { docs: IndexedDocument[]; chunks: Chunk[]; vectors: number[][]; dims: number } {
  const docs = [...input.documents].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
  const chunks: Chunk[] = [];
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(`doc:${d.meta.id}`)) throw inputError(`document "${d.meta.id}" appears twice`);
    seen.add(`doc:${d.meta.id}`);
    for (const c of [...d.chunks].sort((a, b) => a.ordinal - b.ordinal)) {
      if (seen.has(c.id)) throw inputError(`chunk id "${c.id}" appears twice`);
      if (c.documentId !== d.meta.id)
        throw inputError(`chunk "${c.id}" says document "${c.documentId}" but sits in "${d.meta.id}"`);
      seen.add(c.id);
      chunks.push(c);
    }
  }
  let dims = input.embedder.dimensions;
  const vectors = chunks.map((c) => {
    const v = input.vectors.get(c.id);
    if (!v) throw inputError(`chunk "${c.id}" has no vector`);
    if (dims === 0) dims = v.length;
    if (v.length !== dims) throw inputError(`chunk "${c.id}" has a vector of length ${v.length}, expected ${dims}`);
    return v;
  });
  return { docs, chunks, vectors, dims };
}

async function writeDurably(path: string, data: string | Uint8Array): Promise<{ bytes: number; sha256: string }> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  return { bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
}

async function syncDir(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Writes every file of one version into `dir`; returns the manifest text. */
async function writeFiles(dir: string, input: BuildInput, opts: WriteOptions): Promise<string> {
  const { docs, chunks, vectors, dims } = prepare(input);
  const metaById = new Map(docs.map((d) => [d.meta.id, d.meta]));
  const accentedBuilder = new FieldBuilder();
  const foldedBuilder = new FieldBuilder();
  for (const c of chunks) {
    const terms = analyseForIndex(indexTextOf(c, metaById.get(c.documentId) as DocumentMeta));
    accentedBuilder.add(terms.accented);
    foldedBuilder.add(terms.folded);
  }
  const accented = accentedBuilder.finish();
  const folded = foldedBuilder.finish();
  const header: LexicalHeader = {
    littleEndian: true,
    chunkCount: chunks.length,
    accented: accented.header,
    folded: folded.header,
  };
  const files: Manifest['files'] = {};
  files[FILES.catalogue] = await writeDurably(join(dir, FILES.catalogue), catalogueText(docs, chunks));
  const store = encodeChunks(chunks);
  files[FILES.chunks] = await writeDurably(join(dir, FILES.chunks), store.records);
  files[FILES.chunkDictionary] = await writeDurably(join(dir, FILES.chunkDictionary), store.dictionary);
  files[FILES.chunkOffsets] = await writeDurably(join(dir, FILES.chunkOffsets), packArrays([store.offsets]));
  files[FILES.lexicalHeader] = await writeDurably(join(dir, FILES.lexicalHeader), JSON.stringify(header));
  files[FILES.lexicalData] = await writeDurably(
    join(dir, FILES.lexicalData),
    packArrays([...accented.arrays, ...folded.arrays]),
  );
  if (chunks.length > 0) {
    // The graph is the only copy of the vectors (readStoredIndex reads them back from it).
    VectorIndex.build(vectors, dims).write(join(dir, FILES.graph));
    const graph = await readFile(join(dir, FILES.graph));
    files[FILES.graph] = await writeDurably(join(dir, FILES.graph), graph);
  }
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    analyserVersion: ANALYSER_VERSION,
    embedder: { ...input.embedder, dimensions: dims },
    bm25: opts.bm25 ?? SEARCH_DEFAULTS.bm25,
    chunkCount: chunks.length,
    documents: docs.map((d) => ({
      meta: d.meta,
      contentHash: d.contentHash,
      chunkCount: d.chunks.length,
    })),
    files,
  };
  const text = `${stableStringify(manifest)}\n`;
  await writeDurably(join(dir, FILES.manifest), text);
  await syncDir(dir);
  return text;
}

/** catalogue.json of the documents, their chunks read in the order the index stores them. */
function catalogueText(docs: readonly IndexedDocument[], chunks: readonly Chunk[]): string {
  const builder = new CatalogueBuilder();
  let from = 0;
  for (const d of docs) {
    builder.add(d.meta, chunks.slice(from, from + d.chunks.length));
    from += d.chunks.length;
  }
  return serialiseCatalogue(builder.finish());
}

async function readCurrentName(indexDir: string): Promise<string | null> {
  try {
    const name = (await readFile(join(indexDir, CURRENT_FILE), 'utf8')).trim();
    return VERSION_DIR.test(name) ? name : null;
  } catch {
    return null;
  }
}

/** A build folder untouched this long was left by a killed writer, not by one still running. */
const ABANDONED_BUILD_MS = 10 * 60_000;

/** Removes version folders other than the live and the previous one, and build folders of killed writers. */
async function pruneVersions(indexDir: string, keep: ReadonlyArray<string | null>, now = Date.now()): Promise<void> {
  for (const entry of await readdir(indexDir)) {
    const path = join(indexDir, entry);
    if (VERSION_DIR.test(entry) && !keep.includes(entry)) await rm(path, { recursive: true, force: true });
    if (entry.startsWith('.building-') && now - (await stat(path)).mtimeMs > ABANDONED_BUILD_MS) {
      await rm(path, { recursive: true, force: true });
    }
  }
}

/**
 * Builds the index for `input` into `<indexDir>/v-<hash>/` and makes it live. Same input, same bytes,
 * same version name. Errors: E_INDEX_INPUT (bad input), E_INDEX_WRITE (disk); the old index stays live.
 */
export async function writeIndex(
  indexDir: string,
  input: BuildInput,
  opts: WriteOptions = {},
): Promise<{ version: string; path: string }> {
  let building: string | null = null;
  try {
    await mkdir(indexDir, { recursive: true });
    building = await mkdtemp(join(indexDir, '.building-'));
    const manifestText = await writeFiles(building, input, opts);
    const version = `v-${createHash('sha256').update(manifestText).digest('hex').slice(0, 16)}`;
    await opts.onStage?.('files-written');
    const target = join(indexDir, version);
    const exists = await stat(join(target, FILES.manifest)).then(
      () => true,
      () => false,
    );
    if (exists) {
      await rm(building, { recursive: true, force: true });
    } else {
      await rm(target, { recursive: true, force: true });
      await rename(building, target);
    }
    building = null;
    await syncDir(indexDir);
    const previous = await readCurrentName(indexDir);
    await opts.onStage?.('before-swap');
    await writeDurably(join(indexDir, `${CURRENT_FILE}.tmp`), `${version}\n`);
    await rename(join(indexDir, `${CURRENT_FILE}.tmp`), join(indexDir, CURRENT_FILE));
    await syncDir(indexDir);
    await pruneVersions(indexDir, [version, previous]);
    return { version, path: target };
  } catch (err) {
    if (building) await rm(building, { recursive: true, force: true }).catch(() => undefined);
    if (err instanceof KnowledgeError) throw err;
    throw new KnowledgeError(
      'E_INDEX_WRITE',
      `could not write the index in ${indexDir}: ${(err as Error).message}; the previous index (if any) is still live`,
      { cause: err },
    );
  }
}
