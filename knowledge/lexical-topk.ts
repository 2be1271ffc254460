/**
 * The exact top-k of a BM25 sum without reading every posting of the common syllables (MaxScore, Turtle &
 * Flood 1995, here term at a time). Each term list carries `max`, the most one of its postings can add.
 * Lists are read shortest first, each in full, into a partial score per chunk. Before a long list, the k
 * chunks with the best partial scores are scored completely (their postings in the unread lists looked up):
 * the k-th of those real scores, theta, is a lower bound of the final k-th. If the unread lists together
 * add less than theta, no chunk untouched so far can reach the top k, and the unread lists are only looked
 * up (skip tables, postings.ts) for the touched chunks whose partial score plus that bound still reaches
 * theta, highest bound first; after each list the chunks whose bound fell below theta are dropped. A mask
 * that keeps only a few chunks (one document) is ranked by looking each of them up instead.
 *
 * Exactness: the surviving chunks are finally re-scored in the caller's list order, which is the order the
 * exhaustive sum adds in, so their scores are bit for bit those of the exhaustive search and ties break
 * the same way (lower label first). Every bound is widened by SLACK, far above the rounding of a sum of
 * at most a hundred terms, so a chunk is never dropped because its partial sum was rounded down.
 */
import { kthLargest, kthScore } from './kth-score.ts';
import { contribution, cursorOf, type TermList } from './lexical-index.ts';

/** Relative widening of every bound comparison (rounding of a 100-term sum is below 1e-13 relative). */
const SLACK = 1 + 1e-9;
/**
 * Checking whether the unread lists can be skipped costs about k lookups in each of them, so it is made
 * only before a list at least this long, and then before lists at least twice as long as the last checked.
 */
const FIRST_CHECK_LENGTH = 2048;

export interface TopK {
  /** Best labels, best first (ties: lower label first), at most k, only labels the mask allows. */
  top: number[];
  /** The exact summed scores of any labels (0 when no list holds one), as the exhaustive sum gives them. */
  scoresOf: (labels: readonly number[]) => Float64Array;
}

/**
 * Adds `lists` to `sums` (one per label of `ascending`, which must be sorted), looking each label up with one
 * cursor per list. Lists are added in the order given, which is what makes the exact re-sum exact.
 */
function addLookedUp(lists: readonly TermList[], ascending: ArrayLike<number>, sums: Float64Array): Float64Array {
  for (const list of lists) {
    const cursor = cursorOf(list);
    for (let c = 0; c < ascending.length; c++) {
      const label = ascending[c] as number;
      const tf = cursor.tfOf(label);
      if (tf > 0) sums[c] = (sums[c] as number) + contribution(list, tf, label);
    }
  }
  return sums;
}

/** Adds a whole list to `scores`, appending labels scored for the first time to `touched`; returns its new length. */
function addTracked(list: TermList, scores: Float64Array, touched: Uint32Array, n: number): number {
  const { blob, length, w, base, byLength } = list;
  let p = list.start;
  let doc = 0;
  for (let i = 0; i < length; i++) {
    let b = blob[p++] as number;
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = blob[p++] as number;
      v |= (b & 0x7f) << shift;
    }
    doc += v >>> 1;
    const tf = v & 1 ? (blob[p++] as number) : 1;
    const s = scores[doc] as number;
    if (s === 0) touched[n++] = doc;
    // contribution(list, tf, doc), written out: this loop is where a question's time goes.
    scores[doc] = s + w * (tf / (tf + base + (byLength[doc] as number)));
  }
  return n;
}

/** Allowed labels among the first `n` whose score plus `rest` may reach `theta` (at most `limit`), ascending. */
function kept(
  labels: Uint32Array,
  n: number,
  scores: Float64Array,
  allowed: Uint8Array | null,
  limit: number,
  rest: number,
  theta: number,
): Uint32Array {
  const out: number[] = [];
  for (let c = 0; c < n && out.length < limit; c++) {
    const label = labels[c] as number;
    if (((scores[label] as number) + rest) * SLACK >= theta && (allowed === null || allowed[label] === 1))
      out.push(label);
  }
  return Uint32Array.from(out).sort();
}

