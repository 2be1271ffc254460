/**
 * Reading a term's postings where they lie in the lexical file, without decoding them into arrays first.
 * Each posting is one varint (gap to the previous document × 2, low bit set when tf > 1) and then the tf
 * byte when flagged; see lexical-index.ts for the layout.
 *
 * When a field is opened, one pass over its postings records for every list longer than BLOCK a skip
 * table (the document before each block of BLOCK postings and the block's byte offset), and the pairs
 * (tf, least document length with that tf) that bound what one posting can score under any BM25
 * parameters. A lookup then binary-searches the blocks and decodes at most one block, so MaxScore
 * (lexical-topk.ts) can look a chunk up in the list of "thủ tục" without decoding its 60 000 postings.
 * This replaced a cache of decoded lists (13 bytes a posting, up to 180 MB at 100k chunks).
 */

/**
 * Postings per skip block: a lookup decodes at most this many. 16 measured faster than 64 and 32 at 100k
 * chunks (lookups dominate the pruned search), for a table of 0.5 byte a posting.
 */
export const BLOCK = 16;

/** Skip tables and score bounds of every list longer than BLOCK, flat, indexed by term. */
export interface SkipTable {
  /** termCount + 1 starts into docBefore / offsets. */
  starts: Uint32Array;
  /** Document of the posting just before each block (0 before the first, where gaps start from 0). */
  docBefore: Uint32Array;
  /** Byte offset of each block's first posting in the postings blob. */
  offsets: Uint32Array;
  /** termCount + 1 starts into tfs / minLengths. */
  boundStarts: Uint32Array;
  /** Undominated pairs of tf and the least document length holding the term that often. */
  tfs: Uint8Array;
  minLengths: Uint32Array;
}

/** Builds the skip tables of a field in one pass over its postings (≈ 16M postings a field at 100k chunks). */
export function buildSkips(blob: Uint8Array, postingStarts: Uint32Array, lengths: Uint32Array): SkipTable {
  const termCount = postingStarts.length - 1;
  const starts = new Uint32Array(termCount + 1);
  const boundStarts = new Uint32Array(termCount + 1);
  const dfs = new Uint32Array(termCount);
  let blocks = 0;
  for (let id = 0; id < termCount; id++) {
    const df = readDf(blob, postingStarts[id] as number);
    dfs[id] = df;
    starts[id] = blocks;
    if (df > BLOCK) blocks += Math.ceil(df / BLOCK);
  }
  starts[termCount] = blocks;
  const docBefore = new Uint32Array(blocks);
  const offsets = new Uint32Array(blocks);
  const tfs: number[] = [];
  const minLengths: number[] = [];
  const least = new Float64Array(256);
  for (let id = 0; id < termCount; id++) {
    boundStarts[id] = tfs.length;
    const df = dfs[id] as number;
    if (df <= BLOCK) continue;
    least.fill(Infinity);
    let p = postingStarts[id] as number;
    while ((blob[p++] as number) & 0x80);
    let doc = 0;
    let block = starts[id] as number;
    for (let i = 0; i < df; i++) {
      if (i % BLOCK === 0) {
        docBefore[block] = doc;
        offsets[block++] = p;
      }
      let b = blob[p++] as number;
      let v = b & 0x7f;
      for (let shift = 7; b & 0x80; shift += 7) {
        b = blob[p++] as number;
        v |= (b & 0x7f) << shift;
      }
      doc += v >>> 1;
      const tf = v & 1 ? (blob[p++] as number) : 1;
      const len = lengths[doc] as number;
      if (len < (least[tf] as number)) least[tf] = len;
    }
    // A higher tf at a length no longer scores at least as much: keep only the pairs nothing dominates.
    for (let tf = 255, shortest = Infinity; tf >= 1; tf--) {
      const len = least[tf] as number;
      if (len >= shortest) continue;
      shortest = len;
      tfs.push(tf);
      minLengths.push(len);
    }
  }
  boundStarts[termCount] = tfs.length;
  return {
    starts,
    docBefore,
    offsets,
    boundStarts,
    tfs: Uint8Array.from(tfs),
    minLengths: Uint32Array.from(minLengths),
  };
}

/** The document frequency at the head of a list. */
function readDf(blob: Uint8Array, at: number): number {
  let b = blob[at++] as number;
  let df = b & 0x7f;
  for (let scale = 128; b & 0x80; scale *= 128) {
    b = blob[at++] as number;
    df += (b & 0x7f) * scale;
  }
  return df;
}

/**
 * Walks one list towards increasing documents: `tfOf(doc)` gives the term frequency of `doc` (0 when the
 * list does not hold it). Documents asked must not decrease; a jump past whole blocks uses the skip table.
 */
export class PostingCursor {
  private pos: number;
  private doc = 0;
  private tf = 0;
  /** Postings decoded so far. */
  private i = 0;

  constructor(
    private readonly blob: Uint8Array,
    /** Byte offset of the first posting (after the document-frequency varint). */
    start: number,
    private readonly length: number,
    private readonly skips: SkipTable | null,
    /** This list's range in the skip table (empty for a short list). */
    private readonly skipFrom: number,
    private readonly skipTo: number,
  ) {
    this.pos = start;
  }

  tfOf(target: number): number {
    if (this.i > 0 && this.doc >= target) return this.doc === target ? this.tf : 0;
    if (this.skipTo > this.skipFrom) this.jump(target);
    const blob = this.blob;
    let { pos, doc, tf, i } = this;
    while (i < this.length && (i === 0 || doc < target)) {
      let b = blob[pos++] as number;
      let v = b & 0x7f;
      for (let shift = 7; b & 0x80; shift += 7) {
        b = blob[pos++] as number;
        v |= (b & 0x7f) << shift;
      }
      doc += v >>> 1;
      tf = v & 1 ? (blob[pos++] as number) : 1;
      i++;
      if (doc >= target) break;
    }
    this.pos = pos;
    this.doc = doc;
    this.tf = tf;
    this.i = i;
    return i > 0 && doc === target ? tf : 0;
  }

  /** Moves to the last block whose previous document is below `target`, when that is past the current one. */
  private jump(target: number): void {
    const { docBefore, offsets } = this.skips as SkipTable;
    let lo = this.skipFrom + Math.floor(this.i / BLOCK) + 1;
    if (lo >= this.skipTo || (docBefore[lo] as number) >= target) return;
    let hi = this.skipTo;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((docBefore[mid] as number) < target) lo = mid;
      else hi = mid;
    }
    this.pos = offsets[lo] as number;
    this.doc = docBefore[lo] as number;
    this.i = (lo - this.skipFrom) * BLOCK;
  }
}
