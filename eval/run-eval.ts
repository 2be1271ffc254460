/**
 * Runs a question set through the same `answer()` the bot uses and scores every reply.
 */
import {
  answer,
  type AnswerContext,
  type AnswerResult,
  type Citation,
  type RetrievedChunk,
  type Turn,
} from '../answer/index.ts';
import { refusalKindOf } from './judge.ts';
import type { KnowledgeBase } from '../knowledge/index.ts';
import { scoreQuestion, summarise, type QuestionRun, type QuestionScore, type Summary } from './metrics.ts';
import type { EvalQuestion } from './question-set.ts';

export interface RunOptions {
  kb: KnowledgeBase;
  /** Retrieved chunks per question (default 10). */
  k?: number;
  /** Day the answers are given for, unless a question has its own `asOf` (default: today). */
  asOf?: string;
  /** Called after each question, for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /** The function asked (default: answer()); a test passes a recorder to see the order and the history. */
  ask?: (question: string, ctx: AnswerContext) => Promise<AnswerResult>;
}

/** One scored question, in the stable `--json` shape (plus a few extra fields for the report). */
export interface ScoredQuestion {
  id: string;
  set: string;
  question: string;
  answerable: boolean;
  answer: string;
  evidence: string | null;
  reply: string;
  refused: boolean;
  citations: QuestionRun['citations'];
  retrieved: QuestionRun['retrieved'];
  latencyMs: number;
  hit1: boolean | null;
  hit5: boolean | null;
  rank: number | null;
  answerCorrect: boolean;
  citationCorrect: boolean | null;
  refusalCorrect: boolean;
  slices: QuestionScore['slices'];
  tags: string[];
  /** Multi-turn rows: the session and the turn (null for single questions). */
  session: string | null;
  turn: number | null;
  /** The refusal kind read from the reply (judge.ts), null when not refused. */
  refusalKind: string | null;
  /** Whole-question verdict (judge.ts) and its reasons; the reply's shape; figures found in no cited chunk. */
  correct: boolean;
  failures: string[];
  shape: QuestionScore['shape'];
  inventedFacts: string[];
}

export interface EvalRun {
  system: string;
  summary: Summary;
  questions: ScoredQuestion[];
}

/** Builds a run record from a question and what a system produced. */
export function toRun(
  q: EvalQuestion,
  got: Pick<QuestionRun, 'reply' | 'refused' | 'citations' | 'retrieved' | 'latencyMs'> & {
    refusalKind?: string | null;
  },
): QuestionRun {
  return {
    id: q.id,
    question: q.question,
    answerable: q.answerable,
    answer: q.answer,
    evidence: q.evidence,
    document: q.document,
    tags: q.tags,
    set: q.set,
    must: q.must,
    mustNot: q.mustNot,
    expectedRefusalKind: q.refusalKind,
    refusalKind: got.refusalKind ?? (got.refused ? 'unknown' : null),
    ...got,
  };
}

/** Scores runs and packs them with their summary. */
export function scoreRuns(system: string, questions: readonly EvalQuestion[], runs: readonly QuestionRun[]): EvalRun {
  const scores = runs.map(scoreQuestion);
  const scored = runs.map((r, i): ScoredQuestion => {
    const s = scores[i] as QuestionScore;
    const q = questions[i] as EvalQuestion;
    return {
      id: r.id,
      set: q.set,
      question: r.question,
      answerable: r.answerable,
      answer: r.answer,
      evidence: r.evidence,
      reply: r.reply,
      refused: r.refused,
      citations: r.citations,
      retrieved: r.retrieved,
      latencyMs: r.latencyMs,
      hit1: s.hit1,
      hit5: s.hit5,
      rank: s.rank,
      answerCorrect: s.answerCorrect,
      citationCorrect: s.citationCorrect,
      refusalCorrect: s.refusalCorrect,
      slices: s.slices,
      tags: q.tags,
      session: q.session ?? null,
      turn: q.turn ?? null,
      refusalKind: r.refusalKind ?? null,
      correct: s.correct,
      failures: s.failures,
      shape: s.shape,
      inventedFacts: s.inventedFacts,
    };
  });
  return { system, summary: summarise(runs, scores), questions: scored };
}

/** The whole retrieved chunk a citation quotes from (a citation may quote only a span of it). */
function chunkOfCitation(c: Citation, retrieved: readonly RetrievedChunk[]): string {
  const same = retrieved.filter((r) => r.documentId === c.documentId && r.section === c.section);
  return (same.find((r) => r.text.includes(c.text)) ?? same[0])?.text ?? c.text;
}

/**
 * The order questions are asked in: single questions as they come; a session's turns together, in turn order,
 * at the place of its first row. Returns indices into `questions`.
 */
export function askingOrder(questions: readonly EvalQuestion[]): number[][] {
  const groups: number[][] = [];
  const bySession = new Map<string, number[]>();
  questions.forEach((q, i) => {
    if (q.session === undefined) return groups.push([i]);
    const g = bySession.get(q.session);
    if (g) return g.push(i);
    const fresh = [i];
    bySession.set(q.session, fresh);
    return groups.push(fresh);
  });
  for (const g of bySession.values()) g.sort((a, b) => (questions[a]?.turn ?? 0) - (questions[b]?.turn ?? 0));
  return groups;
}

/** The history a session's next turn is asked with: every earlier turn, oldest first, a minute apart. */
export function historyOf(
  earlier: ReadonlyArray<{ question: string; result: Pick<AnswerResult, 'topicDocumentId'> }>,
  now: Date,
): Turn[] {
  return earlier.map((t, i) => ({
    question: t.question,
    topicDocumentId: t.result.topicDocumentId,
    at: new Date(now.getTime() - (earlier.length - i) * 60_000).toISOString(),
  }));
}

/**
 * Asks every question through `answer()`, one at a time (latency is measured per question). A session's turns
 * are replayed in order, each with the earlier turns as history, as the chat channels do.
 */
export async function runOurs(questions: readonly EvalQuestion[], opts: RunOptions): Promise<EvalRun> {
  const runs: QuestionRun[] = new Array(questions.length);
  let done = 0;
  for (const group of askingOrder(questions)) {
    const earlier: Array<{ question: string; result: AnswerResult }> = [];
    for (const i of group) {
      const q = questions[i] as EvalQuestion;
      const ctx: AnswerContext = {
        kb: opts.kb,
        k: opts.k ?? 10,
        history: historyOf(earlier, new Date()),
        generator: null,
      };
      const asOf = q.asOf ?? opts.asOf;
      if (asOf !== undefined) ctx.asOf = asOf;
      const started = performance.now();
      const res = await (opts.ask ?? answer)(q.question, ctx);
      const wall = performance.now() - started;
      earlier.push({ question: q.question, result: res });
      runs[i] = toRun(q, {
        reply: res.answer,
        refused: res.refused,
        refusalKind: refusalKindOf(res),
        citations: res.citations.map((c) => ({
          documentId: c.documentId,
          section: c.section,
          text: c.text,
          chunkText: chunkOfCitation(c, res.retrieved),
        })),
        retrieved: res.retrieved.map((r) => ({
          documentId: r.documentId,
          section: r.section,
          text: r.text,
          score: r.score,
        })),
        latencyMs: Number((res.latencyMs > 0 ? res.latencyMs : wall).toFixed(2)),
      });
      done++;
      opts.onProgress?.(done, questions.length);
    }
  }
  return scoreRuns('hoidap', questions, runs);
}
