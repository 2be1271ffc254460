/**
 * Scope and frame of a reply: the assistant covers Đồng Nai; a procedure sheet states national rules, so a
 * question about another province gets them with that said (fees are set per province, so not those); a plan
 * or guide is Đồng Nai's own and is not applied elsewhere. English questions get an English frame around the
 * quoted Vietnamese lines. Where to go is stated as it is since 01/7/2025 (no district level).
 */
import {
  ABBREVIATION_GROUPS,
  DOCUMENT_NUMBER,
  foldText,
  vietnameseShaped,
  type DocumentMeta,
  type KnowledgeBase,
} from '../knowledge/index.ts';
import { documentName } from './currency.ts';
import { viDate } from './dated-rules.ts';
import { corpusStats } from './evidence.ts';
import { FACETS } from './parts-facets.ts';
import { namedProcedure } from './named-procedure.ts';
import { readQuestion } from './query-text.ts';
import type { Composed } from './compose.ts';
import type { QuestionFrame } from './frame.ts';
import type { QuestionIntent } from './intent.ts';

export type Scope = 'in-scope' | 'national-rule' | 'refuse';

/** Whether a question about `frame.elsewhere` can be answered from `meta` (`nationalFee`: see {@link feeIsNational}). */
export function scopeOf(frame: QuestionFrame, meta: DocumentMeta, intent: QuestionIntent, nationalFee = false): Scope {
  // A merged province's own plan ("tỉnh Bình Phước cũ có kế hoạch…") is not Đồng Nai's plan, even though it is in Đồng Nai now.
  if (meta.type === 'plan' && frame.places.some((p) => p.kind === 'former-province')) return 'refuse';
  if (!frame.elsewhere) return 'in-scope';
  if (meta.type !== 'procedure') return 'refuse';
  // Fees and charges of procedures are mostly set by each province's council: Đồng Nai's do not carry over,
  // unless every fee line of the sheet rests on a Ministry of Finance circular (the same in every province).
  if ((intent.fields.includes('fee') || intent.wants === 'money') && !nationalFee) return 'refuse';
  return 'national-rule';
}

/**
 * True when a procedure's fee lines all rest on a Ministry of Finance circular ("Thông tư …/TT-BTC") and none
 * on a provincial council (HĐND): the fee is national, so it may be stated for another province, saying so.
 */
export function feeIsNational(kb: KnowledgeBase, meta: DocumentMeta): boolean {
  const fee = kb
    .chunksOf(meta.id)
    .filter((c) => c.field === 'fee')
    .map((c) => c.text)
    .join('\n');
  return /TT-BTC/.test(fee) && !/HĐND|Hội đồng nhân dân/.test(fee);
}

/** Fields only a procedure sheet states: papers to bring, steps, time limit ("kinh phí" of a plan reads as a fee). */
const HOW_TO_FIELDS = new Set(['documents', 'steps', 'timeLimit']);
/** Words that ask about a plan itself (its targets, duties, years), whatever field words come with them. */
const PLAN_ASKED =
  /(?:^| )(?:ke hoach|chi tieu|muc tieu|nhiem vu|ty le|phan tram|chuyen doi so|so hoa|dat bao nhieu|giao)(?= |$)/;

/**
 * True when a plan was found for a how-to question ("làm thẻ ngân hàng cần gì", "thủ tục thai sản như thế
 * nào"): a plan sets targets and duties, it states no papers, steps, fee or time limit for residents, so the
 * procedure asked about is one we hold no sheet for, however many of its words the plan uses.
 */
export function planAskedHowTo(frame: QuestionFrame, meta: DocumentMeta): boolean {
  if (meta.type !== 'plan' || frame.intent.wants === 'percent' || PLAN_ASKED.test(frame.intent.folded)) return false;
  return frame.intent.fields.some((f) => HOW_TO_FIELDS.has(f));
}

/**
 * A foreign term no source uses ("metaverse", "blockchain") asked of a plan or guide: the plan says nothing
 * about it, however many of the question's other words it has. Words shaped like Vietnamese syllables are left
 * out (a typo of a Vietnamese word is not a new topic), and so are English questions (the glossary reads them).
 */
/** Shorter unknown words are more often abbreviations ("thpt") or English asides ("plan") than a topic. */
const FOREIGN_TERM = 5;

