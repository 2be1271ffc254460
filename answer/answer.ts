/**
 * answer(question, context): the one answer path for the CLI, the Zalo channels and the evaluation.
 * smalltalk → follow-up or search → evidence check → procedure sheet or passage composer → optional LLM → reply.
 */
import {
  toSearchResultJson,
  YES_NO_OPENER,
  type DocumentMeta,
  type KnowledgeBase,
  type SearchHit,
} from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { todayInVietnam } from './dated-rules.ts';
import { AnswerError } from './errors.ts';
import { evidenceFeatures, EVIDENCE_THRESHOLD, unmatchedProcedureWord } from './evidence.ts';
import { askingWords, readIntent, type QuestionIntent } from './intent.ts';
import { readQuestion } from './query-text.ts';
import { sheetNamedByCode } from './code-name.ts';
import { phraseTable } from './named-procedure.ts';
import { asksOwnApplication, OWN_APPLICATION_HINT } from './own-application.ts';
import { readFrame, type QuestionFrame } from './frame.ts';
import { answerYesNo, leadWithBestLine } from './best-line.ts';
import {
  asksPlansOnly,
  asksUnheldDocument,
  feeIsNational,
  frameDraft,
  planAskedHowTo,
  scopeOf,
  unknownTermAskedOfPlan,
} from './scope.ts';
import { routeByAction } from './procedure-match.ts';
import {
  CASE_PAIRS,
  focusOnTopDocument,
  GENERIC_PAIRS,
  keepPlanQuestionsInPlans,
  nameSharing,
  namesDocument,
  namesPlanSection,
  preferCaseSibling,
  preferNamedSibling,
} from './document-choice.ts';
import { answerParts, clauseAsks, sheetStatesPenalty } from './parts.ts';
import { holdBackRest } from './narrow.ts';
import { refusePrecisely } from './precise.ts';
import { ellipticalTopic, topicMentions, withCarriedAsk, withoutMode } from './follow-up.ts';
import { withStandInFields } from './field-stand-ins.ts';
import { withFeeReliefAsked } from './fee-relief.ts';
import { YES_NO } from './frame.ts';
import { composePassages, composeProcedure, type Composed } from './compose.ts';
import { tryGenerative } from './generative-path.ts';
import { refusalText, type RefusalReason } from './refusal.ts';
import { renderDraft } from './reply.ts';
import { detectSmalltalk, smalltalkReply } from './smalltalk.ts';
import { continueReply, isMoreRequest } from './more.ts';
import { choicesText, procedureChoices } from './which.ts';
import type { AnswerContext, AnswerResult, RetrievedChunk, Turn } from './types.ts';

/** Retrieved chunks when the context does not say. */
export const DEFAULT_K = 10;

