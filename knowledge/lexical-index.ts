/**
 * BM25 over one field. On disk each term's postings are one run of bytes: its document frequency, then
 * per document the gap to the previous document and a flag for tf > 1 in one varint (and the tf byte
 * when flagged). Most postings of a common term take one byte, instead of five as uint32 + uint8.
 *
 * Opening keeps the file as one Buffer with typed-array views over it: the terms are one UTF-8 blob with
 * start offsets (searched by binary search over the bytes, never split into 250k strings), and a term's
 * postings are decoded only when a question needs them. Long lists are decoded once and kept (LRU,
 * bounded), so the common syllables every question touches cost no decoding after the first time.
 * The writer's side is field-builder.ts.
 */

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

/** Lists at least this long are decoded once and cached; shorter ones are decoded on every use (cheap). */
const CACHE_MIN_DF = 64;
/**
 * Postings kept decoded per field (13 bytes each with their impacts, so at most ≈ 90 MB a field): bounds
 * memory whatever the questions are, and holds the 5–6M long postings the 156 dev-set questions touch at 100k.
 */
const CACHE_BUDGET = 7_000_000;
/** Distinct looked-up terms remembered per field before the memo starts over. */
const LOOKUP_MEMO = 8192;

/** A decoded posting list: documents ascending, with their term frequencies. */
interface Postings {
  docIds: Uint32Array;
  tfs: Uint8Array;
  length: number;
  /** tf / (tf + base + perLength·length) per posting, for the BM25 parameters in `impactKey` (long lists only). */
  impacts: Float64Array | null;
  /** The largest of `impacts`. */
  maxImpact: number;
  impactKey: string;
}

/**
 * One query term's postings ready to score: posting i adds w × tf / (tf + base + byLength[doc]), read from
 * `impacts` when the list keeps them (the same value, computed once). `max` bounds what one posting adds,
 * which is what lets search skip the long lists of common syllables (see lexical-topk.ts).
 */
export interface TermList {
  docIds: Uint32Array;
  tfs: Uint8Array;
  length: number;
  w: number;
  base: number;
  byLength: Float64Array;
  impacts: Float64Array | null;
  max: number;
}

/** What posting `i` of `list` adds to its document's score (bit for bit what accumulate adds). */
export function contribution(list: TermList, i: number): number {
  if (list.impacts) return list.w * (list.impacts[i] as number);
  const tf = list.tfs[i] as number;
  return list.w * (tf / (tf + list.base + (list.byLength[list.docIds[i] as number] as number)));
}

const utf8 = new TextEncoder();

export class FieldIndex {
  readonly avgLength: number;
  private readonly lookups = new Map<string, number>();
  /** Decoded long lists, in least-recently-used order (a Map iterates in insertion order). */
  private readonly decoded = new Map<number, Postings>();
  private decodedPostings = 0;
  private byLength: { perLength: number; values: Float64Array } | null = null;
  private scratch: Postings = {
    docIds: new Uint32Array(CACHE_MIN_DF),
    tfs: new Uint8Array(CACHE_MIN_DF),
    length: 0,
    impacts: null,
    maxImpact: 0,
    impactKey: '',
  };

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

  /** Postings of term `id`: cached when long; short lists come back in a scratch buffer valid until the next call. */
  private postings(id: number): Postings {
    const cached = this.decoded.get(id);
    if (cached) {
      this.decoded.delete(id);
      this.decoded.set(id, cached);
      return cached;
    }
    const blob = this.postingBlob;
    const head = readVarint(blob, this.postingStarts[id] as number);
    const df = head.value;
    const long = df >= CACHE_MIN_DF;
    let out = this.scratch;
    if (long)
      out = {
        docIds: new Uint32Array(df),
        tfs: new Uint8Array(df),
        length: df,
        impacts: null,
        maxImpact: 0,
        impactKey: '',
      };
    else out.length = df;
    const { docIds, tfs } = out;
    let p = head.next;
    let doc = 0;
    for (let i = 0; i < df; i++) {
      // Gaps are below 2^27 (the writer refuses more documents), so a varint has at most 4 bytes.
      let b = blob[p++] as number;
      let v = b & 0x7f;
      for (let shift = 7; b & 0x80; shift += 7) {
        b = blob[p++] as number;
        v |= (b & 0x7f) << shift;
      }
      doc += v >>> 1;
      docIds[i] = doc;
      tfs[i] = v & 1 ? (blob[p++] as number) : 1;
    }
    if (long) this.remember(id, out);
    return out;
  }

