/**
 * Builds one BM25 field document by document without keeping every term string around: each document
 * becomes a small array of term ids and frequencies, and the encoded postings are laid out at the end.
 * (Holding all term arrays of 100k chunks at once took gigabytes.) The layout is read by FieldIndex.
 */
import { FieldIndex, type FieldHeader } from './lexical-index.ts';

/** Term frequencies are stored in one byte: BM25 saturates long before 255. */
const MAX_TF = 255;
/** Gaps × 2 must fit a 4-byte varint (28 bits), which FieldIndex's decoder relies on. */
const MAX_DOCS = 2 ** 27;

export class FieldBuilder {
  private readonly ids = new Map<string, number>();
  private readonly vocabulary: string[] = [];
  private readonly docTerms: Uint32Array[] = [];
  private readonly docTfs: Uint8Array[] = [];
  private readonly lengths: number[] = [];

  /** Adds the next document (documents are numbered in the order they are added). */
  add(terms: readonly string[]): void {
    if (this.lengths.length >= MAX_DOCS) throw new RangeError(`a field holds at most ${MAX_DOCS} documents`);
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
    this.docTfs.push(Uint8Array.from(counts.values(), (tf) => Math.min(tf, MAX_TF)));
    this.lengths.push(terms.length);
  }

  /**
   * The header and arrays in file order: term blob, term starts, posting starts, document lengths,
   * postings. Terms are sorted by their UTF-8 bytes, the order FieldIndex's binary search compares in.
   */
  finish(): { header: FieldHeader; arrays: [Uint8Array, Uint32Array, Uint32Array, Uint32Array, Uint8Array] } {
    const encoded = this.vocabulary.map((t) => Buffer.from(t, 'utf8'));
    const order = encoded.map((_, i) => i).sort((a, b) => Buffer.compare(encoded[a] as Buffer, encoded[b] as Buffer));
    const rank = new Uint32Array(order.length);
    order.forEach((id, r) => (rank[id] = r));
    const termCount = order.length;
    const termStarts = new Uint32Array(termCount + 1);
    order.forEach((id, r) => (termStarts[r + 1] = (termStarts[r] as number) + (encoded[id] as Buffer).length));
    const termBlob = new Uint8Array(termStarts[termCount] as number);
    order.forEach((id, r) => termBlob.set(encoded[id] as Buffer, termStarts[r] as number));

    // Postings grouped by term in document order, as flat arrays (as format 2 stored them) …
    const df = new Uint32Array(termCount);
    for (const ids of this.docTerms) for (const id of ids) df[rank[id] as number]!++;
    const listStarts = new Uint32Array(termCount + 1);
    for (let r = 0; r < termCount; r++) listStarts[r + 1] = (listStarts[r] as number) + (df[r] as number);
    const docIds = new Uint32Array(listStarts[termCount] as number);
    const tfs = new Uint8Array(docIds.length);
    const fill = listStarts.slice(0, termCount);
    this.docTerms.forEach((ids, doc) => {
      const freqs = this.docTfs[doc] as Uint8Array;
      ids.forEach((id, j) => {
        const at = fill[rank[id] as number]!++;
        docIds[at] = doc;
        tfs[at] = freqs[j] as number;
      });
    });

    // … then varint-coded: df, and per posting (gap << 1 | tf > 1), plus the tf byte when it is above 1.
    const out = new VarintWriter(docIds.length * 2 + termCount * 4 + 16);
    const postingStarts = new Uint32Array(termCount + 1);
    for (let r = 0; r < termCount; r++) {
      postingStarts[r] = out.length;
      out.write(df[r] as number);
      let prev = 0;
      for (let i = listStarts[r] as number; i < (listStarts[r + 1] as number); i++) {
        const doc = docIds[i] as number;
        const tf = tfs[i] as number;
        out.write(((doc - prev) << 1) | (tf > 1 ? 1 : 0));
        if (tf > 1) out.byte(tf);
        prev = doc;
      }
    }
    postingStarts[termCount] = out.length;
    let totalLength = 0;
    for (const len of this.lengths) totalLength += len;
    const postingBlob = out.bytes();
    return {
      header: { termCount, termBytes: termBlob.length, postingBytes: postingBlob.length, totalLength },
      arrays: [termBlob, termStarts, postingStarts, Uint32Array.from(this.lengths), postingBlob],
    };
  }
}

/** A growable byte buffer of unsigned varints. */
class VarintWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  byte(b: number): void {
    if (this.length === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.length++] = b;
  }

  write(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** A field built in memory from the term occurrences of each document (index = document number). */
export function buildField(docs: readonly (readonly string[])[]): FieldIndex {
  const builder = new FieldBuilder();
  for (const terms of docs) builder.add(terms);
  const { arrays } = builder.finish();
  const [termBlob, termStarts, postingStarts, lengths, postingBlob] = arrays;
  return new FieldIndex(termBlob, termStarts, postingStarts, postingBlob, lengths);
}
