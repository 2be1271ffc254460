/**
 * Which hits a question is answered from: a code naming one sheet, the last turn's topic or a fresh search;
 * then plan questions kept in the plans, the top document's hits first, a named or case sibling before its
 * siblings, and the procedure the question's action and object name (procedure-match.ts).
 */
import type { KnowledgeBase } from '../knowledge/index.ts';
import { sheetNamedByCode } from './code-name.ts';
import { bigrams } from './compose-passage.ts';
import {
  focusOnTopDocument,
  GENERIC_PAIRS,
  keepPlanQuestionsInPlans,
  nameSharing,
  namesDocument,
  preferCaseSibling,
  preferNamedSibling,
} from './document-choice.ts';
import { ellipticalTopic } from './follow-up.ts';
import { retrieve, type Found } from './follow-up-search.ts';
import type { QuestionFrame } from './frame.ts';
import { readIntent, type QuestionIntent } from './intent.ts';
import { routeByAction, type ProcedureCheck } from './procedure-match.ts';
import { asksPlansOnly } from './scope.ts';
import type { AnswerContext } from './types.ts';

/** Retrieved chunks when the context does not say. */
export const DEFAULT_K = 10;

/** The hits to answer from, whether they continue the last turn's topic, and the procedure check (null for a follow-up). */
export interface ChosenHits extends Found {
  check: ProcedureCheck | null;
}

/** Searches for the question `q` (read as `frame`) and orders the hits: the first hit's document is answered from. */
export async function findHits(q: string, frame: QuestionFrame, context: AnswerContext): Promise<ChosenHits> {
  const intent = frame.intent;
  const k = context.k ?? DEFAULT_K;
  // "còn X thì sao" names its new topic X: it is searched afresh, never kept inside the last topic.
  const newTopic = ellipticalTopic(q) !== null && (context.history?.length ?? 0) > 0;
  const byCode = codeOnlyHits(context.kb, q, k);
  const found = newTopic
    ? { hits: await context.kb.search(frame.searchText, { k }), followUp: false }
    : ((await byCode) ??
      (await retrieve(context.kb, frame.searchText, q.split(/\s+/).length, intent, context.history, k)));
  const planOnly = asksPlansOnly(context.kb, frame);
  found.hits = await keepPlanQuestionsInPlans(context.kb, frame.searchText, planOnly, found, k);
  const followUp = found.followUp;
  const ranked = preferCaseSibling(
    frame.cases,
    preferNamedSibling(
      context.kb,
      focusOnTopDocument(found.hits, planOnly, (meta) => namesDocument(context.kb, meta, intent)),
      intent,
      frame.cases,
    ),
  );
  // The action and object the question names must be the chosen procedure's (siblings differ by the action).
  const routed = followUp
    ? { hits: ranked, check: null }
    : await routeByAction(
        context.kb,
        ranked,
        frame.searchText,
        frame.language === 'vi' ? frame.clauses : intent.folded,
        frame.cases,
        k,
        // An English question is read through the glossary: its Vietnamese words come in glossary order, not as pairs.
        frame.language === 'vi',
      );
  return { hits: routed.hits, followUp, check: routed.check };
}

/**
 * "ct07??", "mẫu CT07 xin ở đâu": a code held by exactly one sheet, with no other topic word, names that sheet
 * (search reads "ct" as "chỉ thị"); its hits are that sheet's, as a follow-up's are its topic's.
 */
async function codeOnlyHits(kb: KnowledgeBase, q: string, k: number): Promise<Found | null> {
  const named = await sheetNamedByCode(kb, q);
  if (!named || namesSomeProcedure(kb, readIntent(named.rest))) return null;
  const meta = kb.document(named.id);
  const hits = await kb.search(`${meta?.title ?? ''} ${named.rest}`.trim(), { k, filter: { documentIds: [named.id] } });
  return hits.length > 0 ? { hits, followUp: true } : null;
}

/** True when a word pair of the question (not a generic one) is in some procedure's names. */
export function namesSomeProcedure(kb: KnowledgeBase, intent: QuestionIntent): boolean {
  const { pairsOf } = nameSharing(kb);
  const pairs = bigrams(intent.topicText.split(' '));
  return [...pairsOf.values()].some((own) => [...pairs].some((p) => own.has(p) && !GENERIC_PAIRS.has(p)));
}