  private remember(id: number, list: Postings): void {
    this.decoded.set(id, list);
    this.decodedPostings += list.length;
    for (const [oldId, old] of this.decoded) {
      if (this.decodedPostings <= CACHE_BUDGET || oldId === id) break;
      this.decoded.delete(oldId);
      this.decodedPostings -= old.length;
    }
  }

  /** True when document `doc` contains `term` (binary search; postings are sorted by doc). */
  has(term: string, doc: number): boolean {
    const id = this.termId(term);
    if (id < 0) return false;
    const { docIds, length } = this.postings(id);
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = docIds[mid] as number;
      if (d === doc) return true;
      if (d < doc) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /**
   * The postings of `term` with its BM25 weight for this search, or null when no document has it. Long lists
   * come from the cache with their fractions; a short list is copied out of the scratch buffer (it is small),
   * so several lists of one search can be held at once.
   */
  scoredList(term: string, weight: number, p: Bm25Params): TermList | null {
    const id = this.termId(term);
    if (id < 0) return null;
    const list = this.postings(id);
    const df = list.length;
    const idf = Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
    const w = weight * idf * (p.k1 + 1);
    const base = p.k1 * (1 - p.b);
    const perLength = (p.k1 * p.b) / this.avgLength;
    const byLength = this.lengthTerms(perLength);
    if (df >= CACHE_MIN_DF) {
      const impacts = this.impactsOf(list, base, perLength);
      const { docIds, tfs } = list;
      return { docIds, tfs, length: df, w, base, byLength, impacts, max: w * list.maxImpact };
    }
    const docIds = list.docIds.slice(0, df);
    const tfs = list.tfs.slice(0, df);
    let maxFraction = 0;
    for (let i = 0; i < df; i++) {
      const tf = tfs[i] as number;
      maxFraction = Math.max(maxFraction, tf / (tf + base + (byLength[docIds[i] as number] as number)));
    }
    return { docIds, tfs, length: df, w, base, byLength, impacts: null, max: w * maxFraction };
  }

  /**
   * Adds weight × BM25(term) to `scores` for every document holding the term: the exhaustive way, which the
   * pruned search is tested against. Every contribution is positive, so touched documents are the non-zero scores.
   */
  accumulate(term: string, weight: number, p: Bm25Params, scores: Float64Array): void {
    const list = this.scoredList(term, weight, p);
    if (list) addAll(list, scores);
  }

  /** The fractions of a cached list for these parameters (recomputed when a search tunes BM25 differently). */
  private impactsOf(list: Postings, base: number, perLength: number): Float64Array {
    const key = `${base}:${perLength}`;
    if (list.impacts && list.impactKey === key) return list.impacts;
    const byLength = this.lengthTerms(perLength);
    const { docIds, tfs, length } = list;
    const impacts = list.impacts ?? new Float64Array(length);
    let max = 0;
    for (let i = 0; i < length; i++) {
      const tf = tfs[i] as number;
      impacts[i] = tf / (tf + base + (byLength[docIds[i] as number] as number));
      max = Math.max(max, impacts[i] as number);
    }
    list.impacts = impacts;
    list.maxImpact = max;
    list.impactKey = key;
    return impacts;
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

/**
 * Adds every posting of `list` to `scores`. Without "seen" bookkeeping (that branch cost three quarters of the
 * loop). The fraction of a long list is kept beside its postings, so the loop over "thủ tục" is a multiply-add,
 * three times faster than dividing per posting; a short list computes the same fraction inline.
 */
export function addAll(list: TermList, scores: Float64Array): void {
  const { docIds, tfs, length, w, base, byLength, impacts } = list;
  if (impacts) {
    for (let i = 0; i < length; i++) {
      const doc = docIds[i] as number;
      scores[doc] = (scores[doc] as number) + w * (impacts[i] as number);
    }
    return;
  }
  for (let i = 0; i < length; i++) {
    const doc = docIds[i] as number;
    const tf = tfs[i] as number;
    scores[doc] = (scores[doc] as number) + w * (tf / (tf + base + (byLength[doc] as number)));
  }
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
