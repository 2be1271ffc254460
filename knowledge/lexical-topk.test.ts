/**
 * MaxScore against the exhaustive sum it replaces: on a seeded random corpus whose syllables follow a Zipf
 * law (so the common ones have lists long enough to be skipped), with duplicated chunks (so scores tie),
 * every question must give the same labels in the same order, and the same scores bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { buildField } from './field-builder.ts';
import { addAll, type Bm25Params, type FieldIndex, type TermList } from './lexical-index.ts';
import { topKByMaxScore } from './lexical-topk.ts';
import { topLabels } from './ranking.ts';

const P: Bm25Params = { k1: 0.9, b: 0.5 };
const VOCABULARY = 800;
const DOCS = 12_000;

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A syllable by Zipf rank: rank 0 is in nearly every chunk, rank 700 in a handful. */
function zipf(random: () => number): string {
  return `s${Math.floor(Math.exp(random() * Math.log(VOCABULARY + 1)) - 1)}`;
}

function corpus(seed: number): string[][] {
  const random = rng(seed);
  const docs: string[][] = [];
  for (let i = 0; i < DOCS; i++) {
    // One chunk in six repeats an earlier one, as the same sheet section does across districts.
    if (i > 0 && random() < 1 / 6) {
      docs.push([...(docs[Math.floor(random() * i)] as string[])]);
      continue;
    }
    // One in ten holds only common syllables, several times each, in a short chunk: near their lists' bound,
    // these are the chunks a too-early stop of the full reading would miss.
    if (random() < 0.1) {
      docs.push(Array.from({ length: 4 + Math.floor(random() * 8) }, () => `s${Math.floor(random() * 6)}`));
      continue;
    }
    const length = 5 + Math.floor(random() * 60);
    docs.push(Array.from({ length }, () => zipf(random)));
  }
  return docs;
}

const WEIGHTS = [0.4, 0.5, 0.8, 1, 3];

/** A question's lists: a few common syllables and a few rarer ones, with the weights search uses. */
function question(field: FieldIndex, random: () => number): TermList[] {
  const lists: TermList[] = [];
  const terms = 3 + Math.floor(random() * 18);
  for (let i = 0; i < terms; i++) {
    const term = random() < 0.5 ? `s${Math.floor(random() * 12)}` : zipf(random);
    const list = field.scoredList(term, WEIGHTS[Math.floor(random() * WEIGHTS.length)] as number, P);
    if (list) lists.push(list);
  }
  return lists;
}

function exhaustive(lists: readonly TermList[], docCount: number): Float64Array {
  const scores = new Float64Array(docCount);
  for (const list of lists) addAll(list, scores);
  return scores;
}

describe('MaxScore top k', () => {
  const docs = corpus(7);
  const field = buildField(docs);

  it('returns exactly the exhaustive top k, in order, for 300 random questions and k of 1, 10 and 100', () => {
    const random = rng(11);
    let compared = 0;
    for (let q = 0; q < 100; q++) {
      const lists = question(field, random);
      const scores = exhaustive(lists, DOCS);
      for (const k of [1, 10, 100]) {
        const pruned = topKByMaxScore(lists, DOCS, null, k);
        expect(pruned.top).toEqual(topLabels(scores, null, k));
        compared += pruned.top.length;
      }
    }
    expect(compared).toBeGreaterThan(100 * 100);
  });

  it('gives the exhaustive scores bit for bit, for top labels and for any other label asked', () => {
    const random = rng(12);
    for (let q = 0; q < 40; q++) {
      const lists = question(field, random);
      const scores = exhaustive(lists, DOCS);
      const pruned = topKByMaxScore(lists, DOCS, null, 100);
      const others = Array.from({ length: 50 }, () => Math.floor(random() * DOCS));
      const asked = [...pruned.top, ...others];
      const got = pruned.scoresOf(asked);
      asked.forEach((label, i) => expect(Object.is(got[i], scores[label]), `label ${label}`).toBe(true));
    }
  });

  it('keeps only the labels a mask allows, as the exhaustive top k does', () => {
    const random = rng(13);
    const allowed = Uint8Array.from({ length: DOCS }, () => (random() < 0.3 ? 1 : 0));
    for (let q = 0; q < 40; q++) {
      const lists = question(field, random);
      const scores = exhaustive(lists, DOCS);
      expect(topKByMaxScore(lists, DOCS, allowed, 100).top).toEqual(topLabels(scores, allowed, 100));
    }
  });

  it('ranks the few chunks of one document by lookups exactly as the exhaustive top k does', () => {
    const random = rng(14);
    for (let q = 0; q < 40; q++) {
      const allowed = new Uint8Array(DOCS);
      const from = Math.floor(random() * (DOCS - 30));
      allowed.fill(1, from, from + 1 + Math.floor(random() * 30));
      const lists = question(field, random);
      const scores = exhaustive(lists, DOCS);
      const pruned = topKByMaxScore(lists, DOCS, allowed, 10);
      expect(pruned.top).toEqual(topLabels(scores, allowed, 10));
      expect([...pruned.scoresOf(pruned.top)]).toEqual(pruned.top.map((l) => scores[l]));
    }
  });

  it('returns every matching label when fewer than k match, and nothing for no lists or k of 0', () => {
    const rare = field.scoredList(`s${VOCABULARY - 1}`, 1, P) ?? field.scoredList('s600', 1, P);
    expect(rare).not.toBeNull();
    const lists = [rare as TermList];
    expect(topKByMaxScore(lists, DOCS, null, 10_000).top).toEqual(topLabels(exhaustive(lists, DOCS), null, 10_000));
    expect(topKByMaxScore([], DOCS, null, 10).top).toEqual([]);
    expect(topKByMaxScore(lists, DOCS, null, 0).top).toEqual([]);
  });
});
