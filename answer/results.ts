/**
 * The result shapes answer() returns (all but `latencyMs`, which the pipeline adds): a refusal, a rendered
 * draft, a generated reply, a "xem thêm" page and smalltalk.
 */
import { toSearchResultJson, type SearchHit } from '../knowledge/index.ts';
import type { Composed } from './compose.ts';
import { lastTopic } from './follow-up.ts';
import type { QuestionFrame } from './frame.ts';
import type { CheckedReply } from './generative.ts';
import type { MorePage } from './more.ts';
import { refusalText, type RefusalReason } from './refusal.ts';
import { renderDraft } from './reply.ts';
import { smalltalkReply, type SmalltalkKind } from './smalltalk.ts';
import type { AnswerResult, RetrievedChunk, Turn } from './types.ts';

/** A result before its latency is measured. */
export type Result = Omit<AnswerResult, 'latencyMs'>;

/** The stable JSON shape of a retrieved chunk: the same as `npm run search -- --json` prints. */
export const toRetrieved: (hit: SearchHit) => RetrievedChunk = toSearchResultJson;

/** A refusal in the question's language (and naming the other place it asks about), with its reason as a notice. */
export function refusal(
  reason: RefusalReason,
  retrieved: RetrievedChunk[],
  topicDocumentId: string | null,
  notices: string[] = [],
  frame?: QuestionFrame,
): Result {
  const text = refusalText(reason, { language: frame?.language ?? 'vi', place: frame?.elsewhere ?? null });
  return {
    answer: text,
    refused: true,
    citations: [],
    retrieved,
    topicDocumentId,
    mode: 'refusal',
    notices: [`refused: ${reason}`, ...notices],
  };
}

/** The composed draft as the reply: text, citations and what waits behind "xem thêm". */
export function render(composed: Composed, retrieved: RetrievedChunk[], extraNotices: string[]): Result {
  const reply = renderDraft(composed.draft);
  return {
    answer: reply.text,
    refused: false,
    citations: reply.citations,
    retrieved,
    topicDocumentId: composed.topicDocumentId,
    mode: composed.mode,
    notices: [...composed.notices, ...extraNotices],
    more: reply.more,
  };
}

/** The model's checked reply for a plan or guide answer. */
export function generatedResult(generated: CheckedReply, composed: Composed, retrieved: RetrievedChunk[]): Result {
  return {
    answer: generated.text,
    refused: false,
    citations: generated.citations,
    retrieved,
    topicDocumentId: composed.topicDocumentId,
    mode: 'generative',
    notices: composed.notices,
  };
}

/** The next page of the previous reply ("xem thêm"). */
export function pageResult(
  page: MorePage & { topicDocumentId: string | null; notices: string[] },
  history: readonly Turn[] | undefined,
): Result {
  return {
    answer: page.text,
    refused: false,
    citations: page.citations,
    retrieved: [],
    topicDocumentId: page.topicDocumentId ?? lastTopic(history),
    mode: page.citations.length > 0 ? 'procedure' : 'smalltalk',
    notices: page.notices,
    more: page.more,
  };
}

/** A greeting, thanks, help or goodbye: a friendly reply, no search; the conversation keeps its topic. */
export function smalltalkResult(kind: SmalltalkKind, history: readonly Turn[] | undefined): Result {
  return {
    answer: smalltalkReply(kind),
    refused: false,
    citations: [],
    retrieved: [],
    topicDocumentId: lastTopic(history),
    mode: 'smalltalk',
    notices: [],
  };
}
