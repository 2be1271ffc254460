/**
 * answer(question, context): the one answer path for the CLI, the Zalo channels and the evaluation, step by step:
 * "xem thêm" and smalltalk → read the question → find the hits (follow-up or search) → refusals that need no
 * evidence → evidence check → which procedure? → scope and plan checks → precise refusals → compose the
 * procedure sheet or passages → optional LLM → reply.
 */
import { answerFromLines } from './answering-line.ts';
import { AnswerError } from './errors.ts';
import { todayInVietnam } from './dated-rules.ts';
import { composeDraft, finishProcedureDraft, isAskedSheet } from './draft.ts';
import { EVIDENCE_THRESHOLD } from './evidence.ts';
import { weighEvidence } from './evidence-gate.ts';
import { findHits } from './find-hits.ts';
import { withCarriedAsk } from './follow-up.ts';
import { readFrame } from './frame.ts';
import { tryGenerative } from './generative-path.ts';
import { continueReply, isMoreRequest } from './more.ts';
import { asksOwnApplication, refuseOwnApplication } from './own-application.ts';
import { refusePrecisely } from './precise.ts';
import { unheldTopicText, type RefusalReason } from './refusal.ts';
import { generatedResult, pageResult, refusal, render, smalltalkResult, toRetrieved, type Result } from './results.ts';
import {
  asksUnheldDocument,
  feeIsNational,
  frameDraft,
  planAskedHowTo,
  scopeOf,
  unknownTermAskedOfPlan,
} from './scope.ts';
import { detectSmalltalk } from './smalltalk.ts';
import type { AnswerContext, AnswerResult } from './types.ts';
import { unheldTopic } from './unheld-topic.ts';
import { choicesText, procedureChoices } from './which.ts';

