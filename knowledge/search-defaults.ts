/**
 * Every tunable of search in one object, so the eval helper can find and tune them in one place.
 */
import type { Bm25Params } from './lexical-index.ts';

export interface SearchTuning {
  bm25: Bm25Params;
  /** Weight of the accented field (always counted). */
  accentedWeight: number;
  /** Weight of the folded field when the question has diacritics / when it has none. */
  foldedWeightAccentedQuery: number;
  foldedWeightPlainQuery: number;
  /** Convex-combination weights of the min-max normalised legs (they should sum to 1). */
  lexicalWeight: number;
  vectorWeight: number;
  /** How many candidates each leg contributes to the fusion. */
  candidates: number;
  /** Results when SearchOptions.k is not given. */
  k: number;
  /** Expand the question with the abbreviation, teencode and synonym dictionaries (off only for the ablation). */
  queryExpansion: boolean;
}

export const SEARCH_DEFAULTS: Readonly<SearchTuning> = Object.freeze({
  // Tuned on the dev sets (eval/README.md, 108-setting grid, 27/11/2026): k1 0.9 / b 0.5 beat 1.2 / 0.75 on
  // MRR@10 (77.8% vs 75.1%). Short chunks with the heading path prepended gain little from length normalisation.
  bm25: Object.freeze({ k1: 0.9, b: 0.5 }),
  accentedWeight: 1,
  foldedWeightAccentedQuery: 0.5,
  foldedWeightPlainQuery: 1,
  // The default hashed vectors are not semantic, so the lexical leg leads. Same grid: 0.85 / 0.15 keeps the
  // vector leg's typo robustness at no cost in hit@5. Re-tune when a semantic embedder is configured.
  lexicalWeight: 0.85,
  vectorWeight: 0.15,
  candidates: 100,
  k: 10,
  queryExpansion: true,
});