/** Answers one question. Never throws for content reasons: weak evidence becomes a refusal. */
export async function answer(question: string, context: AnswerContext): Promise<AnswerResult> {
  const started = performance.now();
  const asOf = resolveAsOf(context);
  const q = question.normalize('NFC').trim();
  const done = (r: Omit<AnswerResult, 'latencyMs'>): AnswerResult => ({
    ...r,
    latencyMs: Math.round(performance.now() - started),
  });
  if (q.length === 0) return done(refusal('empty-question', [], null));
  // "xem thêm" continues the previous reply from where it stopped (the rest is kept in the turn, or replayed).
  if (isMoreRequest(q)) {
    const page = await continueReply(context.history, (question, history) => answer(question, { ...context, history }));
    return done({
      answer: page.text,
      refused: false,
      citations: page.citations,
      retrieved: [],
      topicDocumentId: page.topicDocumentId ?? lastTopic(context.history),
      mode: page.citations.length > 0 ? 'procedure' : 'smalltalk',
      notices: page.notices,
      more: page.more,
    });
  }
  const small = detectSmalltalk(q);
  if (small) {
    return done({
      answer: smalltalkReply(small),
      refused: false,
      citations: [],
      retrieved: [],
      topicDocumentId: lastTopic(context.history),
      mode: 'smalltalk',
      notices: [],
    });
  }
  // "còn xã hội số thì sao?" asks what the turn before asked, about a new topic.
  const frame = readFrame(withCarriedAsk(q, context.history));
  const intent = frame.intent;
  // "còn X thì sao" names its new topic X: it is searched afresh, never kept inside the last topic.
  const newTopic = ellipticalTopic(q) !== null && (context.history?.length ?? 0) > 0;
  const byCode = codeOnlyHits(context.kb, q, context.k ?? DEFAULT_K);
  const found = newTopic
    ? { hits: await context.kb.search(frame.searchText, { k: context.k ?? DEFAULT_K }), followUp: false }
    : ((await byCode) ?? (await retrieve(context.kb, frame.searchText, q.split(/\s+/).length, intent, context)));
  const planOnly = asksPlansOnly(context.kb, frame);
  found.hits = await keepPlanQuestionsInPlans(context.kb, frame.searchText, planOnly, found, context.k ?? DEFAULT_K);
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
        context.k ?? DEFAULT_K,
        // An English question is read through the glossary: its Vietnamese words come in glossary order, not as pairs.
        frame.language === 'vi',
      );
  const hits = routed.hits;
  const retrieved = hits.map(toRetrieved);
  const top = hits[0];
  const refuse = (reason: RefusalReason, topicId: string | null, notices: string[] = []) =>
    done(refusal(reason, retrieved, topicId, notices, frame));
  if (!top) return refuse('weak-evidence', null);
  if (asksOwnApplication(q)) {
    const r = refusal('weak-evidence', retrieved, null, ['own application'], frame);
    // The pointer replaces the "ask again shorter" hint: asking again would not help.
    const [first, , ...rest] = r.answer.split('\n');
    return done({ ...r, answer: [first, OWN_APPLICATION_HINT, ...rest].join('\n') });
  }
  if (asksUnheldDocument(context.kb, q, frame)) return refuse('other-document', null);
  if (routed.check?.verdict === 'unheld') return refuse('weak-evidence', null, [`not held: ${routed.check.why}`]);
  // A story's clauses that neither ask nor name a document (who the person is, where they work) are slots:
  // the evidence is the better of the whole question and its asking core.
  const core = coreIntent(context.kb, frame);
  const whole = evidenceFeatures(context.kb, intent, hits);
  const cored = core ? evidenceFeatures(context.kb, core, hits) : null;
  const evidence = cored && cored.score > whole.score ? cored : whole;
  const evidenceNotice = `evidence ${evidence.score}${followUp ? ' (follow-up)' : ''}`;
  const threshold = context.evidenceThreshold ?? EVIDENCE_THRESHOLD;
  // The procedure the question names decides: a story around "đăng ký tạm trú" (names, kin, errands) is
  // not missing evidence, so a named top procedure is answered whatever share of the story it covers.
  const named = top.document.type === 'procedure' && namesDocument(context.kb, top.document, intent, CASE_PAIRS);
  // Only a name no other procedure shares lifts the evidence line: in a corpus of hundreds, a pair like "giấy
  // phép" is in many names, and a question about an unheld procedure must not be answered from a neighbour.
  // A name said whole (its object, with a fitting action) is naming; a shared word pair is not.
  const namedUniquely = named && routed.check?.verdict === 'fits' && routed.check.said;
  if (!followUp && !namedUniquely && evidence.score < threshold) {
    // A question naming no procedure at all ("hồ sơ gồm những gì?") is asked back, not called missing.
    return refuse(
      intent.topicTerms.length === 0 && intent.fields.length > 0 ? 'which-procedure' : 'weak-evidence',
      null,
      [evidenceNotice],
    );
  }
  // The word that tells the sheet is not the one asked is looked for where the question asks or names, not in
  // the story around it ("Chào ad, em là Tuấn …": a greeting or a name is no object).
  const stray =
    !followUp && top.document.type === 'procedure' && !named
      ? unmatchedProcedureWord(context.kb, core ?? intent, top.document.id)
      : null;
  if (stray) return refuse('weak-evidence', null, [evidenceNotice, `not about this procedure: "${stray}"`]);
  // Two or three sibling procedures fit equally and the question says none of what tells them apart: ask which.
  const choices = followUp ? null : procedureChoices(hits, frame);
  if (choices) {
    return done({
      ...refusal(
        'which-procedure',
        retrieved,
        null,
        [evidenceNotice, `choices: ${choices.map((c) => c.id).join(', ')}`],
        frame,
      ),
      answer: choicesText(choices, frame.language),
    });
  }
  const scope = scopeOf(
    frame,
    top.document,
    intent,
    frame.elsewhere !== null && feeIsNational(context.kb, top.document),
  );
  if (scope === 'refuse') return refuse('other-place', null, [evidenceNotice]);
  if (!followUp && planAskedHowTo(frame, top.document))
    return refuse('weak-evidence', null, [evidenceNotice, 'how-to asked of a plan']);
  const unknown = followUp ? null : unknownTermAskedOfPlan(context.kb, frame, top.document);
  if (unknown) return refuse('weak-evidence', null, [evidenceNotice, `not in the sources: "${unknown}"`]);
  // Facts the chosen sheet does not confirm or state, and a paper pointed at but never named (precise.ts).
  const saysName = named || (routed.check?.verdict === 'fits' && routed.check.said);
  const input = { question: q, frame, meta: top.document, hits, asOf, followUp, named: saysName };
  const precise = refusePrecisely(context.kb, { ...input, history: context.history?.length ?? 0 });
  if (precise) return done({ ...precise, retrieved, notices: [...precise.notices, evidenceNotice] });
  const sheet = top.document.type === 'procedure' ? context.kb.chunksOf(top.document.id) : [];
  // A fine the sheet states ("không đăng ký bị phạt 2.000.000–3.000.000 đồng") is a part like any other.
  const penaltyStated = intent.asksPenalty && sheetStatesPenalty(sheet, asOf, intent.wants === 'money');
  // A sheet the question names by a phrase, by a name pair no other sheet shares, or that the conversation is
  // about is the one asked: a field it lacks is said to be missing beside what it does say, not refused.
  const held =
    (routed.check?.verdict === 'fits' && routed.check.byPhrase === true) ||
    followUp ||
    (top.document.type === 'procedure' && namesDocument(context.kb, top.document, intent, CASE_PAIRS, true));
  const composed =
    top.document.type === 'procedure'
      ? composeProcedure(
          context.kb,
          top.document,
          withStandInFields(
            withFeeReliefAsked(penaltyStated ? { ...intent, asksPenalty: false } : intent, frame.yesNo),
            sheet,
          ),
          asOf,
          frame.ages,
          hits,
          held,
        )
      : composePassages(context.kb, intent, hits, asOf);
  if ('refuse' in composed) return refuse(composed.refuse, composed.topicDocumentId, [evidenceNotice]);
  composed.notices.push(evidenceNotice);
  if (composed.mode === 'procedure') {
    leadWithBestLine(composed.draft, frame);
    const added = answerParts(composed.draft, top.document, sheet, frame, asOf);
    if (added > 0) composed.notices.push(`parts answered from lines: ${added}`);
    if (!YES_NO_OPENER.test(composed.draft.facts[0]?.text ?? '')) answerYesNo(composed.draft, frame);
    holdBackRest(composed.draft, frame);
  }
  frameDraft(composed, frame, top.document);
  // Procedure sheets hold dated variants a model could mix up; the sheet composer states the rule in force.
  const generated =
    context.generator && composed.mode === 'extractive' ? await tryGenerative(context.generator, q, hits, asOf) : null;
  if (generated && 'text' in generated) {
    return done({
      answer: generated.text,
      refused: false,
      citations: generated.citations,
      retrieved,
      topicDocumentId: composed.topicDocumentId,
      mode: 'generative',
      notices: composed.notices,
    });
  }
  return done(render(composed, retrieved, generated ? [generated.fallback] : []));
}

