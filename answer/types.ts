/**
 * The answer contract shared by every channel (CLI, bot, eval). See DESIGN.md "answer/index.ts".
 */
import type { KnowledgeBase, SearchResultJson } from '../knowledge/index.ts';

/** One earlier turn of the conversation, oldest first in `AnswerContext.history`. */
export interface Turn {
  question: string;
  /** The document the reply to this turn was about (a procedure sheet, the plan…), or null. */
  topicDocumentId: string | null;
  /** ISO time of the turn. */
  at: string;
  /** What the reply to this turn did not show, for a following "xem thêm" (absent when it showed everything). */
  more?: Continuation | null;
}

/**
 * The part of a long answer a reply did not show (a phone reply stays short; Zalo takes 2000 characters):
 * whole list items and sentences with their "[n]" marks, numbered within `sources` and `citations`.
 */
export interface Continuation {
  lines: string[];
  sources: string[];
  citations: Citation[];
}

/** A chunk handed to a generator, numbered as the `[n]` markers it may use. */
export interface GeneratorPassage {
  n: number;
  /** Human label of the source, e.g. "Kế hoạch 53/KH-UBND (15/02/2024), mục II.2.2 Chính quyền số". */
  label: string;
  text: string;
}

/** Everything a generator may see: the question and the retrieved passages. Nothing else. */
export interface GeneratorInput {
  question: string;
  passages: GeneratorPassage[];
  /** YYYY-MM-DD the answer is given for. */
  asOf: string;
}

/** An optional LLM writer. It returns raw text with `[n]` markers; answer() validates the markers. */
export interface AnswerGenerator {
  readonly info: { model: string; baseUrl: string };
  generate(input: GeneratorInput, signal?: AbortSignal): Promise<string>;
}
/** Alias kept for the name used in DESIGN.md. */
export type Generator = AnswerGenerator;

export interface AnswerContext {
  kb: KnowledgeBase;
  /** YYYY-MM-DD the answer is given for (default: today in Vietnam, from `clock`). */
  asOf?: string;
  /** Last turns of this conversation, oldest first. */
  history?: Turn[];
  /** Retrieved chunks (default 10). */
  k?: number;
  /** Optional LLM writer; extractive when absent. */
  generator?: AnswerGenerator | null;
  /** Minimum evidence score to answer (default: EVIDENCE_THRESHOLD). Only answer/calibrate.ts changes it. */
  evidenceThreshold?: number;
  /** Clock used for the default `asOf` and for latency (default: `() => new Date()`). */
  clock?: () => Date;
}

/**
 * A numbered citation: the search-result shape without the score. `text` is a verbatim span of the cited
 * chunk's text (always contained in it), not necessarily the whole chunk.
 */
export type Citation = { n: number } & Omit<SearchResultJson, 'score'>;

/** A retrieved chunk in the stable JSON shape, the one `npm run search -- --json` prints. */
export type RetrievedChunk = SearchResultJson;

/** What kind of "no" a refusal is: out of scope, not in the sources (or not confirmed by them), or "which one?". */
export type RefusalKind = 'scope' | 'not-in-sources' | 'clarify';

export type AnswerMode = 'extractive' | 'procedure' | 'generative' | 'smalltalk' | 'refusal' | 'curated';

export interface AnswerResult {
  answer: string;
  refused: boolean;
  citations: Citation[];
  retrieved: RetrievedChunk[];
  latencyMs: number;
  /** The procedure/document the reply was about (for follow-ups). */
  topicDocumentId: string | null;
  /**
   * 'procedure' = answered from the fields of a structured procedure sheet; 'extractive' = sentences picked
   * from plan/guide passages; 'generative' = written by the LLM from the retrieved chunks; 'curated' = the content
   * team's approved answer (set by the web layer, never by answer()).
   */
  mode: AnswerMode;
  /** Short machine-readable notes, e.g. "dated source: 53/KH-UBND", "rule changes on 2027-01-01". */
  notices: string[];
  /** Set on refusals that state their kind (absent on others: their `refused: <reason>` notice says it). */
  refusalKind?: RefusalKind;
  /** What the reply did not show ("Còn N mục — hỏi "xem thêm""): channels keep it in the turn they record. */
  more?: Continuation | null;
}

/** Zalo rejects longer text messages; every reply must fit. */
export const MAX_REPLY_CHARS = 2000;
