/**
 * The extractive draft: a procedure sheet's composer (the question's intent widened by a fine the sheet states,
 * fields read through stand-ins, fee relief) or the passage composer for plans and guides; then the finishing
 * steps of a procedure draft, in order (best line first, parts from sheet lines, yes/no word, rest held back).
 */
import {
  YES_NO_OPENER,
  type Chunk,
  type DocumentMeta,
  type KnowledgeBase,
  type SearchHit,
} from '../knowledge/index.ts';
import { answerYesNo, leadWithBestLine } from './best-line.ts';
import { composePassages, composeProcedure, type ComposeOutcome, type Composed } from './compose.ts';
import { CASE_PAIRS, namesDocument } from './document-choice.ts';
import { withFeeReliefAsked } from './fee-relief.ts';
import { withStandInFields } from './field-stand-ins.ts';
import type { QuestionFrame } from './frame.ts';
import type { QuestionIntent } from './intent.ts';
import { holdBackRest } from './narrow.ts';
import { answerParts, sheetStatesPenalty } from './parts.ts';
import type { ProcedureCheck } from './procedure-match.ts';

/**
 * A sheet the question names by a phrase, by a name pair no other sheet shares, or that the conversation is
 * about is the one asked: a field it lacks is said to be missing beside what it does say, not refused.
 */
export function isAskedSheet(
  kb: KnowledgeBase,
  meta: DocumentMeta,
  intent: QuestionIntent,
  check: ProcedureCheck | null,
  followUp: boolean,
): boolean {
  return (
    (check?.verdict === 'fits' && check.byPhrase === true) ||
    followUp ||
    (meta.type === 'procedure' && namesDocument(kb, meta, intent, CASE_PAIRS, true))
  );
}

/** Composes the answer from `meta` (the top document; `sheet` is its chunks when it is a procedure sheet). */
export function composeDraft(
  kb: KnowledgeBase,
  meta: DocumentMeta,
  frame: QuestionFrame,
  hits: readonly SearchHit[],
  sheet: readonly Chunk[],
  asOf: string,
  held: boolean,
): ComposeOutcome {
  const intent = frame.intent;
  if (meta.type !== 'procedure') return composePassages(kb, intent, hits, asOf);
  // A fine the sheet states ("không đăng ký bị phạt 2.000.000–3.000.000 đồng") is a part like any other.
  const penaltyStated = intent.asksPenalty && sheetStatesPenalty(sheet, asOf, intent.wants === 'money');
  return composeProcedure(
    kb,
    meta,
    withStandInFields(
      withFeeReliefAsked(penaltyStated ? { ...intent, asksPenalty: false } : intent, frame.yesNo),
      sheet,
    ),
    asOf,
    frame.ages,
    hits,
    held,
  );
}

/** A procedure draft's finishing steps: the best line leads, parts come from sheet lines, a yes/no word, the rest waits. */
export function finishProcedureDraft(
  composed: Composed,
  meta: DocumentMeta,
  sheet: readonly Chunk[],
  frame: QuestionFrame,
  asOf: string,
): void {
  leadWithBestLine(composed.draft, frame);
  const added = answerParts(composed.draft, meta, sheet, frame, asOf);
  if (added > 0) composed.notices.push(`parts answered from lines: ${added}`);
  if (!YES_NO_OPENER.test(composed.draft.facts[0]?.text ?? '')) answerYesNo(composed.draft, frame);
  holdBackRest(composed.draft, frame);
}
