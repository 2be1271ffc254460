/**
 * BM25 over one field, stored as typed arrays: term → [offset, offset+df) into docIds/tfs, plus
 * precomputed document lengths. Serialising the postings means loading never re-tokenises chunks.
 */

/** BM25 parameters (defaults in SEARCH_DEFAULTS). */
export interface Bm25Params {
  k1: number;
  b: number;
}

/** Serialised header of one field; the term list and arrays follow each other in the binary file. */
export interface FieldHeader {
  termCount: number;
  /** Byte length of the UTF-8 term list (terms joined by newlines; terms never hold whitespace). */
  termBytes: number;
  postings: number;
  totalLength: number;
}

export class FieldIndex {
  readonly avgLength: number;

  constructor(
    readonly terms: readonly string[],
    readonly offsets: Uint32Array,
    readonly docIds: Uint32Array,
    readonly tfs: Uint16Array,
    readonly lengths: Uint32Array,
  ) {
    let total = 0;
    for (const len of lengths) total += len;
    this.avgLength = lengths.length === 0 ? 1 : Math.max(1, total / lengths.length);
  }

  get docCount(): number {
    return this.lengths.length;
  }

  /** Builds a field from the term occurrences of each document (index = document number). */
  static build(docs: readonly (readonly string[])[]): FieldIndex {
    const lists = new Map<string, number[]>();
    const lengths = new Uint32Array(docs.length);
    docs.forEach((terms, doc) => {
      lengths[doc] = terms.length;
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, tf] of counts) {
        let list = lists.get(t);
        if (!list) lists.set(t, (list = []));
        list.push(doc, Math.min(tf, 0xffff));
      }
    });
    const terms = [...lists.keys()].sort();
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    terms.forEach((t, i) => {
      offsets[i] = total;
      total += (lists.get(t) as number[]).length / 2;
    });
    offsets[terms.length] = total;
    const docIds = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    terms.forEach((t, i) => {
      const list = lists.get(t) as number[];
      const at = offsets[i] as number;
      for (let j = 0; j < list.length; j += 2) {
        docIds[at + j / 2] = list[j] as number;
        tfs[at + j / 2] = list[j + 1] as number;
      }
    });
    return new FieldIndex(terms, offsets, docIds, tfs, lengths);
  }

  /**
   * Posting range of a term, or null when no document has it. Terms are sorted, so a binary search
   * replaces a hash map: loading then never builds a map of every term (that dominated open time).
   */
  range(term: string): [number, number] | null {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.terms[mid] as string;
      if (t === term) return [this.offsets[mid] as number, this.offsets[mid + 1] as number];
      if (t < term) lo = mid + 1;
      else hi = mid;
    }
    return null;
  }

  /** True when document `doc` contains `term` (binary search; postings are sorted by doc). */
  has(term: string, doc: number): boolean {
    const r = this.range(term);
    if (!r) return false;
    let [lo, hi] = r;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.docIds[mid] as number;
      if (d === doc) return true;
      if (d < doc) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /**
   * Adds weight × BM25(term) to `scores` for every document holding the term. `touched` collects
   * documents seen for the first time (marked in `seen`), so callers never scan all documents.
   */
  accumulate(term: string, weight: number, p: Bm25Params, scores: Float64Array, seen: Uint8Array, touched: number[]): void {
    const r = this.range(term);
    if (!r) return;
    const [from, to] = r;
    const n = this.docCount;
    const df = to - from;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const w = weight * idf * (p.k1 + 1);
    const norm = p.k1 / this.avgLength;
    for (let i = from; i < to; i++) {
      const doc = this.docIds[i] as number;
      const tf = this.tfs[i] as number;
      const len = this.lengths[doc] as number;
      scores[doc] = (scores[doc] as number) + (w * tf) / (tf + p.k1 * (1 - p.b) + norm * p.b * len);
      if (seen[doc] === 0) {
        seen[doc] = 1;
        touched.push(doc);
      }
    }
  }

  /** Header plus the arrays to write, in a fixed order. */
  serialise(): { header: FieldHeader; arrays: ArrayBufferView[] } {
    const postings = this.docIds.length;
    let totalLength = 0;
    for (const len of this.lengths) totalLength += len;
    const termBlob = Buffer.from(this.terms.join('\n'), 'utf8');
    return {
      header: { termCount: this.terms.length, termBytes: termBlob.length, postings, totalLength },
      arrays: [termBlob, this.offsets, this.docIds, this.tfs, this.lengths],
    };
  }

  /** Rebuilds a field from its header and the binary blob; throws RangeError on a size mismatch. */
  static deserialise(header: FieldHeader, docCount: number, blob: Buffer, at: number): { field: FieldIndex; end: number } {
    const take = <T>(make: (buf: ArrayBuffer, off: number, len: number) => T, bytesPer: number, len: number): T => {
      const bytes = bytesPer * len;
      if (at + bytes > blob.length) throw new RangeError('lexical index is shorter than its header says');
      const start = blob.byteOffset + at;
      at += pad4(bytes);
      // Views need aligned offsets; a Buffer from the small-file pool may not be aligned, so copy then.
      if (start % bytesPer === 0) return make(blob.buffer as ArrayBuffer, start, len);
      const copy = new ArrayBuffer(bytes);
      new Uint8Array(copy).set(blob.subarray(at - pad4(bytes), at - pad4(bytes) + bytes));
      return make(copy, 0, len);
    };
    if (at + header.termBytes > blob.length) throw new RangeError('lexical index is shorter than its header says');
    const terms = header.termCount === 0 ? [] : blob.toString('utf8', at, at + header.termBytes).split('\n');
    if (terms.length !== header.termCount) throw new RangeError('lexical term list does not match its header');
    at += pad4(header.termBytes);
    const offsets = take((b, o, l) => new Uint32Array(b, o, l), 4, header.termCount + 1);
    const docIds = take((b, o, l) => new Uint32Array(b, o, l), 4, header.postings);
    const tfs = take((b, o, l) => new Uint16Array(b, o, l), 2, header.postings);
    const lengths = take((b, o, l) => new Uint32Array(b, o, l), 4, docCount);
    return { field: new FieldIndex(terms, offsets, docIds, tfs, lengths), end: at };
  }
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
