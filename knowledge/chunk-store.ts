/**
 * Chunks of a loaded index, read from chunks.bin one at a time when a search returns them, using the
 * byte offsets in chunks.idx. Each chunk is its own raw-deflate record compressed against a shared
 * dictionary (chunks.dict, a sample of the corpus): a lone 1 KB chunk compresses about as well as a
 * block would, and returning a hit inflates only that chunk (tens of microseconds), never a block.
 * The document id is not in the record: the manifest's document order gives it.
 *
 * Keeping 100k decoded chunks (or even their raw bytes) in memory cost more than the whole lexical index.
 * The file stays open, so a writer pruning this version folder later does not pull the file from under a
 * running bot (Linux keeps unlinked open files readable). The writer stores documents sorted by id and
 * their chunks by ordinal, so each document's chunks are one contiguous run of labels; that is checked
 * here against the manifest.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { FILES, corrupt, stableStringify, type Manifest } from './format.ts';
import type { Chunk } from './types.ts';

/** Deflate looks back 32 KB, so a longer dictionary would never be used. */
const DICTIONARY_BYTES = 32 * 1024;

/** The stored fields of a chunk: everything but its document id, which the manifest holds. */
function recordOf(chunk: Chunk): Buffer {
  return Buffer.from(stableStringify({ ...chunk, documentId: undefined }), 'utf8');
}

/**
 * A dictionary of records sampled evenly over the corpus (deterministic: same chunks, same bytes). Deflate
 * finds the strings every chunk repeats (field names, "thủ tục", "Ủy ban nhân dân") there.
 */
function dictionaryOf(records: readonly Buffer[]): Buffer {
  const total = records.reduce((n, r) => n + r.length, 0);
  if (total <= DICTIONARY_BYTES) return Buffer.concat(records as Buffer[]);
  const picked: Buffer[] = [];
  let size = 0;
  const step = Math.max(1, Math.floor(total / DICTIONARY_BYTES));
  for (let i = 0; i < records.length && size < DICTIONARY_BYTES; i += step) {
    const r = records[i] as Buffer;
    picked.push(r);
    size += r.length;
  }
  return Buffer.concat(picked).subarray(0, DICTIONARY_BYTES);
}

/** The three files of the chunk store for chunks in label order. */
export function encodeChunks(chunks: readonly Chunk[]): { dictionary: Buffer; records: Buffer; offsets: Uint32Array } {
  const raw = chunks.map(recordOf);
  const dictionary = dictionaryOf(raw);
  const packed = raw.map((r) => deflateRawSync(r, { dictionary, level: constants.Z_BEST_COMPRESSION }));
  const offsets = new Uint32Array(chunks.length + 1);
  packed.forEach((p, i) => (offsets[i + 1] = (offsets[i] as number) + p.length));
  return { dictionary, records: Buffer.concat(packed), offsets };
}

export class ChunkStore {
  /** Document index (in manifest order) of each label. */
  readonly docOf: Uint32Array;
  private readonly ranges = new Map<string, [number, number]>();
  private fd: number | null;

  private constructor(
    private readonly offsets: Uint32Array,
    private readonly dictionary: Buffer,
    fd: number,
    private readonly manifest: Manifest,
  ) {
    this.fd = fd;
    const n = manifest.chunkCount;
    this.docOf = new Uint32Array(n);
    let label = 0;
    manifest.documents.forEach((d, i) => {
      this.ranges.set(d.meta.id, [label, label + d.chunkCount]);
      this.docOf.fill(i, label, Math.min(n, label + d.chunkCount));
      label += d.chunkCount;
    });
    if (label !== n) throw corrupt(`the manifest lists ${label} chunk ids but ${n} chunks`);
  }

  /** Opens the chunk files of a version folder; E_INDEX_CORRUPT when the offsets do not fit the file. */
  static async open(versionDir: string, manifest: Manifest): Promise<ChunkStore> {
    const raw = readFileSync(join(versionDir, FILES.chunkOffsets));
    const n = manifest.chunkCount;
    if (raw.length !== (n + 1) * 4) throw corrupt(`${FILES.chunkOffsets} does not hold ${n + 1} offsets`);
    const offsets = new Uint32Array(n + 1);
    for (let i = 0; i <= n; i++) offsets[i] = raw.readUInt32LE(i * 4);
    if (offsets[n] !== manifest.files[FILES.chunks]?.bytes)
      throw corrupt(`${FILES.chunkOffsets} does not match ${FILES.chunks}`);
    let dictionary: Buffer;
    try {
      dictionary = readFileSync(join(versionDir, FILES.chunkDictionary));
    } catch (err) {
      throw corrupt(`cannot read ${FILES.chunkDictionary}`, err);
    }
    const fd = openSync(join(versionDir, FILES.chunks), 'r');
    try {
      return new ChunkStore(offsets, dictionary, fd, manifest);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  get size(): number {
    return this.manifest.chunkCount;
  }

  /** The chunk with this label; throws E_INDEX_CORRUPT when its record does not decode. */
  get(label: number): Chunk {
    if (this.fd === null) throw new Error('the knowledge base was closed');
    const from = this.offsets[label] as number;
    const length = (this.offsets[label + 1] as number) - from;
    const buf = Buffer.allocUnsafe(length);
    if (readSync(this.fd, buf, 0, length, from) !== length)
      throw corrupt(`${FILES.chunks} is shorter than its offsets`);
    const docIndex = this.docOf[label] as number;
    const doc = this.manifest.documents[docIndex];
    let rest: Omit<Chunk, 'documentId'>;
    try {
      rest = JSON.parse(inflateRawSync(buf, { dictionary: this.dictionary }).toString('utf8')) as typeof rest;
    } catch (err) {
      throw corrupt(`chunk ${label} of ${FILES.chunks} does not decode`, err);
    }
    if (!doc || typeof rest?.id !== 'string') throw corrupt(`chunk ${label} of ${FILES.chunks} is out of place`);
    return { ...rest, documentId: doc.meta.id };
  }

  /** Every chunk in label order (ingest's re-use). */
  all(): Chunk[] {
    return Array.from({ length: this.size }, (_, label) => this.get(label));
  }

  /** Labels [from, to) of a document's chunks, in ordinal order; null for an unknown id. */
  rangeOf(documentId: string): [number, number] | null {
    return this.ranges.get(documentId) ?? null;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