/**
 * A lower bound of the final k-th score: the k best partial scores completed with their postings in the
 * unread lists. These are real scores of k chunks, so the final k-th can only be higher.
 */
function completedKth(
  unread: readonly TermList[],
  touched: Uint32Array,
  n: number,
  scores: Float64Array,
  allowed: Uint8Array | null,
  k: number,
): number {
  const best = kept(touched, n, scores, allowed, k, 0, kthScore(touched, n, scores, allowed, k));
  const sums = addLookedUp(
    unread,
    best,
    Float64Array.from(best, (l) => scores[l] as number),
  );
  return kthLargest(sums, k);
}

/**
 * Adds one list to the first `n` labels (ascending) by looking each up, keeps those that `rest` more could
 * still lift to theta, and returns how many it kept (compacted in place). With many labels left, theta is
 * raised to their k-th partial score (a lower bound of the final k-th too), which prunes the next lists harder.
 */
function lookUp(
  list: TermList,
  labels: Uint32Array,
  n: number,
  scores: Float64Array,
  rest: number,
  bound: { theta: number; k: number },
): number {
  const cursor = cursorOf(list);
  let count = 0;
  for (let c = 0; c < n; c++) {
    const label = labels[c] as number;
    const tf = cursor.tfOf(label);
    if (tf > 0) scores[label] = (scores[label] as number) + contribution(list, tf, label);
    if (((scores[label] as number) + rest) * SLACK >= bound.theta) labels[count++] = label;
  }
  if (count > 2 * bound.k) bound.theta = Math.max(bound.theta, kthScore(labels, count, scores, null, bound.k));
  return count;
}

/**
 * The final top k from the remaining labels: those whose (reordered, so last-bit different) sum may reach the
 * k-th are re-summed in the lists' own order, then ranked by that exact score, ties to the lower label.
 */
function exactTop(
  lists: readonly TermList[],
  labels: Uint32Array,
  n: number,
  scores: Float64Array,
  allowed: Uint8Array | null,
  k: number,
  memo: Map<number, number>,
): number[] {
  const theta = kthScore(labels, n, scores, allowed, k);
  const survivors = kept(labels, n, scores, allowed, n, 0, theta);
  const exact = addLookedUp(lists, survivors, new Float64Array(survivors.length));
  survivors.forEach((label, c) => memo.set(label, exact[c] as number));
  const order = Array.from(survivors.keys());
  order.sort(
    (a, b) => (exact[b] as number) - (exact[a] as number) || (survivors[a] as number) - (survivors[b] as number),
  );
  return order.slice(0, k).map((c) => survivors[c] as number);
}

/**
 * The k best labels by the sum of `lists` (summed in the order given), only labels `allowed` lets through:
 * exactly what summing every list into one score per label and taking its top k gives.
 */
