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
}

export const SEARCH_DEFAULTS: Readonly<SearchTuning> = Object.freeze({
  bm25: Object.freeze({ k1: 1.2, b: 0.75 }),
  accentedWeight: 1,
  foldedWeightAccentedQuery: 0.5,
  foldedWeightPlainQuery: 1,
  // The default hashed vectors are not semantic, so the lexical leg leads; eval tunes these.
  lexicalWeight: 0.7,
  vectorWeight: 0.3,
  candidates: 100,
  k: 10,
});