/** Answers one question. Never throws for content reasons: weak evidence becomes a refusal. */
export async function answer(question: string, context: AnswerContext): Promise<AnswerResult> {
  const started = performance.now();
  const asOf = resolveAsOf(context);
  const q = question.normalize('NFC').trim();
  const done = (r: Result): AnswerResult => ({ ...r, latencyMs: Math.round(performance.now() - started) });
  if (q.length === 0) return done(refusal('empty-question', [], null));
  // "xem thêm" continues the previous reply from where it stopped (the rest is kept in the turn, or replayed).
  if (isMoreRequest(q)) {
    const page = await continueReply(context.history, (question, history) => answer(question, { ...context, history }));
    return done(pageResult(page, context.history));
  }
  const small = detectSmalltalk(q);
  if (small) return done(smalltalkResult(small, context.history));

  // "còn xã hội số thì sao?" asks what the turn before asked, about a new topic.
  const frame = readFrame(withCarriedAsk(q, context.history));
  const intent = frame.intent;
  const { hits, followUp, check } = await findHits(q, frame, context);
  const retrieved = hits.map(toRetrieved);
  const top = hits[0];
  const refuse = (reason: RefusalReason, topicId: string | null, notices: string[] = []) =>
    done(refusal(reason, retrieved, topicId, notices, frame));

  // Refusals that need no evidence: nothing found, one person's application, a document or procedure not held.
  if (!top) return refuse('weak-evidence', null);
  if (asksOwnApplication(q)) return done(refuseOwnApplication(retrieved, frame));
  if (asksUnheldDocument(context.kb, q, frame)) return refuse('other-document', null);
  if (check?.verdict === 'unheld') return refuse('weak-evidence', null, [`not held: ${check.why}`]);
  // A procedure people ask about that no source holds ("nhận con nuôi", "work permit"), though a held sheet shares words.
  const unheld = followUp ? null : unheldTopic(context.kb, q, frame, top.document);
  if (unheld) {
    const r = refusal('weak-evidence', retrieved, null, [`not held: "${unheld.phrase}"`], frame);
    return done({ ...r, answer: unheldTopicText(unheld.name, frame.language) });
  }

  const evidence = weighEvidence(
    context.kb,
    frame,
    top,
    hits,
    followUp,
    check,
    context.evidenceThreshold ?? EVIDENCE_THRESHOLD,
  );
  if ('refuse' in evidence) return refuse(evidence.refuse, null, evidence.notices);
  const evidenceNotice = evidence.notice;
  // Two or three sibling procedures fit equally and the question says none of what tells them apart: ask which.
  const choices = followUp ? null : procedureChoices(hits, frame);
  if (choices) {
    const notices = [evidenceNotice, `choices: ${choices.map((c) => c.id).join(', ')}`];
    return done({
      ...refusal('which-procedure', retrieved, null, notices, frame),
      answer: choicesText(choices, frame.language),
    });
  }
  const nationalFee = frame.elsewhere !== null && feeIsNational(context.kb, top.document);
  if (scopeOf(frame, top.document, intent, nationalFee) === 'refuse')
    return refuse('other-place', null, [evidenceNotice]);
  if (!followUp && planAskedHowTo(frame, top.document))
    return refuse('weak-evidence', null, [evidenceNotice, 'how-to asked of a plan']);
  const unknown = followUp ? null : unknownTermAskedOfPlan(context.kb, frame, top.document);
  if (unknown) return refuse('weak-evidence', null, [evidenceNotice, `not in the sources: "${unknown}"`]);
  // Facts the chosen sheet does not confirm or state, and a paper pointed at but never named (precise.ts).
  const saysName = evidence.named || (check?.verdict === 'fits' && check.said);
  const input = { question: q, frame, meta: top.document, hits, asOf, followUp, named: saysName };
  const precise = refusePrecisely(context.kb, { ...input, history: context.history?.length ?? 0 });
  if (precise) return done({ ...precise, retrieved, notices: [...precise.notices, evidenceNotice] });

  const sheet = top.document.type === 'procedure' ? context.kb.chunksOf(top.document.id) : [];
  const held = isAskedSheet(context.kb, top.document, intent, check, followUp);
  const drafted = composeDraft(context.kb, top.document, frame, hits, sheet, asOf, held);
  // The line that answers, in the sheet or a guide retrieved beside it, leads (answering-line.ts). Only under a
  // sheet: a long guide on top (a law, a handbook) is answered from the sections search ranked, which the legal
  // article set measures (eval/README.md: 67.9% of gold articles cited with it, 73.2% without).
  const composed =
    followUp || top.document.type !== 'procedure' ? drafted : answerFromLines(context.kb, intent, hits, asOf, drafted);
  if ('refuse' in composed) return refuse(composed.refuse, composed.topicDocumentId, [evidenceNotice]);
  composed.notices.push(evidenceNotice);
  if (composed.mode === 'procedure') finishProcedureDraft(composed, top.document, sheet, frame, asOf);
  frameDraft(composed, frame, context.kb.document(composed.topicDocumentId) ?? top.document);
  // Procedure sheets hold dated variants a model could mix up; the sheet composer states the rule in force.
  const generated =
    context.generator && composed.mode === 'extractive' ? await tryGenerative(context.generator, q, hits, asOf) : null;
  if (generated && 'text' in generated) return done(generatedResult(generated, composed, retrieved));
  return done(render(composed, retrieved, generated ? [generated.fallback] : []));
}

/** The day rules are read as in force: `context.asOf` (checked), or today in Vietnam by `context.clock`. */
function resolveAsOf(context: AnswerContext): string {
  if (context.asOf === undefined) return todayInVietnam(context.clock ?? (() => new Date()));
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(context.asOf) && !Number.isNaN(Date.parse(`${context.asOf}T00:00:00Z`));
  if (!ok || new Date(`${context.asOf}T00:00:00Z`).toISOString().slice(0, 10) !== context.asOf) {
    throw new AnswerError('E_AS_OF_INVALID', `got "${context.asOf}"`);
  }
  return context.asOf;
}