function render(
  composed: Composed,
  retrieved: RetrievedChunk[],
  extraNotices: string[],
): Omit<AnswerResult, 'latencyMs'> {
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

/**
 * Follow-ups keep their topic. A question that asks a field but names no topic ("còn lệ phí thì sao?")
 * continues the last turn's document; so does a short question whose best match is another document it does
 * not name ("bao lâu thì có giấy" must not switch to a sheet that merely says "giấy"). A short question that
 * lands in the same document is a follow-up too (its evidence is the conversation). Anything naming another
 * document starts afresh.
 */
async function retrieve(
  kb: KnowledgeBase,
  q: string,
  typedWords: number,
  intent: QuestionIntent,
  context: AnswerContext,
): Promise<{ hits: SearchHit[]; followUp: boolean }> {
  const k = context.k ?? DEFAULT_K;
  const topicId = lastTopic(context.history);
  const topic = topicId ? kb.document(topicId) : undefined;
  const within = async () =>
    kb.search(`${topic?.type === 'procedure' ? topic.title : ''} ${q}`.trim(), {
      k,
      filter: { documentIds: [topic?.id as string] },
    });
  if (topic && intent.topicTerms.length === 0 && intent.fields.length > 0) {
    const hits = await within();
    if (hits.length > 0) return { hits, followUp: true };
  }
  const hits = await kb.search(q, { k });
  const newTop = hits[0]?.document;
  if (!topic || !newTop) return { hits, followUp: false };
  // "có cần giấy xác nhận độc thân không" names another sheet, but the topic's sheet says whether it is
  // needed: the topic holds however long the question is.
  const mentioned =
    topic.type === 'procedure' &&
    newTop.id !== topic.id &&
    topicMentions(
      intent,
      kb.chunksOf(topic.id).map((c) => c.text),
      topic.title,
      YES_NO.test(intent.folded),
    );
  if (mentioned) {
    const kept = await within();
    if (kept.length > 0) return { hits: kept, followUp: true };
  }
  // "làm luôn bảo hiểm y tế với nhập hộ khẩu cho bé được không" after a birth registration: the birth sheet
  // names both procedures itself (it bundles them), so the question asks about the topic however long it is.
  if (topic.type === 'procedure' && newTop.id !== topic.id && namesBundle(kb, topic.id, intent.folded)) {
    const kept = await within();
    if (kept.length > 0) return { hits: kept, followUp: true };
  }
  if (typedWords > FOLLOW_UP_WORDS) return { hits, followUp: false };
  if (newTop.id === topic.id) return { hits: hits.filter((h) => h.document.id === topic.id), followUp: true };
  if (
    namesAnother(kb, newTop, withoutMode(intent)) &&
    !mentioned &&
    !(topic.type === 'plan' && namesPlanSection(kb, topic, intent))
  )
    return { hits, followUp: false };
  const kept = await within();
  return kept.length > 0 ? { hits: kept, followUp: true } : { hits, followUp: false };
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

/**
 * "ct07??", "mẫu CT07 xin ở đâu": a code held by exactly one sheet, with no other topic word, names that sheet
 * (search reads "ct" as "chỉ thị"); its hits are that sheet's, as a follow-up's are its topic's.
 */
async function codeOnlyHits(
  kb: KnowledgeBase,
  q: string,
  k: number,
): Promise<{ hits: SearchHit[]; followUp: boolean } | null> {
  const named = await sheetNamedByCode(kb, q);
  if (!named || namesSomeProcedure(kb, readIntent(named.rest))) return null;
  const meta = kb.document(named.id);
  const hits = await kb.search(`${meta?.title ?? ''} ${named.rest}`.trim(), { k, filter: { documentIds: [named.id] } });
  return hits.length > 0 ? { hits, followUp: true } : null;
}

/**
 * Whether a short question after a topic names `meta` as its new topic. A case pair ("người nước ngoài", which
 * "from Korea" reads as) names no procedure; nor does reaching a sheet named for the field asked ("Nộp hồ sơ và
 * thanh toán phí, lệ phí" for "do I have to pay a fee for that?"): the follow-up asks that field of its topic.
 */
function namesAnother(kb: KnowledgeBase, meta: DocumentMeta, intent: QuestionIntent): boolean {
  const asked = new Set(askingWords(intent.folded).flatMap((w) => [...bigrams(w.split(' '))]));
  const title = bigrams(readQuestion(meta.title).split(' '));
  if ([...title].some((p) => asked.has(p))) return false;
  return namesDocument(kb, meta, intent, CASE_PAIRS);
}

/** True when the question names two or more other procedures whose names the topic's sheet itself uses. */
function namesBundle(kb: KnowledgeBase, topicId: string, folded: string): boolean {
  const { phrasesOf } = phraseTable(kb);
  const sheet = ` ${kb
    .chunksOf(topicId)
    .map((c) => readQuestion(c.text))
    .join(' | ')} `;
  const asked = ` ${folded} `;
  let named = 0;
  for (const [id, phrases] of phrasesOf) {
    if (id === topicId) continue;
    if (phrases.some((p) => asked.includes(p)) && phrases.some((p) => sheet.includes(p))) named++;
  }
  return named >= 2;
}

/** True when a word pair of the question (not a generic one) is in some procedure's names. */
function namesSomeProcedure(kb: KnowledgeBase, intent: QuestionIntent): boolean {
  const { pairsOf } = nameSharing(kb);
  const pairs = bigrams(intent.topicText.split(' '));
  return [...pairsOf.values()].some((own) => [...pairs].some((p) => own.has(p) && !GENERIC_PAIRS.has(p)));
}

/** A follow-up is short; a longer question is read on its own. */
const FOLLOW_UP_WORDS = 9;

function lastTopic(history: readonly Turn[] | undefined): string | null {
  if (!history) return null;
  for (let i = history.length - 1; i >= 0; i--) {
    const id = history[i]?.topicDocumentId;
    if (id) return id;
  }
  return null;
}

function resolveAsOf(context: AnswerContext): string {
  if (context.asOf === undefined) return todayInVietnam(context.clock ?? (() => new Date()));
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(context.asOf) && !Number.isNaN(Date.parse(`${context.asOf}T00:00:00Z`));
  if (!ok || new Date(`${context.asOf}T00:00:00Z`).toISOString().slice(0, 10) !== context.asOf) {
    throw new AnswerError('E_AS_OF_INVALID', `got "${context.asOf}"`);
  }
  return context.asOf;
}

function refusal(
  reason: RefusalReason,
  retrieved: RetrievedChunk[],
  topicDocumentId: string | null,
  notices: string[] = [],
  frame?: QuestionFrame,
): Omit<AnswerResult, 'latencyMs'> {
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

/** The stable JSON shape of a retrieved chunk: the same as `npm run search -- --json` prints. */
export const toRetrieved: (hit: SearchHit) => RetrievedChunk = toSearchResultJson;