export function topKByMaxScore(
  lists: readonly TermList[],
  docCount: number,
  allowed: Uint8Array | null,
  k: number,
): TopK {
  const memo = new Map<number, number>();
  const scoresOf = (labels: readonly number[]): Float64Array => {
    const unknown = Uint32Array.from(new Set(labels.filter((l) => !memo.has(l)))).sort();
    const exact = addLookedUp(lists, unknown, new Float64Array(unknown.length));
    unknown.forEach((label, c) => memo.set(label, exact[c] as number));
    return Float64Array.from(labels, (label) => memo.get(label) as number);
  };
  if (k <= 0 || lists.length === 0) return { top: [], scoresOf };
  const few = fewAllowed(allowed, lists);
  if (few) return { top: rankExactly(lists, few, k, memo), scoresOf };
  // A list that adds nothing (weight 0) would re-append its chunks to `touched`: leave it out of the reading.
  const order = lists.filter((l) => l.max > 0).sort((a, b) => a.length - b.length);
  // rest[j]: the most lists order[j], order[j+1], … can still add to one label.
  const rest = new Float64Array(order.length + 1);
  for (let j = order.length - 1; j >= 0; j--) rest[j] = (rest[j + 1] as number) + (order[j] as TermList).max;
  const { scores, touched } = scratchFor(docCount);
  let n = 0;
  let theta = 0;
  let j = 0;
  for (let nextCheck = FIRST_CHECK_LENGTH; j < order.length; j++) {
    const list = order[j] as TermList;
    if (j > 0 && list.length >= nextCheck) {
      nextCheck = 2 * list.length;
      theta = Math.max(theta, completedKth(order.slice(j), touched, n, scores, allowed, k));
      if ((rest[j] as number) * SLACK < theta) break;
    }
    n = addTracked(list, scores, touched, n);
  }
  let top: number[];
  if (j === order.length) top = exactTop(lists, touched, n, scores, allowed, k, memo);
  else {
    const labels = kept(touched, n, scores, allowed, n, rest[j] as number, theta);
    const bound = { theta, k };
    // The unread lists by falling bound, so the bound left for each chunk shrinks fastest and drops it soonest.
    const unread = order.slice(j).sort((a, b) => b.max - a.max);
    const left = new Float64Array(unread.length + 1);
    for (let u = unread.length - 1; u >= 0; u--) left[u] = (left[u + 1] as number) + (unread[u] as TermList).max;
    let m = labels.length;
    unread.forEach((list, u) => (m = lookUp(list, labels, m, scores, left[u + 1] as number, bound)));
    top = exactTop(lists, labels, m, scores, allowed, k, memo);
  }
  release(scores, touched, n);
  return { top, scoresOf };
}

/** A lookup costs about this many postings read in full (binary search over blocks, then half a block). */
const LOOKUP_COST = 8;

/**
 * The allowed labels, ascending, when a mask keeps so few (one document's chunks) that looking each up in
 * every list costs less than reading the lists; otherwise null.
 */
function fewAllowed(allowed: Uint8Array | null, lists: readonly TermList[]): Uint32Array | null {
  if (allowed === null) return null;
  let postings = 0;
  for (const list of lists) postings += list.length;
  const limit = Math.floor(postings / (LOOKUP_COST * lists.length));
  const labels: number[] = [];
  for (let label = 0; label < allowed.length; label++) {
    if (allowed[label] !== 1) continue;
    if (labels.length >= limit) return null;
    labels.push(label);
  }
  return Uint32Array.from(labels);
}

/** The top k of a few labels, each scored exactly by lookups (ties: lower label first). */
function rankExactly(lists: readonly TermList[], labels: Uint32Array, k: number, memo: Map<number, number>): number[] {
  const exact = addLookedUp(lists, labels, new Float64Array(labels.length));
  labels.forEach((label, c) => memo.set(label, exact[c] as number));
  const order = Array.from(labels.keys()).filter((c) => (exact[c] as number) > 0);
  order.sort((a, b) => (exact[b] as number) - (exact[a] as number) || (labels[a] as number) - (labels[b] as number));
  return order.slice(0, k).map((c) => labels[c] as number);
}

/**
 * Score and touched arrays are reused from one search to the next (search is synchronous, so one set per
 * chunk count is enough): allocating 1.2 MB a question at 100k chunks cost a tenth of the lexical leg in
 * zeroing and garbage collection. Only the touched entries are cleared afterwards.
 */
let scratch: { scores: Float64Array; touched: Uint32Array } | null = null;

function scratchFor(docCount: number): { scores: Float64Array; touched: Uint32Array } {
  const current = scratch;
  scratch = null;
  if (current && current.scores.length === docCount) return current;
  return { scores: new Float64Array(docCount), touched: new Uint32Array(docCount) };
}

function release(scores: Float64Array, touched: Uint32Array, n: number): void {
  if (n * 8 > scores.length) scores.fill(0);
  else for (let c = 0; c < n; c++) scores[touched[c] as number] = 0;
  scratch = { scores, touched };
}
