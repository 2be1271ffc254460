/**
 * BM25 over one field. On disk each term's postings are one run of bytes: its document frequency, then
 * per document the gap to the previous document and a flag for tf > 1 in one varint (and the tf byte
 * when flagged). Most postings of a common term take one byte, instead of five as uint32 + uint8.
 *
 * Opening keeps the file as one Buffer with typed-array views over it: the terms are one UTF-8 blob with
 * start offsets (searched by binary search over the bytes, never split into 250k strings), and a term's
 * postings are read where they lie, never decoded into arrays: in full for the lists search sums, by skip
 * table (postings.ts) for the lists it only looks chunks up in. The writer's side is field-builder.ts.
 */

import { BLOCK, PostingCursor, buildSkips, type SkipTable } from './postings.ts';

/** BM25 parameters (defaults in SEARCH_DEFAULTS). */
export interface Bm25Params {
  k1: number;
  b: number;
}

/** Serialised header of one field; the arrays follow each other in the binary file. */
export interface FieldHeader {
  termCount: number;
  /** Byte length of the UTF-8 term blob (terms concatenated in byte order, no separators). */
  termBytes: number;
  /** Byte length of the encoded postings of all terms. */
  postingBytes: number;
  totalLength: number;
}

/** Distinct looked-up terms remembered per field before the memo starts over. */
const LOOKUP_MEMO = 8192;

/**
 * One query term's postings ready to score: a posting of tf in document d adds
 * w × tf / (tf + base + byLength[d]). `max` bounds what one posting adds, which is what lets search skip
 * reading the long lists of common syllables (see lexical-topk.ts).
 */
export interface TermList {
  blob: Uint8Array;
  /** Byte offset of the first posting. */
  start: number;
  length: number;
  skips: SkipTable;
  /** This list's range in the skip table (empty for a list of at most BLOCK postings). */
  skipFrom: number;
  skipTo: number;
  w: number;
  base: number;
  byLength: Float64Array;
  max: number;
}

/** What a posting of `tf` in `doc` adds (the one formula every path uses, so equal inputs give equal bits). */
export function contribution(list: TermList, tf: number, doc: number): number {
  return list.w * (tf / (tf + list.base + (list.byLength[doc] as number)));
}

/** A cursor over `list` for lookups in increasing document order. */
export function cursorOf(list: TermList): PostingCursor {
  return new PostingCursor(list.blob, list.start, list.length, list.skips, list.skipFrom, list.skipTo);
}

const utf8 = new TextEncoder();

export class FieldIndex {
  readonly avgLength: number;
  private readonly lookups = new Map<string, number>();
  private readonly skips: SkipTable;
  private byLength: { perLength: number; values: Float64Array } | null = null;

  constructor(
    private readonly termBlob: Uint8Array,
    /** termCount + 1 byte offsets into termBlob. */
    private readonly termStarts: Uint32Array,
    /** termCount + 1 byte offsets into postingBlob. */
    private readonly postingStarts: Uint32Array,
    private readonly postingBlob: Uint8Array,
    readonly lengths: Uint32Array,
  ) {
    let total = 0;
    for (const len of lengths) total += len;
    this.avgLength = lengths.length === 0 ? 1 : Math.max(1, total / lengths.length);
    this.skips = buildSkips(postingBlob, postingStarts, lengths);
  }

  get docCount(): number {
    return this.lengths.length;
  }

  get termCount(): number {
    return this.termStarts.length - 1;
  }

  /** Number of the term, or -1 when no document has it (binary search over the UTF-8 bytes, memoised). */
  termId(term: string): number {
    const memo = this.lookups.get(term);
    if (memo !== undefined) return memo;
    const key = utf8.encode(term);
    const { termBlob, termStarts } = this;
    let lo = 0;
    let hi = this.termCount;
    let found = -1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const from = termStarts[mid] as number;
      const len = (termStarts[mid + 1] as number) - from;
      let c = 0;
      const n = Math.min(len, key.length);
      for (let i = 0; i < n && c === 0; i++) c = (termBlob[from + i] as number) - (key[i] as number);
      if (c === 0) c = len - key.length;
      if (c === 0) {
        found = mid;
        break;
      }
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    if (this.lookups.size >= LOOKUP_MEMO) this.lookups.clear();
    this.lookups.set(term, found);
    return found;
  }

  /** Document frequency of a term (0 when absent). */
  df(term: string): number {
    const id = this.termId(term);
    return id < 0 ? 0 : readVarint(this.postingBlob, this.postingStarts[id] as number).value;
  }

  /** True when document `doc` contains `term`. */
  has(term: string, doc: number): boolean {
    const id = this.termId(term);
    if (id < 0) return false;
    const head = readVarint(this.postingBlob, this.postingStarts[id] as number);
    const { starts } = this.skips;
    const cursor = new PostingCursor(
      this.postingBlob,
      head.next,
      head.value,
      this.skips,
      starts[id] as number,
      starts[id + 1] as number,
    );
    return cursor.tfOf(doc) > 0;
  }

