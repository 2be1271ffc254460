/**
 * Whether the hits are evidence enough to answer. The share of the question's topic words they hold
 * (evidence.ts, the better of the whole question and its asking core) must reach the threshold unless the
 * question names the top procedure; and no word of what the question asks may tell the top sheet is another.
 */
import type { KnowledgeBase, SearchHit } from '../knowledge/index.ts';
import { CASE_PAIRS, namesDocument } from './document-choice.ts';
import { evidenceFeatures, unmatchedProcedureWord } from './evidence.ts';
import { namesSomeProcedure } from './find-hits.ts';
import type { QuestionFrame } from './frame.ts';
import { readIntent, type QuestionIntent } from './intent.ts';
import { clauseAsks } from './parts.ts';
import type { ProcedureCheck } from './procedure-match.ts';
import type { RefusalReason } from './refusal.ts';

/** A refusal with its notices, or the evidence notice and whether the question names the top procedure. */
export type EvidenceVerdict = { refuse: RefusalReason; notices: string[] } | { notice: string; named: boolean };

/** Weighs the hits (`hits[0]` is `top`) as evidence for the question; `check` is the procedure check. */
export function weighEvidence(
  kb: KnowledgeBase,
  frame: QuestionFrame,
  top: SearchHit,
  hits: readonly SearchHit[],
  followUp: boolean,
  check: ProcedureCheck | null,
  threshold: number,
): EvidenceVerdict {
  const intent = frame.intent;
  // A story's clauses that neither ask nor name a document (who the person is, where they work) are slots:
  // the evidence is the better of the whole question and its asking core.
  const core = coreIntent(kb, frame);
  const whole = evidenceFeatures(kb, intent, hits);
  const cored = core ? evidenceFeatures(kb, core, hits) : null;
  const evidence = cored && cored.score > whole.score ? cored : whole;
  const evidenceNotice = `evidence ${evidence.score}${followUp ? ' (follow-up)' : ''}`;
  // The procedure the question names decides: a story around "đăng ký tạm trú" (names, kin, errands) is
  // not missing evidence, so a named top procedure is answered whatever share of the story it covers.
  const named = top.document.type === 'procedure' && namesDocument(kb, top.document, intent, CASE_PAIRS);
  // Only a name no other procedure shares lifts the evidence line: in a corpus of hundreds, a pair like "giấy
  // phép" is in many names, and a question about an unheld procedure must not be answered from a neighbour.
  // A name said whole (its object, with a fitting action) is naming; a shared word pair is not.
  const namedUniquely = named && check?.verdict === 'fits' && check.said;
  if (!followUp && !namedUniquely && evidence.score < threshold) {
    // A question naming no procedure at all ("hồ sơ gồm những gì?") is asked back, not called missing.
    return {
      refuse: intent.topicTerms.length === 0 && intent.fields.length > 0 ? 'which-procedure' : 'weak-evidence',
      notices: [evidenceNotice],
    };
  }
  // The word that tells the sheet is not the one asked is looked for where the question asks or names, not in
  // the story around it ("Chào ad, em là Tuấn …": a greeting or a name is no object).
  const stray =
    !followUp && top.document.type === 'procedure' && !named
      ? unmatchedProcedureWord(kb, core ?? intent, top.document.id)
      : null;
  if (stray) return { refuse: 'weak-evidence', notices: [evidenceNotice, `not about this procedure: "${stray}"`] };
  return { notice: evidenceNotice, named };
}

/**
 * The clauses of a story that ask something or name a document, read as one question; null when every
 * clause does (or the question is one clause, or English).
 */
function coreIntent(kb: KnowledgeBase, frame: QuestionFrame): QuestionIntent | null {
  if (frame.language !== 'vi') return null;
  const clauses = frame.clauses.split(' | ').filter((c) => c.length > 0);
  if (clauses.length < 2) return null;
  const core = clauses.filter((c) => clauseAsks(c) || namesSomeProcedure(kb, readIntent(c)));
  if (core.length === 0 || core.length === clauses.length) return null;
  return readIntent(core.join(' . '));
}
