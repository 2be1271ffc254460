/**
 * Chunks of a loaded index, kept as the raw UTF-8 bytes of chunks.jsonl plus line offsets and decoded
 * only when a search returns them. Decoding 100k chunks at open would cost seconds and hundreds of MB.
 * The writer stores documents sorted by id and their chunks by ordinal, so each document's chunks are one
 * contiguous run of labels; that is checked here against the manifest.
 */
import { corrupt, type Manifest } from './format.ts';
import type { Chunk } from './types.ts';

export class ChunkStore {
  /** Byte offset of each line, plus one past the last. */
  private readonly starts: Uint32Array;
  /** Document index (in manifest order) of each label. */
  readonly docOf: Uint32Array;
  private readonly ranges = new Map<string, [number, number]>();

  constructor(private readonly bytes: Buffer, private readonly manifest: Manifest) {
    const n = manifest.chunkCount;
    this.starts = new Uint32Array(n + 1);
    let line = 0;
    let from = 0;
    while (line < n) {
      const nl = bytes.indexOf(10, from);
      if (nl < 0) break;
      this.starts[line++] = from;
      from = nl + 1;
    }
    if (line !== n || from !== bytes.length) throw corrupt(`chunks.jsonl does not hold the ${n} chunks the manifest lists`);
    this.starts[n] = from;
    this.docOf = new Uint32Array(n);
    let label = 0;
    manifest.documents.forEach((d, i) => {
      this.ranges.set(d.meta.id, [label, label + d.chunkIds.length]);
      this.docOf.fill(i, label, label + d.chunkIds.length);
      label += d.chunkIds.length;
    });
    if (label !== n) throw corrupt(`the manifest lists ${label} chunk ids but ${n} chunks`);
  }

  get size(): number {
    return this.manifest.chunkCount;
  }

  /** The chunk with this label; throws E_INDEX_CORRUPT when its line is not the chunk the manifest names. */
  get(label: number): Chunk {
    const text = this.bytes.toString('utf8', this.starts[label], (this.starts[label + 1] as number) - 1);
    let chunk: Chunk;
    try {
      chunk = JSON.parse(text) as Chunk;
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
}
