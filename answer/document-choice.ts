/**
 * Which document a question is about, among the first hits: the procedure it names, the sibling whose case or
 * name it says, the plan for plan-only asks, and the document that gathers the most score.
 */
import { catalogueOtherNames, type DocumentMeta, type KnowledgeBase, type SearchHit } from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { readQuestion } from './query-text.ts';
import type { QuestionIntent } from './intent.ts';
import type { QuestionCase } from './frame.ts';
import { PLAN_CUES } from './scope.ts';
import {
  nameParts,
  preferCaseFit,
  preferLongerName,
  preferPlainSibling,
  saysNameWord,
  siblingsOf,
} from './sibling-choice.ts';
import { DOCUMENTS_PER_STEP, runSteps } from './table-steps.ts';
import { withEverydayNames } from './everyday-names.ts';

/** True when the question says a word pair of one of the plan's headings ("xã hội số", "Sở Y tế"). */
export function namesPlanSection(kb: KnowledgeBase, plan: DocumentMeta, intent: QuestionIntent): boolean {
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
 * says most fully comes first: the extra words of a sibling's name (its action, its case) must be asked. When
 * the question says their names equally, the plain form comes first; then the case decides (sibling-choice.ts).
 * `cases`: the frame's (default: read from the intent's words).
 */
export function preferNamedSibling(
  kb: KnowledgeBase,
  hits: readonly SearchHit[],
  intent: QuestionIntent,
  cases?: readonly QuestionCase[],
): SearchHit[] {
  const top = hits[0];
  if (!top || top.document.type !== 'procedure') return [...hits];
  const topCover = nameCover(kb, top.document, intent);
  let best: { id: string; cover: number } | null = null;
  for (const meta of siblingsOf(hits)) {
    // Only a sibling the question names by a word of its names, not only by a case ("người nước ngoài").
    if (!saysNameWord(nameParts(kb, meta), intent.folded)) continue;
    const cover = nameCover(kb, meta, intent);
    if (cover >= topCover + SIBLING_MARGIN && (!best || cover > best.cover)) best = { id: meta.id, cover };
  }
  const id = best?.id;
  const named = id
    ? [...hits.filter((h) => h.document.id === id), ...hits.filter((h) => h.document.id !== id)]
    : preferLongerName(kb, preferPlainSibling(kb, hits, intent), intent, (meta) => nameCover(kb, meta, intent));
  return preferCaseFit(kb, named, intent, cases);
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
  // Past the top's own hits: the topic step may have put all of them first.
  const sibling = siblingsOf(hits).find(
    (meta) => carries(meta) && [...pairs(meta)].some((p) => own.has(p) && !GENERIC_PAIRS.has(p)),
  );
  if (!sibling) return [...hits];
  const id = sibling.id;
  return [...hits.filter((h) => h.document.id === id), ...hits.filter((h) => h.document.id !== id)];
}

/** Word pairs in many procedure names: saying one names no procedure ("đăng ký thẻ thư viện" is not a sheet). */
export const GENERIC_PAIRS = new Set([
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
export const CASE_PAIRS = new Set(['nuoc ngoai', 'nguoi nuoc', 'qua han', 'tre em', 'truc tuyen', 'cap xa', 'cong an']);

/** True when the question names the document: a word pair of its title or of its other names. */
export function namesDocument(
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
  // "hai đứa tính cưới" says the marriage registration's name in everyday words (everyday-names.ts).
  return [...bigrams(withEverydayNames(kb, intent.topicText).split(' '))].some(
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

export function nameSharing(kb: KnowledgeBase): NameSharing {
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
export async function keepPlanQuestionsInPlans(
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