  /**
   * The postings of `term` with its BM25 weight for this search, or null when no document has it. The bound
   * of a long list comes from its (tf, least length) pairs, of a short one from its postings.
   */
  scoredList(term: string, weight: number, p: Bm25Params): TermList | null {
    const id = this.termId(term);
    if (id < 0) return null;
    const head = readVarint(this.postingBlob, this.postingStarts[id] as number);
    const df = head.value;
    const idf = Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
    const w = weight * idf * (p.k1 + 1);
    const base = p.k1 * (1 - p.b);
    const perLength = (p.k1 * p.b) / this.avgLength;
    const byLength = this.lengthTerms(perLength);
    const { skips } = this;
    const list: TermList = {
      blob: this.postingBlob,
      start: head.next,
      length: df,
      skips,
      skipFrom: skips.starts[id] as number,
      skipTo: skips.starts[id + 1] as number,
      w,
      base,
      byLength,
      max: 0,
    };
    let most = 0;
    if (df > BLOCK) {
      for (let j = skips.boundStarts[id] as number; j < (skips.boundStarts[id + 1] as number); j++) {
        const tf = skips.tfs[j] as number;
        most = Math.max(most, tf / (tf + base + perLength * (skips.minLengths[j] as number)));
      }
    } else forEachPosting(list, (doc, tf) => (most = Math.max(most, tf / (tf + base + (byLength[doc] as number)))));
    list.max = w * most;
    return list;
  }

  /**
   * Adds weight × BM25(term) to `scores` for every document holding the term: the exhaustive way, which the
   * pruned search is tested against. Every contribution is positive, so touched documents are the non-zero scores.
   */
  accumulate(term: string, weight: number, p: Bm25Params, scores: Float64Array): void {
    const list = this.scoredList(term, weight, p);
    if (list) addAll(list, scores);
  }

  /** perLength × length of every document, kept for the BM25 parameters of the last search. */
  private lengthTerms(perLength: number): Float64Array {
    if (this.byLength?.perLength !== perLength) {
      const values = new Float64Array(this.lengths.length);
      for (let doc = 0; doc < values.length; doc++) values[doc] = perLength * (this.lengths[doc] as number);
      this.byLength = { perLength, values };
    }
    return this.byLength.values;
  }

  /** Rebuilds a field from its header and the binary blob (views, no copies); RangeError on a size mismatch. */
  static deserialise(
    header: FieldHeader,
    docCount: number,
    blob: Buffer,
    at: number,
  ): { field: FieldIndex; end: number } {
    const take = <T>(make: (buf: ArrayBuffer, off: number, len: number) => T, bytesPer: number, len: number): T => {
      const bytes = bytesPer * len;
      if (at + bytes > blob.length) throw new RangeError('lexical index is shorter than its header says');
      const start = blob.byteOffset + at;
      const from = at;
      at += pad4(bytes);
      // Views need aligned offsets; a Buffer from the small-file pool may not be aligned, so copy then.
      if (start % bytesPer === 0) return make(blob.buffer as ArrayBuffer, start, len);
      const copy = new ArrayBuffer(bytes);
      new Uint8Array(copy).set(blob.subarray(from, from + bytes));
      return make(copy, 0, len);
    };
    const u8 = (b: ArrayBuffer, o: number, l: number) => new Uint8Array(b, o, l);
    const u32 = (b: ArrayBuffer, o: number, l: number) => new Uint32Array(b, o, l);
    const termBlob = take(u8, 1, header.termBytes);
    const termStarts = take(u32, 4, header.termCount + 1);
    const postingStarts = take(u32, 4, header.termCount + 1);
    const lengths = take(u32, 4, docCount);
    const postingBlob = take(u8, 1, header.postingBytes);
    if (termStarts[header.termCount] !== header.termBytes || postingStarts[header.termCount] !== header.postingBytes)
      throw new RangeError('lexical offsets do not match their header');
    return { field: new FieldIndex(termBlob, termStarts, postingStarts, postingBlob, lengths), end: at };
  }
}

/** Calls `fn` with every posting of `list`, in document order. */
export function forEachPosting(list: TermList, fn: (doc: number, tf: number) => void): void {
  const { blob, length } = list;
  let p = list.start;
  let doc = 0;
  for (let i = 0; i < length; i++) {
    // Gaps are below 2^27 (the writer refuses more documents), so a varint has at most 4 bytes.
    let b = blob[p++] as number;
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = blob[p++] as number;
      v |= (b & 0x7f) << shift;
    }
    doc += v >>> 1;
    fn(doc, v & 1 ? (blob[p++] as number) : 1);
  }
}

/** Adds every posting of `list` to `scores` (the exhaustive sum). */
export function addAll(list: TermList, scores: Float64Array): void {
  forEachPosting(list, (doc, tf) => {
    scores[doc] = (scores[doc] as number) + contribution(list, tf, doc);
  });
}

/** One unsigned varint (7 bits a byte, low bits first) at `at`. */
export function readVarint(blob: Uint8Array, at: number): { value: number; next: number } {
  let b = blob[at++] as number;
  let value = b & 0x7f;
  for (let scale = 128; b & 0x80; scale *= 128) {
    b = blob[at++] as number;
    value += (b & 0x7f) * scale;
  }
  return { value, next: at };
}

/** Byte length rounded up to a multiple of 4, so every array starts aligned in the file. */
export function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Concatenates typed arrays into one buffer, each padded to 4 bytes. */
export function packArrays(arrays: readonly ArrayBufferView[]): Buffer {
  const parts: Buffer[] = [];
  for (const a of arrays) {
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    parts.push(bytes);
    const padding = pad4(a.byteLength) - a.byteLength;
    if (padding > 0) parts.push(Buffer.alloc(padding));
  }
  return Buffer.concat(parts);
}
