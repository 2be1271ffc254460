/**
 * Wrappers around an answer function, so every channel (web chat, Zalo, /api/ask) gets the same behaviour:
 * `withCurated` serves the content team's approved reply first; `withQuestionLog` records what was asked
 * (masked) for the console and hands back the `questionId` that 👍/👎 refers to.
 */
import { toAskJson, type AnswerResult, type AskJson, type Turn } from '../../answer/index.ts';
import type { CuratedAnswer } from './curated-store.ts';
import type { KnowledgeHolder } from './knowledge-holder.ts';
import type { WebStore } from './web-store.ts';

/** Where a question came from; every channel names itself so the console can tell them apart. */
export type AnswerChannel = 'zalo-oa' | 'zalo-bot' | 'web' | 'api';

/**
 * The context every channel passes to the one answer entry point (bot's Answerer): the conversation so far,
 * the date, and the channel and session that travel into the question log.
 */
export interface AnswerCallContext {
  history?: Turn[];
  asOf?: string;
  channel?: AnswerChannel;
  session?: string | null;
}

export type AnswerFn<C extends AnswerCallContext = AnswerCallContext> = (
  question: string,
  ctx: C,
) => Promise<AnswerResult>;

/** AnswerResult plus what the web layer adds. `curated` is set when the reply is the team's approved one. */
export type WebAnswerResult = AnswerResult & {
  curated?: { id: number; updatedAt: string };
  questionId?: number | null;
};

/**
 * Answers with the curated reply when the question matches one, else with `answerFn`. A curated reply
 * that cites a document no longer live (withdrawn) is skipped, so it can never cite a withdrawn source.
 * Curated replies have mode 'curated', the notice "curated answer: <id>" and `curated` set. When the store
 * cannot be read (database down), the composed answer is given and `onError` hears why: residents still get
 * an answer.
 */
export function withCurated<C extends AnswerCallContext>(
  answerFn: AnswerFn<C>,
  store: Pick<WebStore, 'curated'>,
  opts: { holder?: KnowledgeHolder; now?: () => number; onError?: (err: unknown) => void } = {},
): (q: string, ctx: C) => Promise<WebAnswerResult> {
  const now = opts.now ?? Date.now;
  return async (question, ctx) => {
    const started = now();
    let hit: CuratedAnswer | undefined;
    try {
      hit = await store.curated.find(question);
    } catch (err) {
      opts.onError?.(err);
    }
    if (!hit || !citesLiveDocuments(hit, opts.holder)) return answerFn(question, ctx);
    return {
      answer: hit.answer,
      refused: false,
      citations: hit.citations,
      retrieved: [],
      latencyMs: now() - started,
      topicDocumentId: hit.citations[0]?.documentId ?? null,
      mode: 'curated',
      notices: [`curated answer: ${hit.id}`],
      curated: { id: hit.id, updatedAt: hit.updatedAt },
    };
  };
}

function citesLiveDocuments(hit: CuratedAnswer, holder: KnowledgeHolder | undefined): boolean {
  if (!holder) return true;
  const kb = holder.current();
  return hit.citations.every((c) => kb.document(c.documentId) !== undefined);
}

/**
 * Records each answered question (masked) with its topic and cited documents; the result gets
 * `questionId` (null when the store could not write: answering never fails because of the log).
 */
export function withQuestionLog<C extends AnswerCallContext>(
  answerFn: (q: string, ctx: C) => Promise<WebAnswerResult>,
  store: Pick<WebStore, 'recordQuestion'>,
  opts: { channel?: AnswerChannel; holder?: KnowledgeHolder; onError?: (err: unknown) => void } = {},
): (q: string, ctx: C) => Promise<WebAnswerResult> {
  return async (question, ctx) => {
    const result = await answerFn(question, ctx);
    const topicId = result.topicDocumentId ?? result.citations[0]?.documentId ?? null;
    try {
      const questionId = await store.recordQuestion({
        channel: ctx.channel ?? opts.channel ?? 'api',
        session: ctx.session ?? null,
        question,
        answer: result.answer,
        refused: result.refused,
        mode: result.mode,
        topicDocumentId: topicId,
        topic: topicId ? (opts.holder?.live().document(topicId)?.title ?? topicId) : null,
        citedDocuments: [...new Set(result.citations.map((c) => c.documentId))],
        curatedId: result.curated?.id ?? null,
      });
      return { ...result, questionId };
    } catch (err) {
      opts.onError?.(err);
      return { ...result, questionId: null };
    }
  };
}

/**
 * The POST /api/ask body the chat page reads: answer/'s stable `toAskJson` keys first, then what the page
 * also shows (notices, mode, topic) and what the web layer added (questionId for 👍/👎, curated).
 * Pass it as buildApp's `toJson`.
 */
export function toWebAskJson(r: WebAnswerResult): AskJson &
  Pick<AnswerResult, 'notices' | 'mode' | 'topicDocumentId'> & {
    questionId: number | null;
    curated: WebAnswerResult['curated'] | null;
  } {
  return {
    ...toAskJson(r),
    notices: r.notices,
    mode: r.mode,
    topicDocumentId: r.topicDocumentId,
    questionId: r.questionId ?? null,
    curated: r.curated ?? null,
  };
}
