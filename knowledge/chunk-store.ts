/**
 * Chunks of a loaded index, read from chunks.jsonl one at a time when a search returns them, using the
 * byte offsets in chunks.idx. Keeping 100k decoded chunks (or even their raw bytes) in memory cost more
 * than the whole lexical index. The file stays open, so a writer pruning this version folder later does
 * not pull the file from under a running bot (Linux keeps unlinked open files readable).
 *
 * The writer stores documents sorted by id and their chunks by ordinal, so each document's chunks are one
 * contiguous run of labels; that is checked here against the manifest.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILES, corrupt, type Manifest } from './format.ts';
import type { Chunk } from './types.ts';

export class ChunkStore {
  /** Document index (in manifest order) of each label. */
  readonly docOf: Uint32Array;
  private readonly ranges = new Map<string, [number, number]>();
  private fd: number | null;

  private constructor(
    private readonly offsets: Uint32Array,
    fd: number,
    private readonly manifest: Manifest,
  ) {
    this.fd = fd;
    const n = manifest.chunkCount;
    this.docOf = new Uint32Array(n);
    let label = 0;
    manifest.documents.forEach((d, i) => {
      this.ranges.set(d.meta.id, [label, label + d.chunkIds.length]);
      this.docOf.fill(i, label, Math.min(n, label + d.chunkIds.length));
      label += d.chunkIds.length;
    });
    if (label !== n) throw corrupt(`the manifest lists ${label} chunk ids but ${n} chunks`);
  }

  /** Opens chunks.jsonl of a version folder; E_INDEX_CORRUPT when the offsets do not fit the file. */
  static async open(versionDir: string, manifest: Manifest): Promise<ChunkStore> {
    const raw = await readFile(join(versionDir, FILES.chunkOffsets));
    const n = manifest.chunkCount;
    if (raw.length < (n + 1) * 4) throw corrupt(`${FILES.chunkOffsets} is too short for ${n} chunks`);
    const offsets = new Uint32Array(n + 1);
    for (let i = 0; i <= n; i++) offsets[i] = raw.readUInt32LE(i * 4);
    if (offsets[n] !== manifest.files[FILES.chunks]?.bytes)
      throw corrupt(`${FILES.chunkOffsets} does not match ${FILES.chunks}`);
    const fd = openSync(join(versionDir, FILES.chunks), 'r');
    try {
      return new ChunkStore(offsets, fd, manifest);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  get size(): number {
    return this.manifest.chunkCount;
  }

  /** The chunk with this label; throws E_INDEX_CORRUPT when its line is not the chunk the manifest names. */
  get(label: number): Chunk {
    if (this.fd === null) throw new Error('the knowledge base was closed');
    const from = this.offsets[label] as number;
    const length = (this.offsets[label + 1] as number) - from - 1;
    const buf = Buffer.alloc(length);
    readSync(this.fd, buf, 0, length, from);
    let chunk: Chunk;
    try {
      chunk = JSON.parse(buf.toString('utf8')) as Chunk;
    } catch (err) {
      throw corrupt(`chunks.jsonl line ${label + 1} is not JSON`, err);
    }
    const doc = this.manifest.documents[this.docOf[label] as number];
    if (chunk.documentId !== doc?.meta.id) throw corrupt(`chunks.jsonl line ${label + 1} is out of place`);
    return chunk;
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
