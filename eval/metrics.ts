/**
 * Scoring: per-question judgements and the summary over a set and its slices. Pure functions only,
 * so anyone can recompute the numbers from the `--json` output.
 */
import { judge } from './judge.ts';
import { inventedFigures, replyShape, summariseShapes, type ReplyShape, type ShapeSummary } from './reply-shape.ts';
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
  /** Set file the row came from (for per-set figures). */
  set?: string | undefined;
  /** The row's `must` groups and `mustNot` strings (empty for the older sets). */
  must?: ReadonlyArray<readonly string[]> | undefined;
  mustNot?: readonly string[] | undefined;
  /** The refusal kind the row expects, and the one the reply had (null when not refused or unknown). */
  expectedRefusalKind?: 'scope' | 'not-in-sources' | 'clarify' | undefined;
  refusalKind?: string | null | undefined;
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
  /** The whole-question verdict (see judge.ts) and why it failed. */
  correct: boolean;
  failures: string[];
  shape: ReplyShape;
  /** Money amounts, day counts and percentages of the reply found in no cited chunk (nor the question). */
  inventedFacts: string[];
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
  /** Share of questions judged correct as a whole (judge.ts). */
  correct: number | null;
  /** Refusal as the positive class: refused-and-unanswerable / refused, and / unanswerable (null when 0/0). */
  refusalPrecision: number | null;
  refusalRecall: number | null;
  /** Invented money amounts, day counts and percentages, summed over the replies. */
  inventedFacts: number;
  shape: ShapeSummary;
}

export interface Summary extends Metrics {
  slices: Partial<Record<Slice, Metrics>>;
  /** One entry per tag (story, yesno, session, …): the question styles of the sets. */
  styles: Record<string, Metrics>;
  /** One entry per set file. */
  sets: Record<string, Metrics>;
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
  const verdict = judge(
    {
      answerable: run.answerable,
      answer: run.answer,
      document: run.document,
      must: run.must ?? [],
      mustNot: run.mustNot ?? [],
      refusalKind: run.expectedRefusalKind,
    },
    {
      reply: run.reply,
      refused: run.refused,
      refusalKind: run.refusalKind ?? null,
      citedDocuments: run.citations.map((c) => c.documentId),
    },
  );
  const whole = {
    correct: verdict.correct,
    failures: verdict.reasons,
    shape: replyShape(run.reply),
    inventedFacts: run.refused
      ? []
      : inventedFigures(
          run.reply,
          run.citations.map((c) => c.chunkText ?? c.text),
          run.question,
        ),
  };
  if (!run.answerable) {
    return {
      rank: null,
      hit1: null,
      hit5: null,
      rr10: null,
      answerCorrect: run.refused,
      citationCorrect: null,
      refusalCorrect,
      slices,
      ...whole,
    };
  }
  if (run.evidence === null) {
    // Answerable without an evidence span (judged by `must`): no retrieval figures.
    return {
      rank: null,
      hit1: null,
      hit5: null,
      rr10: null,
      answerCorrect: verdict.correct,
      citationCorrect: null,
      refusalCorrect,
      slices,
      ...whole,
    };
  }
  const evidence = run.evidence;
  const rank = evidenceRank(run.retrieved.slice(0, 10), evidence, run.document);
  return {
    rank,
    hit1: rank === 1,
    hit5: rank !== null && rank <= 5,
    rr10: rank === null ? 0 : 1 / rank,
    answerCorrect:
      !run.refused &&
      (run.must !== undefined && run.must.length > 0 ? verdict.correct : answerMatches(run.answer, run.reply)),
    citationCorrect:
      !run.refused &&
      run.citations.some((c) =>
        holds({ documentId: c.documentId, text: c.chunkText ?? c.text }, evidence, run.document),
      ),
    refusalCorrect,
    slices,
    ...whole,
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
    correct: mean(scores.map((s) => s.correct)),
    refusalPrecision: ratioOrNull(
      runs.filter((r) => r.refused && !r.answerable).length,
      runs.filter((r) => r.refused).length,
    ),
    refusalRecall: ratioOrNull(
      runs.filter((r) => r.refused && !r.answerable).length,
      runs.filter((r) => !r.answerable).length,
    ),
    inventedFacts: scores.reduce((a, s) => a + s.inventedFacts.length, 0),
    shape: summariseShapes(scores.map((s, i) => ({ shape: s.shape, refused: runs[i]?.refused ?? false }))),
  };
}

const ratioOrNull = (num: number, den: number) => (den === 0 ? null : num / den);

/** Metrics over the runs whose index passes `keep`. */
function subset(runs: readonly QuestionRun[], scores: readonly QuestionScore[], keep: (i: number) => boolean): Metrics {
  const idx = runs.map((_, i) => i).filter(keep);
  return aggregate(
    idx.map((i) => runs[i] as QuestionRun),
    idx.map((i) => scores[i] as QuestionScore),
  );
}

/** Overall metrics plus one entry per non-empty slice. */
export function summarise(runs: readonly QuestionRun[], scores: readonly QuestionScore[]): Summary {
  const slices: Partial<Record<Slice, Metrics>> = {};
  for (const slice of SLICES) {
    if (!scores.some((s) => s.slices.includes(slice))) continue;
    slices[slice] = subset(runs, scores, (i) => scores[i]?.slices.includes(slice) === true);
  }
  const styles: Record<string, Metrics> = {};
  for (const tag of [...new Set(runs.flatMap((r) => r.tags))].sort())
    styles[tag] = subset(runs, scores, (i) => runs[i]?.tags.includes(tag) === true);
  const sets: Record<string, Metrics> = {};
  for (const set of [...new Set(runs.map((r) => r.set).filter((x): x is string => x !== undefined))])
    sets[set] = subset(runs, scores, (i) => runs[i]?.set === set);
  return { ...aggregate(runs, scores), slices, styles, sets };
}