export function unknownTermAskedOfPlan(kb: KnowledgeBase, frame: QuestionFrame, meta: DocumentMeta): string | null {
  if (meta.type === 'procedure' || frame.language !== 'vi') return null;
  const df = corpusStats(kb).df;
  return (
    frame.intent.topicTerms.find(
      (t) => t.length >= FOREIGN_TERM && !/\d/.test(t) && !vietnameseShaped(t) && !df.has(t),
    ) ?? null
  );
}

const COMMUNE_NOTE =
  'Từ 01/7/2025 không còn cấp huyện: việc này do UBND cấp xã hoặc Công an cấp xã (xã, phường) nơi bạn ở tiếp nhận.';
const COMMUNE_NOTE_EN =
  'Since 01/7/2025 there are no districts: the commune or ward (People’s Committee or police of the commune) handles this.';
/** When the reply already names the commune level, saying who took over from the districts is enough. */
const COMMUNE_NOTE_SHORT = 'Từ 01/7/2025 không còn cấp huyện: xã, phường nơi bạn ở tiếp nhận.';
const COMMUNE_NOTE_SHORT_EN = 'Since 01/7/2025 there are no districts: the commune or ward handles this.';

/** Adds the scope sentence, the commune note and the English frame to a composed draft, in place. */
export function frameDraft(composed: Composed, frame: QuestionFrame, meta: DocumentMeta): void {
  const draft = composed.draft;
  const english = frame.language === 'en';
  const place = frame.elsewhere;
  if (place && meta.type === 'procedure') {
    const where = place.nowIn !== place.name ? `${place.name} (nay thuộc ${place.nowIn})` : place.name;
    draft.lead = english
      ? `I cover Dong Nai; this procedure follows national rules, which also apply in ${place.name}. ${draft.lead}`
      : `Tôi hỗ trợ Đồng Nai; thủ tục này theo quy định chung cả nước, áp dụng cả ở ${where}. ${draft.lead}`;
    draft.notes.push(
      english
        ? 'For local details ask the commune there.'
        : 'Chi tiết tại địa phương, bạn hỏi UBND hoặc Công an cấp xã nơi đó.',
    );
    composed.notices.push(`scope: ${place.name} → national rule`);
  }
  const mentionsDistrict = frame.places.some((p) => p.kind === 'former-district');
  const asksWhere =
    composed.mode === 'procedure' &&
    (frame.intent.fields.includes('agency') || frame.intent.fields.includes('whereToFile'));
  const text = draft.facts.map((f) => f.text).join('\n');
  // A reply that sends the reader to cấp xã needs the note only for a reader who named an old district.
  const needed = mentionsDistrict ? /cấp xã|cấp huyện/.test(text) : asksWhere && /cấp huyện/.test(text);
  if (needed && !/01\/7\/2025/.test(text)) {
    const short = !/cấp huyện/.test(text);
    draft.notes.push(
      english ? (short ? COMMUNE_NOTE_SHORT_EN : COMMUNE_NOTE_EN) : short ? COMMUNE_NOTE_SHORT : COMMUNE_NOTE,
    );
  }
  const validity = frame.language === 'vi' ? planValidity(frame, meta, draft.sourceNotes?.[meta.id] ?? null) : null;
  if (validity) {
    draft.lead = validity;
    draft.leadFirst = true;
    composed.notices.push(`plan validity: ${meta.number ?? meta.id}`);
  }
  if (english) {
    draft.lead = englishLead(draft.lead, meta);
    draft.leadFirst = true;
  }
}

const VALIDITY_ASKED = FACETS.find((f) => f.facet === 'validity')?.asked ?? /$^/;

/**
 * "KH 53 giờ còn hiệu lực ko": a plan's validity is answered from its own metadata (the year it covers, and the
 * "hết hạn" its source line carries when it is over on the day asked), not from a passage that happens to say
 * "hiệu lực". A plan past its period is still quoted, as the reference for its own year's targets.
 */
