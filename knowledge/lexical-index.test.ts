/**
 * The varint postings of format 3 against a plain BM25 written out here from its definition: whatever the
 * gaps, frequencies and list lengths, scores must be exactly those of the formula, and a field read back
 * from its bytes must answer like the one built in memory.
 */
import { describe, expect, it } from 'vitest';
import { FieldBuilder, buildField } from './field-builder.ts';
import { FieldIndex, packArrays, type Bm25Params } from './lexical-index.ts';

const P: Bm25Params = { k1: 0.9, b: 0.5 };

/** BM25 of one term in every document, computed the slow way from the term lists. */
function naiveScores(docs: readonly (readonly string[])[], term: string, weight: number, p = P): Float64Array {
  const df = docs.filter((d) => d.includes(term)).length;
  const avg = Math.max(1, docs.reduce((n, d) => n + d.length, 0) / docs.length);
  const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
  const w = weight * idf * (p.k1 + 1);
  return Float64Array.from(docs, (d) => {
    const tf = Math.min(255, d.filter((t) => t === term).length);
    return tf === 0 ? 0 : w * (tf / (tf + p.k1 * (1 - p.b) + ((p.k1 * p.b) / avg) * d.length));
  });
}

function scoresOf(field: FieldIndex, term: string, weight = 1, p = P): Float64Array {
  const scores = new Float64Array(field.docCount);
  field.accumulate(term, weight, p, scores);
  return scores;
}

/** Documents whose scores differ (bit for bit): an empty list means identical arrays, cheaply. */
function differing(a: Float64Array, b: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

/** A field written to bytes and read back, as KnowledgeBase.open does. */
function roundTrip(docs: readonly (readonly string[])[]): FieldIndex {
  const builder = new FieldBuilder();
  for (const d of docs) builder.add(d);
  const { header, arrays } = builder.finish();
  const blob = Buffer.concat([Buffer.alloc(4), packArrays(arrays)]);
  return FieldIndex.deserialise(header, docs.length, blob, 4).field;
}

// 70 000 documents: "rare" sits in documents 0, 127, 16 511 and 66 048 (gaps coded in one, two and three
// varint bytes), "common" twice in every third document (a cached long list), "many" 300 times in document 5.
const DOCS: string[][] = Array.from({ length: 70_000 }, (_, i) => {
  const terms = ['x', `n${i % 50}`];
  if (i % 3 === 0) terms.push('common', 'common');
  if ([0, 127, 16_511, 66_048].includes(i)) terms.push('rare');
  if (i === 5) for (let j = 0; j < 300; j++) terms.push('many');
  return terms;
});

describe('FieldIndex over varint postings', () => {
  const field = roundTrip(DOCS);

  it('scores a term with gaps of one, two and three varint bytes exactly like the BM25 formula', () => {
    expect(differing(scoresOf(field, 'rare', 0.7), naiveScores(DOCS, 'rare', 0.7))).toEqual([]);
  });

  it('scores a long list the same on first use and from its cache', () => {
    const expected = naiveScores(DOCS, 'common', 1);
    expect(differing(scoresOf(field, 'common'), expected)).toEqual([]);
    expect(differing(scoresOf(field, 'common'), expected)).toEqual([]);
  });

  it('scores a cached list by the BM25 parameters of each search, not those it was first scored with', () => {
    const classic = { k1: 1.2, b: 0.75 };
    expect(differing(scoresOf(field, 'common'), naiveScores(DOCS, 'common', 1))).toEqual([]);
    expect(differing(scoresOf(field, 'common', 1, classic), naiveScores(DOCS, 'common', 1, classic))).toEqual([]);
    expect(differing(scoresOf(field, 'common'), naiveScores(DOCS, 'common', 1))).toEqual([]);
  });

  it('caps a term frequency above 255 at 255, as format 2 did', () => {
    expect(scoresOf(field, 'many')[5]).toBe(naiveScores(DOCS, 'many', 1)[5]);
    expect(field.df('many')).toBe(1);
  });

  it('answers has() for present, absent and unknown terms', () => {
    expect(field.has('rare', 127)).toBe(true);
    expect(field.has('rare', 128)).toBe(false);
    expect(field.has('common', 69_999)).toBe(true);
    expect(field.has('common', 69_998)).toBe(false);
    expect(field.has('nowhere', 0)).toBe(false);
  });
});

describe('FieldIndex term lookup', () => {
  // Prefixes of each other, multi-byte UTF-8 (ă, ạ, đ), a glued bigram and a document number.
  const TERMS = ['an', 'an_toàn', 'anh', 'ăn', 'đ', 'đạt', 'đăng_ký', '53/kh-ubnd', 'z'];
  const docs = TERMS.map((t, i) => [t, TERMS[(i + 1) % TERMS.length] as string]);
  const field = roundTrip(docs);

  it('finds every term, whatever its bytes, and only those', () => {
    for (const t of TERMS) expect(field.df(t), t).toBe(2);
    for (const t of ['a', 'an_', 'ă', 'đă', '53', 'zz', '']) expect(field.df(t), t).toBe(0);
  });

  it('reads the same field from an unaligned buffer as from the builder', () => {
    const built = buildField(docs);
    for (const t of TERMS) expect(scoresOf(field, t)).toEqual(scoresOf(built, t));
  });

  it('refuses a blob shorter than its header with a RangeError', () => {
    const builder = new FieldBuilder();
    for (const d of docs) builder.add(d);
    const { header, arrays } = builder.finish();
    const blob = packArrays(arrays);
    expect(() => FieldIndex.deserialise(header, docs.length, blob.subarray(0, blob.length - 8), 0)).toThrow(RangeError);
  });
});
