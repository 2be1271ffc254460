/**
 * Retrieval-only ablation and tuning of our own search: which leg and which field earns its place,
 * and which weights the defaults in knowledge/search-defaults.ts should hold.
 * Measured on `kb.search(question)` directly (no answer composition), on answerable questions.
 */
import type { KnowledgeBase, KnowledgeSearchOptions, SearchTuning } from '../knowledge/index.ts';
import { SEARCH_DEFAULTS } from '../knowledge/index.ts';
import { evidenceRank } from './metrics.ts';
import type { EvalQuestion } from './question-set.ts';
import { slicesOf } from './slices.ts';

export interface RetrievalScore {
  hit1: number;
  hit5: number;
  mrr10: number;
  /** hit@5 on the unaccented/abbreviated slice, where folding and abbreviations matter most. */
  hit5Unaccented: number;
  questions: number;
}

export interface AblationRow extends RetrievalScore {
  variant: string;
  note: string;
}

type SearchVariant = { variant: string; note: string; opts: Omit<KnowledgeSearchOptions, 'k'> };

/** The variants we can switch through the public search options. */
export const ABLATION_VARIANTS: readonly SearchVariant[] = [
  { variant: 'hybrid (defaults)', note: 'both legs, both lexical fields, abbreviations on', opts: {} },
  { variant: 'lexical only', note: 'BM25 accented + folded fields', opts: { legs: { vector: false } } },
  { variant: 'vector only', note: 'hnswlib over the configured embedder', opts: { legs: { lexical: false } } },
  {
    variant: 'hybrid, no folded field',
    note: 'folded-field weights set to 0',
    opts: { tuning: { foldedWeightAccentedQuery: 0, foldedWeightPlainQuery: 0 } },
  },
  {
    variant: 'hybrid, no abbreviation dictionary',
    note: 'question not expanded (abbreviations, teencode, synonyms)',
    opts: { tuning: { queryExpansion: false } },
  },
  {
    variant: 'lexical only, no folded field',
    note: 'accented BM25 alone',
    opts: { legs: { vector: false }, tuning: { foldedWeightAccentedQuery: 0, foldedWeightPlainQuery: 0 } },
  },
];

/** Scores one search configuration on the answerable questions. */
export async function scoreSearch(
  kb: KnowledgeBase,
  questions: readonly EvalQuestion[],
  opts: Omit<KnowledgeSearchOptions, 'k'>,
  k = 10,
): Promise<RetrievalScore> {
  const rows = questions.filter((q) => q.answerable && q.evidence !== null);
  let hit1 = 0;
  let hit5 = 0;
  let rr = 0;
  let un = 0;
  let unHit = 0;
  for (const q of rows) {
    const hits = await kb.search(q.question, { ...opts, k });
    const retrieved = hits.map((h) => ({ text: h.chunk.text, documentId: h.chunk.documentId }));
    const rank = evidenceRank(retrieved, q.evidence as string, q.document);
    const unaccented = slicesOf(q).includes('unaccented/abbrev');
    if (unaccented) un++;
    if (rank === null) continue;
    if (rank === 1) hit1++;
    if (rank <= 5) {
      hit5++;
      if (unaccented) unHit++;
    }
    rr += 1 / rank;
  }
  const n = Math.max(1, rows.length);
  return {
    hit1: hit1 / n,
    hit5: hit5 / n,
    mrr10: rr / n,
    hit5Unaccented: un === 0 ? 0 : unHit / un,
    questions: rows.length,
  };
}

/** Runs every ablation variant. */
export async function runAblation(
  kb: KnowledgeBase,
  questions: readonly EvalQuestion[],
  k = 10,
): Promise<AblationRow[]> {
  const out: AblationRow[] = [];
  for (const v of ABLATION_VARIANTS)
    out.push({ variant: v.variant, note: v.note, ...(await scoreSearch(kb, questions, v.opts, k)) });
  return out;
}

export interface TuningRow extends RetrievalScore {
  tuning: Pick<SearchTuning, 'lexicalWeight' | 'vectorWeight' | 'bm25' | 'foldedWeightAccentedQuery'>;
}

/** The grid: fusion weight × BM25 k1 × b × folded weight for accented questions. */
export const TUNING_GRID = {
  lexicalWeight: [0.5, 0.7, 0.85, 1],
  k1: [0.9, 1.2, 1.6],
  b: [0.5, 0.75, 0.9],
  foldedWeightAccentedQuery: [0.3, 0.5, 1],
} as const;

/**
 * Small grid search, ranked by MRR@10 then hit@5 then hit@1. With ~130 answerable questions a difference of
 * one question is ~0.8 points, so the report shows the top rows and the defaults side by side.
 */
export async function tuneSearch(kb: KnowledgeBase, questions: readonly EvalQuestion[], k = 10): Promise<TuningRow[]> {
  const rows: TuningRow[] = [];
  for (const lexicalWeight of TUNING_GRID.lexicalWeight) {
    for (const k1 of TUNING_GRID.k1) {
      for (const b of TUNING_GRID.b) {
        for (const folded of TUNING_GRID.foldedWeightAccentedQuery) {
          const tuning = {
            lexicalWeight,
            vectorWeight: Number((1 - lexicalWeight).toFixed(2)),
            bm25: { k1, b },
            foldedWeightAccentedQuery: folded,
          };
          rows.push({ tuning, ...(await scoreSearch(kb, questions, { tuning }, k)) });
        }
      }
    }
  }
  return rows.sort((x, y) => y.mrr10 - x.mrr10 || y.hit5 - x.hit5 || y.hit1 - x.hit1);
}

/** The current defaults, in the same shape as a tuning row's settings. */
export function defaultTuning(): TuningRow['tuning'] {
  const d = SEARCH_DEFAULTS;
  return {
    lexicalWeight: d.lexicalWeight,
    vectorWeight: d.vectorWeight,
    bm25: { ...d.bm25 },
    foldedWeightAccentedQuery: d.foldedWeightAccentedQuery,
  };
}