export function planValidity(frame: QuestionFrame, meta: DocumentMeta, expired: string | null): string | null {
  const folded = ` ${frame.intent.folded} `;
  // The plan must be what is asked about ("KH 53 còn hiệu lực"), not a thing in it ("chữ ký số có giá trị …").
  if (meta.type !== 'plan' || !VALIDITY_ASKED.test(folded) || !/ ke hoach /.test(folded)) return null;
  const year = /năm (\d{4})\s*$/i.exec(meta.title)?.[1] ?? meta.issueDate?.slice(0, 4);
  // "Kế hoạch 53/KH-UBND (15/2/2024) là kế hoạch năm 2024": the year is said once.
  const issued = meta.issueDate ? ` (${viDate(meta.issueDate)})` : '';
  const name = `${documentName(meta).replace(/ năm \d{4}$/, '')}${issued}`;
  const period = year ? ` là kế hoạch năm ${year}` : '';
  if (expired) {
    const reference = year ? `chỉ dùng để tham khảo chỉ tiêu năm ${year}` : 'chỉ dùng để tham khảo';
    return `${name}${period}, ${expired}: nay không còn hiệu lực, ${reference}.`;
  }
  return meta.expiryDate ? `${name}${period}, còn hiệu lực đến ${viDate(meta.expiryDate)}.` : null;
}

function englishLead(lead: string, meta: DocumentMeta): string {
  // "quoted in Vietnamese" says once what a note after the quotes used to repeat.
  if (meta.type === 'procedure') return `From the procedure sheet "${meta.title}" (quoted in Vietnamese):`;
  const number = /\d+\/[A-ZĐ-]+(?:-[A-ZĐ]+)*/.exec(lead)?.[0];
  return number
    ? `From Dong Nai's plan ${number} (${meta.issueDate?.slice(0, 4) ?? ''}, quoted in Vietnamese):`.replace(
        ' (, ',
        ' (',
      )
    : `From ${meta.title} (quoted in Vietnamese):`;
}

const documentCache = new WeakMap<KnowledgeBase, { years: Set<number>; numbers: Set<string> }>();

/**
 * Years of the plans held and every document number ("13/2023") the documents cite. The numbers come from
 * the base catalogue (gathered once per index, not by reading every chunk here).
 */
export function holdings(kb: KnowledgeBase): { years: Set<number>; numbers: Set<string> } {
  const cached = documentCache.get(kb);
  if (cached) return cached;
  const years = new Set<number>();
  const numbers = new Set<string>();
  const catalogue = kb.catalogue();
  for (const meta of kb.documents()) {
    const year = /(20\d\d)\s*$/.exec(meta.title)?.[1] ?? meta.issueDate?.slice(0, 4);
    if (meta.type === 'plan' && year) years.add(Number(year));
    for (const n of catalogue.documents.get(meta.id)?.cites ?? []) numbers.add(n);
  }
  const value = { years, numbers };
  documentCache.set(kb, value);
  return value;
}

/** Words a year attaches to when it asks for another period's document ("chỉ tiêu 2025", "báo cáo năm 2023"). */
const PLAN_WORDS = /(?:^| )(?:ke hoach|chuyen doi so|chi tieu|bao cao|plan|digital transformation)(?= |$)/;
const DOCUMENT_NUMBERS = new RegExp(DOCUMENT_NUMBER.source, 'g');
/** Folded document kinds and their spelled-out words ("kh", "ke hoach", "nghi dinh"): knowledge's table. */
const DOCUMENT_KIND_WORDS = ABBREVIATION_GROUPS.filter((g) => g.name === 'document kinds').flatMap((g) =>
  Object.entries(g.entries).flatMap(([k, v]) => [k, ...v].map((x) => foldText(x))),
);

/**
 * Document numbers a question cites ("13/2023" of "nghị định 13/2023/NĐ-CP"). A month and year ("đầu tháng
 * 1/2027", "từ 7/2025") is when the person will act, not a document: a first part of 1–12 counts as a number
 * only after a document kind ("nghị định 07/2025") or before an issuer code ("07/2025/NĐ-CP"); the tail of a
 * full date ("15/02/2024") never does.
 */
export function citedNumbers(folded: string): string[] {
  const cited: string[] = [];
  for (const m of folded.matchAll(DOCUMENT_NUMBERS)) {
    const number = m[1] as string;
    const at = (m.index ?? 0) + m[0].length - number.length;
    const before = folded.slice(0, at);
    if (/\d\/$/.test(before)) continue;
    const first = Number(number.split('/')[0]);
    const kindBefore = DOCUMENT_KIND_WORDS.some((k) => new RegExp(`(?:^|[^a-z])${k}(?: so)? ?$`).test(before));
    const issuerAfter = /^\/[a-z]/.test(folded.slice(at + number.length));
    if (first >= 1 && first <= 12 && !kindBefore && !issuerAfter) continue;
    cited.push(number);
  }
  return cited;
}

