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
    readonly tfs: Uint8Array,
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
    const builder = new FieldBuilder();
    for (const terms of docs) builder.add(terms);
    return builder.finish();
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
   * Adds weight × BM25(term) to `scores` for every document holding the term. There is deliberately no
   * "seen" bookkeeping here: that branch cost three quarters of the loop; callers find the touched
   * documents afterwards as the non-zero scores (every contribution is positive).
   */
  accumulate(term: string, weight: number, p: Bm25Params, scores: Float64Array): void {
    const r = this.range(term);
    if (!r) return;
    const [from, to] = r;
    const df = to - from;
    const idf = Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
    const w = weight * idf * (p.k1 + 1);
    const base = p.k1 * (1 - p.b);
    const perLength = (p.k1 * p.b) / this.avgLength;
    const { docIds, tfs, lengths } = this;
    for (let i = from; i < to; i++) {
      const doc = docIds[i] as number;
      const tf = tfs[i] as number;
      scores[doc] = (scores[doc] as number) + (w * tf) / (tf + base + perLength * (lengths[doc] as number));
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
    const tfs = take((b, o, l) => new Uint8Array(b, o, l), 1, header.postings);
    const lengths = take((b, o, l) => new Uint32Array(b, o, l), 4, docCount);
    return { field: new FieldIndex(terms, offsets, docIds, tfs, lengths), end: at };
  }
}

/**
 * Builds one field document by document without keeping every term string around: each document
 * becomes a small array of term ids and frequencies, and the sorted postings are laid out at the end.
 * (Holding all term arrays of 100k chunks at once took gigabytes.)
 */
/** Term frequencies are stored in one byte. */
const MAX_TF = 255;

export class FieldBuilder {
  private readonly ids = new Map<string, number>();
  private readonly vocabulary: string[] = [];
  private readonly docTerms: Uint32Array[] = [];
  private readonly docTfs: Uint8Array[] = [];
  private readonly lengths: number[] = [];

  /** Adds the next document (documents are numbered in the order they are added). */
  add(terms: readonly string[]): void {
    const counts = new Map<number, number>();
    for (const t of terms) {
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.vocabulary.length;
        this.ids.set(t, id);
        this.vocabulary.push(t);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    this.docTerms.push(Uint32Array.from(counts.keys()));
    // One byte per frequency: BM25 saturates long before 255, and it saves a byte per posting.
    this.docTfs.push(Uint8Array.from(counts.values(), (tf) => Math.min(tf, MAX_TF)));
    this.lengths.push(terms.length);
  }

  finish(): FieldIndex {
    const order = this.vocabulary
      .map((_, i) => i)
      .sort((a, b) => {
        const x = this.vocabulary[a] as string;
        const y = this.vocabulary[b] as string;
        return x < y ? -1 : x > y ? 1 : 0;
      });
    const rank = new Uint32Array(order.length);
    order.forEach((id, r) => (rank[id] = r));
    const df = new Uint32Array(order.length);
    for (const ids of this.docTerms) for (const id of ids) df[rank[id] as number]!++;
    const offsets = new Uint32Array(order.length + 1);
    for (let r = 0; r < order.length; r++) offsets[r + 1] = (offsets[r] as number) + (df[r] as number);
    const total = offsets[order.length] as number;
    const docIds = new Uint32Array(total);
    const tfs = new Uint8Array(total);
    const fill = offsets.slice(0, order.length);
    this.docTerms.forEach((ids, doc) => {
      const freqs = this.docTfs[doc] as Uint8Array;
      ids.forEach((id, j) => {
        const at = fill[rank[id] as number]!++;
        docIds[at] = doc;
        tfs[at] = freqs[j] as number;
      });
    });
    const terms = order.map((id) => this.vocabulary[id] as string);
    return new FieldIndex(terms, offsets, docIds, tfs, Uint32Array.from(this.lengths));
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
