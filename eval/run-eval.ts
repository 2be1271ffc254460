/**
 * Runs a question set through the same `answer()` the bot uses and scores every reply.
 */
import { answer, type AnswerContext, type Citation, type RetrievedChunk } from '../answer/index.ts';
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
}

export interface EvalRun {
  system: string;
  summary: Summary;
  questions: ScoredQuestion[];
}

/** Builds a run record from a question and what a system produced. */
export function toRun(q: EvalQuestion, got: Pick<QuestionRun, 'reply' | 'refused' | 'citations' | 'retrieved' | 'latencyMs'>): QuestionRun {
  return { id: q.id, question: q.question, answerable: q.answerable, answer: q.answer, evidence: q.evidence, document: q.document, tags: q.tags, ...got };
}

/** Scores runs and packs them with their summary. */
export function scoreRuns(system: string, questions: readonly EvalQuestion[], runs: readonly QuestionRun[]): EvalRun {
  const scores = runs.map(scoreQuestion);
  const scored = runs.map((r, i): ScoredQuestion => {
    const s = scores[i] as QuestionScore;
    const q = questions[i] as EvalQuestion;
    return {
      id: r.id, set: q.set, question: r.question, answerable: r.answerable, answer: r.answer, evidence: r.evidence,
      reply: r.reply, refused: r.refused, citations: r.citations, retrieved: r.retrieved, latencyMs: r.latencyMs,
      hit1: s.hit1, hit5: s.hit5, rank: s.rank, answerCorrect: s.answerCorrect, citationCorrect: s.citationCorrect,
      refusalCorrect: s.refusalCorrect, slices: s.slices,
    };
  });
  return { system, summary: summarise(runs, scores), questions: scored };
}

/** The whole retrieved chunk a citation quotes from (a citation may quote only a span of it). */
function chunkOfCitation(c: Citation, retrieved: readonly RetrievedChunk[]): string {
  const same = retrieved.filter((r) => r.documentId === c.documentId && r.section === c.section);
  return (same.find((r) => r.text.includes(c.text)) ?? same[0])?.text ?? c.text;
}

/** Asks every question through `answer()`, one at a time (latency is measured per question). */
export async function runOurs(questions: readonly EvalQuestion[], opts: RunOptions): Promise<EvalRun> {
  const runs: QuestionRun[] = [];
  for (const [i, q] of questions.entries()) {
    const ctx: AnswerContext = { kb: opts.kb, k: opts.k ?? 10, history: [], generator: null };
    const asOf = q.asOf ?? opts.asOf;
    if (asOf !== undefined) ctx.asOf = asOf;
    const started = performance.now();
    const res = await answer(q.question, ctx);
    const wall = performance.now() - started;
    runs.push(
      toRun(q, {
        reply: res.answer,
        refused: res.refused,
        citations: res.citations.map((c) => ({
          documentId: c.documentId,
          section: c.section,
          text: c.text,
          chunkText: chunkOfCitation(c, res.retrieved),
        })),
        retrieved: res.retrieved.map((r) => ({ documentId: r.documentId, section: r.section, text: r.text, score: r.score })),
        latencyMs: Number((res.latencyMs > 0 ? res.latencyMs : wall).toFixed(2)),
      }),
    );
    opts.onProgress?.(i + 1, questions.length);
  }
  return scoreRuns('hoidap', questions, runs);
}