/** The held plans' own numbers ("53" of 53/KH-UBND), by document. */
function heldPlanNumbers(kb: KnowledgeBase): Map<string, DocumentMeta> {
  const numbers = new Map<string, DocumentMeta>();
  for (const meta of kb.documents()) {
    const n = meta.type === 'plan' ? /^(\d+)\//.exec(meta.number ?? '')?.[1] : undefined;
    if (n) numbers.set(n, meta);
  }
  return numbers;
}

/**
 * The held plan a question names by its number ("KH 53", "kh53", "kế hoạch số 53", "53/KH-UBND"), or null. A
 * year beside it ("KH 53 … năm 2026 áp dụng được không") asks about that plan in that year, not another plan.
 */
export function namedHeldPlan(kb: KnowledgeBase, frame: QuestionFrame, question: string): DocumentMeta | null {
  const words = ` ${frame.intent.folded} ${readQuestion(question)} `;
  for (const [n, meta] of heldPlanNumbers(kb)) {
    if (new RegExp(` ke hoach (?:so )?${n} `).test(words) || new RegExp(`(?:^|[^\\d])${n}/kh`).test(foldText(question)))
      return meta;
  }
  return null;
}

/**
 * A plan year or a document number we do not hold ("kế hoạch chuyển đổi số năm 2025", "Nghị định 13/2023"):
 * refused naming what we hold, before any other document is stretched to answer it. A year only counts beside a
 * plan word: in a procedure question it is when the person acts ("năm 2026 có phải đóng thuế không").
 */
export function asksUnheldDocument(kb: KnowledgeBase, question: string, frame: QuestionFrame): boolean {
  const held = holdings(kb);
  const folded = foldText(question);
  // Shorthand spelled out: "chỉ tiêu cds năm 2025" names a plan year as "kế hoạch chuyển đổi số 2025" does.
  const words = ` ${readQuestion(question)} `;
  // "đến (năm) 2025" is a horizon a plan of 2024 can set; "năm 2025" asks that year's plan.
  const horizon = (y: number) => new RegExp(` den (?:nam )?${y} `).test(words);
  if (
    PLAN_WORDS.test(words) &&
    frame.years.length > 0 &&
    held.years.size > 0 &&
    frame.years.every((y) => !held.years.has(y) && !horizon(y)) &&
    namedHeldPlan(kb, frame, question) === null
  )
    return true;
  return citedNumbers(folded).some((n) => !held.numbers.has(n));
}

/** Words that only plans answer about ("kế hoạch", "chỉ tiêu", "nhiệm vụ"); English "plan" reads as "kế hoạch". */
export const PLAN_CUES = /(?:^| )(?:ke hoach|chi tieu|muc tieu|nhiem vu|ban chi dao|hoi dong tu van)(?= |$)/;

/**
 * True when only the plans can answer: the question names the plan or its targets and duties, or asks a share
 * ("bao nhiêu %") without naming a held procedure. A percent asked of a procedure the question names ("bảo hiểm
 * thất nghiệp được hưởng bao nhiêu % lương", "lệ phí trước bạ bao nhiêu phần trăm") is that sheet's.
 */
export function asksPlansOnly(kb: KnowledgeBase, frame: QuestionFrame): boolean {
  const intent = frame.intent;
  if (PLAN_CUES.test(intent.folded)) return true;
  if (intent.wants !== 'percent' || frame.language !== 'vi') return intent.wants === 'percent';
  // A percent of a fee or tax ("lệ phí trước bạ bao nhiêu phần trăm") is a sheet's rate; plans set targets.
  if (intent.fields.includes('fee')) return false;
  // A named procedure answers a percent only when its sheet states one ("60% lương"); a share of people
  // ("bao nhiêu % người có tài khoản định danh") is a plan target even though it names the account.
  const named = namedProcedure(kb, frame.clauses);
  return named === null || !kb.chunksOf(named.meta.id).some((c) => /\d\s*%/.test(c.text));
}
