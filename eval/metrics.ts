/**
 * Scoring: per-question judgements and the summary over a set and its slices. Pure functions only,
 * so anyone can recompute the numbers from the `--json` output.
 */
import { answerMatches, holdsEvidence } from './text-match.ts';
import { SLICES, slicesOf, type Slice } from './slices.ts';

/** What one system did with one question (ours or a baseline), before scoring. */
export interface QuestionRun {
  id: string;
  question: string;
  answerable: boolean;
  /** Gold answer. */
  answer: string;
  evidence: string | null;
  /** When set, only chunks of this document can hold the evidence. */
  document?: string | undefined;
  tags: string[];
  /** The reply text shown to the user. */
  reply: string;
  refused: boolean;
  /** What was cited; `chunkText` is the whole chunk the cited span came from, when known. */
  citations: Array<{ documentId: string; section: string; text: string; chunkText?: string }>;
  /** Top-k retrieved chunks, best first. */
  retrieved: Array<{ documentId: string; section: string; text: string; score: number }>;
  latencyMs: number;
}

/** Per-question judgements; null where a metric does not apply (no evidence for unanswerable questions). */
export interface QuestionScore {
  rank: number | null; // 1-based rank of the first chunk holding the evidence, null when none in top-k
  hit1: boolean | null;
  hit5: boolean | null;
  rr10: number | null;
  answerCorrect: boolean;
  citationCorrect: boolean | null;
  refusalCorrect: boolean;
  slices: Slice[];
}

export interface Metrics {
  questions: number;
  answerable: number;
  hit1: number | null;
  hit5: number | null;
  mrr10: number | null;
  answerAccuracy: number | null;
  citationAccuracy: number | null;
  refusalAccuracy: number;
  latencyMs: { p50: number; p95: number; max: number };
}

export interface Summary extends Metrics {
  slices: Partial<Record<Slice, Metrics>>;
}

/** 1-based rank of the first retrieved text that holds the evidence (in `document`, when given), or null. */
export function evidenceRank(
  retrieved: ReadonlyArray<{ text: string; documentId?: string }>,
  evidence: string,
  document?: string,
): number | null {
  const i = retrieved.findIndex((r) => holds(r, evidence, document));
  return i < 0 ? null : i + 1;
}

function holds(chunk: { text: string; documentId?: string }, evidence: string, document: string | undefined): boolean {
  if (document !== undefined && chunk.documentId !== document) return false;
  return holdsEvidence(chunk.text, evidence);
}

/** Scores one run. An unanswerable question is answered correctly exactly when it is refused. */
export function scoreQuestion(run: QuestionRun): QuestionScore {
  const slices = slicesOf(run);
  const refusalCorrect = run.refused === !run.answerable;
  if (!run.answerable || run.evidence === null) {
    return { rank: null, hit1: null, hit5: null, rr10: null, answerCorrect: run.refused, citationCorrect: null, refusalCorrect, slices };
  }
  const evidence = run.evidence;
  const rank = evidenceRank(run.retrieved.slice(0, 10), evidence, run.document);
  return {
    rank,
    hit1: rank === 1,
    hit5: rank !== null && rank <= 5,
    rr10: rank === null ? 0 : 1 / rank,
    answerCorrect: !run.refused && answerMatches(run.answer, run.reply),
    citationCorrect: !run.refused && run.citations.some((c) => holds({ documentId: c.documentId, text: c.chunkText ?? c.text }, evidence, run.document)),
    refusalCorrect,
    slices,
  };
}

/** Nearest-rank percentile of a list of numbers (0 for an empty list). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

function mean(values: ReadonlyArray<number | boolean | null>): number | null {
  const xs = values.filter((v): v is number | boolean => v !== null).map(Number);
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Metrics over a group of scored runs; answer accuracy counts answerable questions only. */
export function aggregate(runs: readonly QuestionRun[], scores: readonly QuestionScore[]): Metrics {
  const answerableScores = scores.filter((_, i) => runs[i]?.answerable === true);
  const lat = runs.map((r) => r.latencyMs);
  return {
    questions: runs.length,
    answerable: answerableScores.length,
    hit1: mean(scores.map((s) => s.hit1)),
    hit5: mean(scores.map((s) => s.hit5)),
    mrr10: mean(scores.map((s) => s.rr10)),
    answerAccuracy: mean(answerableScores.map((s) => s.answerCorrect)),
    citationAccuracy: mean(scores.map((s) => s.citationCorrect)),
    refusalAccuracy: mean(scores.map((s) => s.refusalCorrect)) ?? 0,
    latencyMs: { p50: percentile(lat, 50), p95: percentile(lat, 95), max: lat.length ? Math.max(...lat) : 0 },
  };
}

/** Overall metrics plus one entry per non-empty slice. */
export function summarise(runs: readonly QuestionRun[], scores: readonly QuestionScore[]): Summary {
  const slices: Partial<Record<Slice, Metrics>> = {};
  for (const slice of SLICES) {
    const idx = scores.map((s, i) => (s.slices.includes(slice) ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    slices[slice] = aggregate(
      idx.map((i) => runs[i] as QuestionRun),
      idx.map((i) => scores[i] as QuestionScore),
    );
  }
  return { ...aggregate(runs, scores), slices };
}
