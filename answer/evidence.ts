/**
 * Is the retrieved evidence about what was asked? Search always returns *something*; these features say
 * whether it is worth answering from. The threshold is calibrated on the dev sets by answer/calibrate.ts.
 */
import type { SearchHit } from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import type { QuestionIntent } from './intent.ts';
import { foldTokens } from './query-text.ts';

/**
 * Minimum evidence score to answer. PROVISIONAL until calibrated: see answer/README.md for the dev-set
 * table and answer/calibrate.ts to recompute it.
 */
export const EVIDENCE_THRESHOLD = 0.5;

export interface EvidenceFeatures {
  /** Share of the question's content words found in the evidence (0..1). */
  coverage: number;
  /** Share of the question's adjacent word pairs (with a content word) found as pairs in the evidence. */
  pairCoverage: number;
  /** Content words of the question missing from the evidence. */
  missing: string[];
  /** The combined score compared with EVIDENCE_THRESHOLD. */
  score: number;
}

/** The evidence a question is judged against: the top hit's document title and its hits among the first k. */
export function evidenceTokens(hits: readonly SearchHit[]): string[] {
  const top = hits[0];
  if (!top) return [];
  const same = hits.filter((h) => h.document.id === top.document.id).slice(0, 3);
  const text = [top.document.title, ...same.map((h) => `${h.chunk.sectionPath.join(' ')}\n${h.chunk.text}`)].join('\n');
  return foldTokens(text);
}

/** Computes the evidence features of a question against its hits. */
export function evidenceFeatures(intent: QuestionIntent, hits: readonly SearchHit[]): EvidenceFeatures {
  const tokens = evidenceTokens(hits);
  const vocabulary = new Set(tokens);
  const terms = [...new Set(intent.contentTerms)];
  const found = terms.filter((t) => vocabulary.has(t));
  const coverage = terms.length === 0 ? 0 : found.length / terms.length;
  const content = new Set(intent.contentTerms);
  const questionPairs = [...bigrams(intent.folded.split(' '))].filter((p) => p.split(' ').some((t) => content.has(t)));
  const evidencePairs = bigrams(tokens);
  const pairCoverage = questionPairs.length === 0 ? coverage : questionPairs.filter((p) => evidencePairs.has(p)).length / questionPairs.length;
  return {
    coverage,
    pairCoverage,
    missing: terms.filter((t) => !vocabulary.has(t)),
    score: round((coverage + pairCoverage) / 2),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
