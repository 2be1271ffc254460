/**
 * The k-th best score of a set of labels, for MaxScore's threshold (lexical-topk.ts): a bounded min-heap of
 * scores, so most labels cost one comparison with the weakest score kept.
 */

/** The k-th largest of `values` (0 when there are fewer than k). */
export function kthLargest(values: Float64Array, k: number): number {
  if (values.length < k || k <= 0) return 0;
  return values.slice().sort()[values.length - k] as number;
}

/** The k-th best score among the first `n` labels that the mask allows (0 when fewer than k): a bounded min-heap. */
export function kthScore(
  labels: Uint32Array,
  n: number,
  scores: Float64Array,
  allowed: Uint8Array | null,
  k: number,
): number {
  const heap = new Float64Array(k);
  let size = 0;
  for (let c = 0; c < n; c++) {
    const label = labels[c] as number;
    const s = scores[label] as number;
    if ((size === k && s <= (heap[0] as number)) || (allowed !== null && allowed[label] !== 1)) continue;
    if (size === k) {
      siftDown(heap, k, s);
      continue;
    }
    let at = size++;
    for (; at > 0 && (heap[(at - 1) >> 1] as number) > s; at = (at - 1) >> 1) heap[at] = heap[(at - 1) >> 1] as number;
    heap[at] = s;
  }
  return size < k ? 0 : (heap[0] as number);
}

/** Replaces the smallest entry of a full min-heap by `s` and restores the heap. */
function siftDown(heap: Float64Array, k: number, s: number): void {
  let at = 0;
  for (;;) {
    const l = 2 * at + 1;
    const r = l + 1;
    let m = l < k && (heap[l] as number) < s ? l : -1;
    if (r < k && (heap[r] as number) < (m < 0 ? s : (heap[l] as number))) m = r;
    if (m < 0) break;
    heap[at] = heap[m] as number;
    at = m;
  }
  heap[at] = s;
}
