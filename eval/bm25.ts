/**
 * A textbook Okapi BM25 over whitespace/punctuation tokens, for the generic-RAG baseline.
 * Deliberately naive: lowercase only, no folding, no abbreviations, no bigrams.
 */

/** Lowercased tokens split on anything that is not a letter, mark or digit; accents are kept. */
export function plainTokens(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

export interface Bm25Params {
  /** Term-frequency saturation (default 1.2). */
  k1: number;
  /** Length normalisation (default 0.75). */
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export class Bm25Index {
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly lengths: number[] = [];
  private avgLength = 0;

  constructor(
    private readonly params: Bm25Params = DEFAULT_BM25,
    private readonly tokenize: (text: string) => string[] = plainTokens,
  ) {}

  /** Adds documents in order; their position is the id returned by search. */
  addAll(texts: readonly string[]): void {
    for (const text of texts) this.add(text);
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  private add(text: string): void {
    const id = this.lengths.length;
    const tokens = this.tokenize(text);
    this.lengths.push(tokens.length);
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, n] of tf) {
      const list = this.postings.get(term) ?? [];
      list.push([id, n]);
      this.postings.set(term, list);
    }
  }

  /** Top `k` document positions with scores, best first. */
  search(query: string, k: number): Array<{ id: number; score: number }> {
    const { k1, b } = this.params;
    const n = this.lengths.length;
    const scores = new Map<number, number>();
    for (const term of new Set(this.tokenize(query))) {
      const list = this.postings.get(term);
      if (list === undefined) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const [id, tf] of list) {
        const len = this.lengths[id] ?? 0;
        const s = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / (this.avgLength || 1)));
        scores.set(id, (scores.get(id) ?? 0) + s);
      }
    }
    return [...scores.entries()]
      .map(([id, score]) => ({ id, score }))
      .sort((x, y) => y.score - x.score || x.id - y.id)
      .slice(0, k);
  }
}
