/**
 * answer(question, context): the one answer path for the CLI, the Zalo channels and the evaluation.
 * smalltalk → follow-up or search → evidence check → procedure sheet or passage composer → optional LLM → reply.
 */
import {
  catalogueOtherNames,
  toSearchResultJson,
  type DocumentMeta,
  type KnowledgeBase,
  type SearchHit,
} from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { readQuestion } from './query-text.ts';
import { todayInVietnam } from './dated-rules.ts';
import { AnswerError } from './errors.ts';
import { evidenceFeatures, EVIDENCE_THRESHOLD, unmatchedProcedureWord } from './evidence.ts';
import { readIntent, type QuestionIntent } from './intent.ts';
import { readFrame, type QuestionCase, type QuestionFrame } from './frame.ts';
import { answerYesNo, leadWithBestLine } from './best-line.ts';
import {
  asksPlansOnly,
  asksUnheldDocument,
  feeIsNational,
  frameDraft,
  PLAN_CUES,
  planAskedHowTo,
  scopeOf,
  unknownTermAskedOfPlan,
} from './scope.ts';
import { routeByAction } from './procedure-match.ts';
import { answerParts, clauseAsks, sheetStatesPenalty } from './parts.ts';
import { holdBackRest } from './narrow.ts';
import { ellipticalTopic, topicMentions, withCarriedAsk } from './follow-up.ts';
import { YES_NO } from './frame.ts';
import { composePassages, composeProcedure, type Composed } from './compose.ts';
import { tryGenerative } from './generative-path.ts';
import { DOCUMENTS_PER_STEP, runSteps } from './table-steps.ts';
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
  const found = newTopic
    ? { hits: await context.kb.search(frame.searchText, { k: context.k ?? DEFAULT_K }), followUp: false }
    : await retrieve(context.kb, frame.searchText, q.split(/\s+/).length, intent, context);
  const planOnly = asksPlansOnly(context.kb, frame);
  found.hits = await keepPlanQuestionsInPlans(context.kb, frame.searchText, planOnly, found, context.k ?? DEFAULT_K);
  const followUp = found.followUp;
  const ranked = preferCaseSibling(
    frame.cases,
    preferNamedSibling(
      context.kb,
      focusOnTopDocument(found.hits, planOnly, (meta) => namesDocument(context.kb, meta, intent)),
      intent,
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
  const stray =
    !followUp && top.document.type === 'procedure' && !named
      ? unmatchedProcedureWord(context.kb, intent, top.document.id)
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
  const sheet = top.document.type === 'procedure' ? context.kb.chunksOf(top.document.id) : [];
  // A fine the sheet states ("không đăng ký bị phạt 2.000.000–3.000.000 đồng") is a part like any other.
  const penaltyStated = intent.asksPenalty && sheetStatesPenalty(sheet, asOf, intent.wants === 'money');
  const composed =
    top.document.type === 'procedure'
      ? composeProcedure(
          context.kb,
          top.document,
          penaltyStated ? { ...intent, asksPenalty: false } : intent,
          asOf,
          frame.ages,
          hits,
          routed.check?.verdict === 'fits' && routed.check.byPhrase === true,
        )
      : composePassages(context.kb, intent, hits, asOf);
  if ('refuse' in composed) return refuse(composed.refuse, composed.topicDocumentId, [evidenceNotice]);
  composed.notices.push(evidenceNotice);
  if (composed.mode === 'procedure') {
    leadWithBestLine(composed.draft, frame);
    const added = answerParts(composed.draft, top.document, sheet, frame, asOf);
    if (added > 0) composed.notices.push(`parts answered from lines: ${added}`);
    if (!/^(?:Có|Không|Được|Chưa)\. /.test(composed.draft.facts[0]?.text ?? '')) answerYesNo(composed.draft, frame);
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
  if (typedWords > FOLLOW_UP_WORDS) return { hits, followUp: false };
  if (newTop.id === topic.id) return { hits: hits.filter((h) => h.document.id === topic.id), followUp: true };
  if (
    namesDocument(kb, newTop, intent) &&
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
  const { pairsOf } = nameSharing(kb);
  const named = (c: string) => {
    const pairs = bigrams(readIntent(c).topicText.split(' '));
    return [...pairsOf.values()].some((own) => [...pairs].some((p) => own.has(p) && !GENERIC_PAIRS.has(p)));
  };
  const core = clauses.filter((c) => clauseAsks(c) || named(c));
  if (core.length === 0 || core.length === clauses.length) return null;
  return readIntent(core.join(' . '));
}

/** True when the question says a word pair of one of the plan's headings ("xã hội số", "Sở Y tế"). */
function namesPlanSection(kb: KnowledgeBase, plan: DocumentMeta, intent: QuestionIntent): boolean {
  const headings = new Set(kb.chunksOf(plan.id).map((c) => c.sectionPath.at(-1) ?? ''));
  const own = bigrams([...headings].flatMap((h) => ['|', ...readQuestion(h).split(' ')]));
  return [...bigrams(intent.folded.split(' '))].some((p) => own.has(p) && !p.startsWith('so ') && p !== 'ke hoach');
}

/** The names of a procedure: its title and every "Tên gọi khác" of its overview, as folded word lists. */
function namesOf(kb: KnowledgeBase, meta: DocumentMeta): string[][] {
  // From the catalogue: this runs for every hit of every question, and reading the chunks inflated them each time.
  const other = catalogueOtherNames(kb.catalogue(), meta.id) ?? '';
  return [meta.title, ...other.split(/[;,]/)]
    .map((n) =>
      readQuestion(n)
        .split(' ')
        .filter((w) => w.length > 0),
    )
    .filter((n) => n.length > 0);
}

/** Share of the best-matching name's words that the question has (1 = the question says the whole name). */
function nameCover(kb: KnowledgeBase, meta: DocumentMeta, intent: QuestionIntent): number {
  const words = new Set(intent.folded.split(' '));
  return Math.max(0, ...namesOf(kb, meta).map((n) => n.filter((w) => words.has(w)).length / n.length));
}

/** A sibling must say this much more of its name than the top procedure to be put first. */
const SIBLING_MARGIN = 0.2;

/**
 * Sibling procedures share most words ("Đăng ký khai sinh" / "… có yếu tố nước ngoài, quá hạn"; "Đổi giấy
 * phép lái xe" / "Cấp lại … bị mất"). Among the procedures in the first hits, the one whose name the question
 * says most fully comes first: the extra words of a sibling's name (its action, its case) must be asked.
 */
export function preferNamedSibling(kb: KnowledgeBase, hits: readonly SearchHit[], intent: QuestionIntent): SearchHit[] {
  const top = hits[0];
  if (!top || top.document.type !== 'procedure') return [...hits];
  const topCover = nameCover(kb, top.document, intent);
  let best: { id: string; cover: number } | null = null;
  for (const h of hits.slice(0, TOPIC_WINDOW)) {
    if (h.document.type !== 'procedure' || h.document.id === top.document.id) continue;
    const cover = nameCover(kb, h.document, intent);
    if (cover >= topCover + SIBLING_MARGIN && (!best || cover > best.cover)) best = { id: h.document.id, cover };
  }
  if (!best) return [...hits];
  const id = best.id;
  return [...hits.filter((h) => h.document.id === id), ...hits.filter((h) => h.document.id !== id)];
}

/** Words in a procedure's name that say it is the variant for a case ("… bị mất", "… có yếu tố nước ngoài"). */
const CASE_NAMES: Partial<Record<QuestionCase, RegExp>> = {
  lost: /(?:^| )(?:bi mat|mat ban chinh|khi mat)(?= |$)/,
  foreigner: /(?:^| )(?:nuoc ngoai)(?= |$)/,
  late: /(?:^| )(?:qua han)(?= |$)/,
};

/**
 * The case decides among siblings: a lost card is the re-issue, a foreign parent the foreign-element sheet.
 * When the top procedure's name does not carry the case and another procedure in the first hits does, that
 * one comes first.
 */
export function preferCaseSibling(cases: readonly QuestionCase[], hits: readonly SearchHit[]): SearchHit[] {
  const top = hits[0];
  if (!top || top.document.type !== 'procedure') return [...hits];
  const carries = (meta: DocumentMeta) => cases.some((c) => CASE_NAMES[c]?.test(readQuestion(meta.title)) ?? false);
  if (carries(top.document)) return [...hits];
  // A sibling shares a word pair of the top's name ("giấy phép lái xe"); another procedure with the case is not one.
  const pairs = (meta: DocumentMeta) => bigrams(readQuestion(meta.title).split(' '));
  const own = pairs(top.document);
  const sibling = hits
    .slice(0, TOPIC_WINDOW)
    .find(
      (h) =>
        h.document.type === 'procedure' &&
        h.document.id !== top.document.id &&
        carries(h.document) &&
        [...pairs(h.document)].some((p) => own.has(p) && !GENERIC_PAIRS.has(p)),
    );
  if (!sibling) return [...hits];
  const id = sibling.document.id;
  return [...hits.filter((h) => h.document.id === id), ...hits.filter((h) => h.document.id !== id)];
}

/** Word pairs in many procedure names: saying one names no procedure ("đăng ký thẻ thư viện" is not a sheet). */
const GENERIC_PAIRS = new Set([
  'dang ky',
  'thu tuc',
  'giay to',
  'ho so',
  'truc tuyen',
  'le phi',
  'cap lai',
  'cap doi',
  'giay chung',
  'chung nhan',
]);

/** Word pairs that name a case of many procedures ("người nước ngoài"), not which procedure is asked about. */
const CASE_PAIRS = new Set(['nuoc ngoai', 'nguoi nuoc', 'qua han', 'tre em', 'truc tuyen', 'cap xa', 'cong an']);

/** A follow-up is short; a longer question is read on its own. */
const FOLLOW_UP_WORDS = 9;

/** True when the question names the document: a word pair of its title or of its other names. */
function namesDocument(
  kb: KnowledgeBase,
  meta: DocumentMeta,
  intent: QuestionIntent,
  alsoGeneric: ReadonlySet<string> = new Set(),
  uniquely = false,
): boolean {
  if (meta.type === 'plan' && PLAN_CUES.test(intent.folded)) return true;
  const shared = nameSharing(kb);
  const own = shared.pairsOf.get(meta.id) ?? new Set<string>();
  // With `uniquely`, a pair in the names of several procedures ("giấy phép", "hộ tịch" in a corpus of hundreds)
  // names none of them: at scale, sharing the object is not naming the procedure.
  return [...bigrams(intent.topicText.split(' '))].some(
    (p) =>
      own.has(p) &&
      !GENERIC_PAIRS.has(p) &&
      !alsoGeneric.has(p) &&
      (!uniquely || (shared.count.get(p) ?? 0) <= MAX_NAME_SHARING),
  );
}

/** A name pair found in more procedures than this is too common to name one. */
const MAX_NAME_SHARING = 2;

interface NameSharing {
  pairsOf: Map<string, Set<string>>;
  count: Map<string, number>;
}
const nameSharingByBase = new WeakMap<object, NameSharing>();

function nameSharing(kb: KnowledgeBase): NameSharing {
  return nameSharingByBase.get(kb) ?? runSteps(buildNameSharing(kb));
}

/**
 * Word pairs of every document's title and other names, and in how many procedures each pair occurs (per
 * loaded base, from its catalogue), in steps (see table-steps.ts).
 */
export function* buildNameSharing(kb: KnowledgeBase): Generator<void, NameSharing> {
  const pairsOf = new Map<string, Set<string>>();
  const count = new Map<string, number>();
  const catalogue = kb.catalogue();
  for (const meta of kb.documents()) {
    if (pairsOf.size % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
    const names = `${meta.title}\n${catalogue.documents.get(meta.id)?.otherNamesLine ?? ''}`;
    const own = bigrams(readQuestion(names).split(' '));
    pairsOf.set(meta.id, own);
    // Plans and guides are named by their titles too, but only procedures count towards sharing.
    if (meta.type === 'procedure') for (const p of own) count.set(p, (count.get(p) ?? 0) + 1);
  }
  const built = { pairsOf, count };
  nameSharingByBase.set(kb, built);
  return built;
}

/**
 * Targets, shares and duties are only in plans: when the first hits of such a question are all procedure
 * sheets (a big corpus has many that say "tỷ lệ", "điện tử"), the plans' best hits are put first.
 */
async function keepPlanQuestionsInPlans(
  kb: KnowledgeBase,
  q: string,
  planOnly: boolean,
  found: { hits: SearchHit[]; followUp: boolean },
  k: number,
): Promise<SearchHit[]> {
  if (found.followUp || !planOnly || found.hits.slice(0, TOPIC_WINDOW).some((h) => h.document.type === 'plan'))
    return found.hits;
  const plans = kb
    .documents()
    .filter((m) => m.type === 'plan')
    .map((m) => m.id);
  if (plans.length === 0) return found.hits;
  const planHits = await kb.search(q, { k, filter: { documentIds: plans } });
  return [...planHits, ...found.hits.filter((h) => !planHits.some((p) => p.chunk.id === h.chunk.id))].slice(0, k);
}

/** Hits counted per document when choosing the topic: a sheet matched in three fields beats a guide matched once. */
const TOPIC_WINDOW = 5;

/**
 * Puts the hits of the document that gathers the most score among the first TOPIC_WINDOW hits first (stable
 * otherwise). A generic guide section can outrank one field of the sheet the question is about.
 */
export function focusOnTopDocument(
  hits: readonly SearchHit[],
  planOnly: boolean,
  named: (meta: DocumentMeta) => boolean = () => false,
): SearchHit[] {
  // A procedure the question names by its name or another of its names ("đăng ký thường trú") comes first,
  // however much score a guide gathers on the field words ("phí", "bao lâu").
  // Targets, shares and duties ("tỷ lệ … bao nhiêu %", "chỉ tiêu", "nhiệm vụ của sở") live in plans, never in sheets.
  const namedHit = planOnly
    ? undefined
    : hits.slice(0, TOPIC_WINDOW).find((h) => h.document.type === 'procedure' && named(h.document));
  if (namedHit && !(hits[0]?.document.type === 'procedure' && named(hits[0].document))) {
    const id = namedHit.document.id;
    return [...hits.filter((h) => h.document.id === id), ...hits.filter((h) => h.document.id !== id)];
  }
  const totals = new Map<string, number>();
  const pool =
    planOnly && hits.some((h) => h.document.type === 'plan') ? hits.filter((h) => h.document.type === 'plan') : hits;
  for (const h of pool.slice(0, TOPIC_WINDOW)) totals.set(h.document.id, (totals.get(h.document.id) ?? 0) + h.score);
  let best: string | null = null;
  for (const [id, total] of totals) if (best === null || total > (totals.get(best) as number)) best = id;
  if (best === null || hits[0]?.document.id === best) return [...hits];
  return [...hits.filter((h) => h.document.id === best), ...hits.filter((h) => h.document.id !== best)];
}

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
