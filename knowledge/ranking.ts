/**
 * Scoring: BM25 over the two lexical fields, and the convex-combination fusion with the vector leg.
 * Pure functions over the loaded index, so they are cheap to test and to benchmark.
 */
import { rarestTerms, type QueryPlan } from './analyser.ts';
import type { FieldIndex, TermList } from './lexical-index.ts';
import { topKByMaxScore } from './lexical-topk.ts';
import type { SearchTuning } from './search-defaults.ts';
import type { VectorHit } from './vector-index.ts';

export interface LexicalResult {
  /** BM25 scores of any chunks (0 when one holds no query term), exactly as summing every list gives them. */
  scoresOf: (labels: readonly number[]) => Float64Array;
  /** Best labels, best first, at most `tuning.candidates`. */
  top: number[];
}

export interface Candidate {
  label: number;
  score: number;
  lexical: number;
  vector: number;
}

/**
 * Labels of the `n` largest positive scores (ties: lower label first), best first, skipping labels the
 * mask excludes. One pass over the score array with a bounded min-heap: most labels are rejected by a
 * single comparison with the heap's weakest entry.
 */
export function topLabels(scores: Float64Array, allowed: Uint8Array | null, n: number): number[] {
  if (n <= 0) return [];
  const heap: number[] = [];
  // a is worse than b: lower score, or same score and higher label.
  const worse = (a: number, b: number) =>
    (scores[a] as number) < (scores[b] as number) || (scores[a] === scores[b] && a > b);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && worse(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  // Labels arrive in ascending order, so once the heap is full a label enters only with a score strictly
  // above its weakest entry's (a tie loses to the lower label already there): one comparison per label.
  let floor = 0;
  for (let label = 0; label < scores.length; label++) {
    const s = scores[label] as number;
    if (s <= floor || (allowed !== null && allowed[label] !== 1)) continue;
    if (heap.length < n) {
      heap.push(label);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i] as number, heap[parent] as number)) break;
        [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
        i = parent;
      }
      if (heap.length === n) floor = scores[heap[0] as number] as number;
    } else {
      heap[0] = label;
      siftDown(0);
      floor = scores[heap[0] as number] as number;
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : -1));
}

/**
 * The term lists of a question with their weights, in the order the exhaustive sum adds them: the accented
 * list of each term, then the folded lists. Two query terms can fold to the same folded term (hòa, hoa):
 * it is counted once, at the larger weight.
 */
export function lexicalLists(
  plan: QueryPlan,
  accented: FieldIndex,
  folded: FieldIndex,
  tuning: SearchTuning,
): TermList[] {
  const lists: TermList[] = [];
  const add = (list: TermList | null) => {
    if (list) lists.push(list);
  };
  const foldedWeight = plan.hasDiacritics ? tuning.foldedWeightAccentedQuery : tuning.foldedWeightPlainQuery;
  const foldedTerms = new Map<string, number>();
  for (const t of rarestTerms(plan.terms, plan.termCap, (q) => documentFrequency(folded, q.folded))) {
    if (tuning.accentedWeight > 0) add(accented.scoredList(t.term, t.weight * tuning.accentedWeight, tuning.bm25));
    foldedTerms.set(t.folded, Math.max(foldedTerms.get(t.folded) ?? 0, t.weight));
  }
  if (foldedWeight > 0) {
    for (const [term, w] of foldedTerms) add(folded.scoredList(term, w * foldedWeight, tuning.bm25));
  }
  return lists;
}

/**
 * BM25 over both fields, summed with the field weights; only chunks allowed by the mask count. The top is
 * found by MaxScore (lexical-topk.ts): the same labels and scores as summing every posting, without reading
 * most of the long lists of common syllables.
 */
export function rankLexical(
  plan: QueryPlan,
  accented: FieldIndex,
  folded: FieldIndex,
  tuning: SearchTuning,
  allowed: Uint8Array | null,
): LexicalResult {
  const lists = lexicalLists(plan, accented, folded, tuning);
  return topKByMaxScore(lists, accented.docCount, allowed, tuning.candidates);
}

/** Chunks holding a term in one field (0 when none does). */
function documentFrequency(field: FieldIndex, term: string): number {
  return field.df(term);
}

function minMax(values: readonly number[]): (v: number) => number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi > lo)) return (v) => (v > 0 ? 1 : 0);
  return (v) => (v - lo) / (hi - lo);
}

/**
 * Convex combination of min-max normalised leg scores over the union of both legs' candidates.
 * A vector-only candidate gets its exact BM25 score (0 when it shares no term); a lexical-only candidate
 * was not in the vector top list, so it gets that list's lowest similarity, an upper bound that costs
 * nothing (reading 100 vectors back from the graph tripled hybrid latency). With one leg, its weight is 1.
 */
export function fuse(input: {
  lexical: LexicalResult | null;
  vectorHits: readonly VectorHit[] | null;
  tuning: SearchTuning;
}): Candidate[] {
  const { lexical, vectorHits, tuning } = input;
  const labels = [...new Set([...(lexical?.top ?? []), ...(vectorHits ?? []).map((h) => h.label)])];
  if (labels.length === 0) return [];
  const known = new Map((vectorHits ?? []).map((h) => [h.label, h.similarity]));
  let floor = Infinity;
  for (const s of known.values()) floor = Math.min(floor, s);
  if (!Number.isFinite(floor)) floor = 0;
  const lex = lexical ? [...lexical.scoresOf(labels)] : labels.map(() => 0);
  const vec = labels.map((l) => (vectorHits ? (known.get(l) ?? floor) : 0));
  const both = lexical !== null && vectorHits !== null;
  const total = tuning.lexicalWeight + tuning.vectorWeight;
  const wl = both ? tuning.lexicalWeight / total : lexical ? 1 : 0;
  const wv = both ? tuning.vectorWeight / total : vectorHits ? 1 : 0;
  const nl = minMax(lex);
  const nv = minMax(vec);
  const out = labels.map((label, i) => ({
    label,
    lexical: lex[i] as number,
    vector: vec[i] as number,
    score: wl * nl(lex[i] as number) + wv * nv(vec[i] as number),
  }));
  return out.sort((a, b) => b.score - a.score || b.lexical - a.lexical || a.label - b.label);
}
