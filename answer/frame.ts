/**
 * The question frame: one reading of a question into what the rest of the answer path needs — its language,
 * its intent (fields, figure, topic words), the case the person is in, and the slots that are not the topic
 * (places, ages, years, family and story words). Slots are cut from the words that search and the evidence
 * check weigh, so a long personal story does not push a covered question under the refusal line.
 */
import {
  ABBREVIATION_GROUPS,
  findPlaces,
  foldText,
  isInDongNai,
  mentionedTerms,
  STORY_PHRASES,
  type PlaceMention,
  type ProcedureField,
} from '../knowledge/index.ts';
import { looksEnglish, readIntent, type QuestionIntent } from './intent.ts';
import { FACETS, genderOf } from './parts-facets.ts';
import { readQuestion, spellOutAgencies } from './query-text.ts';

/** The situation a question describes; it picks a procedure's variant, never another procedure. */
export type QuestionCase = 'first' | 'lost' | 'exchange' | 'correction' | 'late' | 'online' | 'child' | 'foreigner';

export interface QuestionFrame {
  language: 'vi' | 'en';
  /** The intent of the question without its slots. */
  intent: QuestionIntent;
  cases: QuestionCase[];
  /** Yes/no or "can I" question ("có mất tiền không", "được không"). */
  yesNo: boolean;
  places: PlaceMention[];
  /** A place outside Đồng Nai named without Đồng Nai: the scope the question is about. */
  elsewhere: PlaceMention | null;
  ages: number[];
  /** The sex of the person asked about, from kinship words: it picks "nam …"/"nữ …" rules. */
  gender: 'nam' | 'nu' | null;
  years: number[];
  /** The question with slots cut out (as typed otherwise), plus spelled-out agency names: what search gets. */
  searchText: string;
  /** The slot-free question folded like `intent.folded`, with " | " where a sentence or clause ends. */
  clauses: string;
}

const CASE_CUES: ReadonlyArray<{ case: QuestionCase; cue: RegExp }> = [
  { case: 'first', cue: /(?:^| )(?:lan dau|moi lam|chua co|cap moi)(?= |$)/ },
  {
    case: 'lost',
    cue: /(?:^| )(?:bi mat|mat the|lam mat|danh mat|mat ban chinh|that lac|cap lai|lam lai|bi hong|hu hong)(?= |$)/,
  },
  { case: 'exchange', cue: /(?:^| )(?:cap doi|doi the|doi cccd|doi sang|doi can cuoc|het han|gia han)(?= |$)/ },
  {
    case: 'correction',
    cue: /(?:^| )(?:sai ten|sai thong tin|cai chinh|dieu chinh|sua ten|sua thong tin|thay doi thong tin)(?= |$)/,
  },
  {
    case: 'late',
    // Unaccented "muon" is mostly "muốn" (want) before a verb ("muon lam", "muon dang ky"): late only elsewhere.
    // "chưa làm khai sinh" after months is late too ("sinh 4 tháng rồi chưa làm").
    cue: /(?:^| )(?:qua han|tre han|muon(?! (?:lam|dang|xin|hoi|biet|di|nop|doi|cap|chuyen|tach|nhap|sang|ket|khai|mua|ban|mo|thue|tra|nhan|bao|them|gia|sua|huy|xac|lay|tim|rut|ky|ho|duoc|cai|dieu|bo|huy))|de lau|chua dang ky|chua lam|chua di lam)(?= |$)/,
  },
  { case: 'online', cue: /(?:^| )(?:online|truc tuyen|qua mang|vneid|dich vu cong)(?= |$)/ },
  { case: 'child', cue: /(?:^| )(?:tre em|con nho|be|duoi 14 tuoi|duoi 6 tuoi|con toi|con minh)(?= |$)/ },
  { case: 'foreigner', cue: /(?:^| )(?:nguoi nuoc ngoai|quoc tich nuoc ngoai|viet kieu|nuoc ngoai)(?= |$)/ },
];

/** The cases a folded text describes (a whole question, or one part of it). */
export function casesIn(folded: string): QuestionCase[] {
  return CASE_CUES.filter((c) => c.cue.test(folded)).map((c) => c.case);
}

/** English words for the cases (a lost card, a late registration; a nationality is knowledge's gazetteer's). */
const ENGLISH_CASES: ReadonlyArray<{ case: QuestionCase; cue: RegExp }> = [
  { case: 'lost', cue: /(?:^| )(?:lost|stolen|replace|replacement)(?= |$)/ },
  { case: 'late', cue: /(?:^| )(?:late|overdue)(?= |$)/ },
];

/** The cases an English question describes (its folded words). */
function englishCases(folded: string): QuestionCase[] {
  return ENGLISH_CASES.filter((c) => c.cue.test(folded)).map((c) => c.case);
}

/** Folded yes/no and "can I" endings. */
export const YES_NO =
  /(?:^| )(?:co (?:[a-z]+ ){0,6}(?:khong|ko|k|hok|hong)|duoc (?:khong|ko|k)|dc (?:khong|ko|k)|co phai|phai khong|duoc khong|duoc chua|co can|can phai)(?: |$)/;

/** Raw words of a question with their folded forms (one to one, so slots can be cut from the typed text). */
function words(question: string): Array<{ raw: string; folded: string }> {
  return question
    .normalize('NFC')
    .split(/[^\p{L}\p{N}%&./-]+/u)
    .map((raw) => raw.replace(/^[./-]+|[./-]+$/g, ''))
    .filter((raw) => raw.length > 0)
    .flatMap(splitDocumentKind)
    .map((raw) => ({ raw, folded: foldText(raw) }));
}

/** knowledge's document kinds, folded ("kh", "qd", "nd"): typed onto the number in chat ("kh53", "qđ749"). */
const DOCUMENT_KINDS = new Set(
  ABBREVIATION_GROUPS.filter((g) => g.name === 'document kinds').flatMap((g) => Object.keys(g.entries).map(foldText)),
);

/** "kh53" → "kh", "53": a document kind run into its number reads as the two words it stands for. */
function splitDocumentKind(raw: string): string[] {
  const m = /^(\p{L}{1,4})(\d{1,4})$/u.exec(raw);
  return m && DOCUMENT_KINDS.has(foldText(m[1] as string)) ? [m[1] as string, m[2] as string] : [raw];
}

/** Indexes of words that belong to a story phrase ("ông nội", "bệnh viện") or an age ("15 tuổi"). */
function storyWords(folded: readonly string[]): Set<number> {
  const cut = new Set<number>();
  const phrases = STORY_PHRASES.map((p) => p.split(' '));
  for (let i = 0; i < folded.length; i++) {
    for (const p of phrases) {
      if (p.every((w, j) => folded[i + j] === w)) p.forEach((_, j) => cut.add(i + j));
    }
    // "số cccd của tôi là 0791…", "sdt em 0912…": the person's own ID or phone number is a detail about them,
    // not the topic, so the words naming it are cut with the number.
    if (/^\d{9,12}$/.test(folded[i] as string)) {
      cut.add(i);
      for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
        cut.add(j);
        if (folded[j] === 'so' || folded[j] === 'sdt') break;
        if (j === Math.max(0, i - 6)) for (let k = j; k < i; k++) cut.delete(k);
      }
    }
    if (
      /^\d{1,3}$/.test(folded[i] as string) &&
      (folded[i + 1] === 'tuoi' || (folded[i + 1] === 'thang' && folded[i + 2] === 'tuoi'))
    ) {
      cut.add(i);
      cut.add(i + 1);
      if (folded[i + 1] === 'thang') cut.add(i + 2);
    }
  }
  return cut;
}

/** Words after which a run of capitalised words is a name: of a person ("tôi là Lâm", "anh Kim") or a workplace. */
const NAME_CUES = /^(?:ten|la|anh|chi|ong|ba|co|chu|vien|ty|truong|hoc|kcn|xuong|nghiep)$/;

/**
 * Indexes of proper names in a story ("Tôi là Lâm", "quen anh Kim", "bệnh viện Thống Nhất", "KCN Amata"):
 * a run of capitalised words right after a name cue, not at a sentence start. They are slots, like places.
 */
function properNames(ws: ReadonlyArray<{ raw: string; folded: string }>): number[] {
  const out: number[] = [];
  for (let i = 1; i < ws.length; i++) {
    if (!NAME_CUES.test(ws[i - 1]?.folded ?? '')) continue;
    for (let j = i; j < ws.length && /^\p{Lu}/u.test(ws[j]?.raw ?? '') && !/^\p{Lu}{2,}$/u.test(ws[j]?.raw ?? ''); j++)
      out.push(j);
  }
  return out;
}

/** Person nouns that start a "for whom" phrase after "cho". */
const PERSONS = new Set([
  'nguoi',
  'con',
  'be',
  'chau',
  'vo',
  'chong',
  'me',
  'bo',
  'khach',
  'nhan',
  'cong',
  'sinh',
  'hoc',
]);
/** Words that end a "for whom" phrase: the question goes on with what is asked. */
const PHRASE_END = new Set(
  'can giay ho thi phai co duoc o tai nop lam mat het bao la khong ko gi nao va con hay dau the nhu tren qua bang de khi neu vi ma online vneid'.split(
    ' ',
  ),
);

/**
 * Indexes of a "for whom" phrase: "cho" + a person noun and up to four more words ("cho người thuê phòng
 * trọ"), not a case that picks a procedure ("cho người nước ngoài").
 */
function beneficiary(folded: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < folded.length; i++) {
    if (folded[i] !== 'cho' || !PERSONS.has(folded[i + 1] as string)) continue;
    let j = i + 2;
    while (j < folded.length && j < i + 6 && !PHRASE_END.has(folded[j] as string) && !/^\d/.test(folded[j] as string))
      j++;
    const phrase = folded.slice(i, j).join(' ');
    if (/nuoc ngoai|quoc tich/.test(phrase)) continue;
    // "cho" stays: it ends the object ("giấy ủy quyền | cho …"); only whom it is for goes.
    for (let k = i + 1; k < j; k++) out.add(k);
  }
  return out;
}

/** For each word of `words(question)`, the index of the clause it is in (clauses end at . ? ! ; , and new lines). */
function clauseIndexes(question: string, count: number): number[] {
  const out: number[] = [];
  question
    .normalize('NFC')
    .split(/[.?!;,\n]+(?:\s|$)/)
    .forEach((clause, c) => words(clause).forEach(() => out.push(c)));
  // Abbreviations with dots ("T.P") can split words differently: fall back to one clause.
  return out.length === count ? out : new Array<number>(count).fill(0);
}

/** Verbs of going somewhere: "lên Biên Hòa", "về quê", "ra Long Khánh". */
const TRIP_VERBS = new Set(['len', 'ra', 'xuong', 've', 'qua', 'sang', 'toi', 'den']);
/** Verbs of filing or getting a paper, before "ở/tại" + a place: "làm lại ở Long Khánh", "nộp hồ sơ tại Trảng Bom". */
const FILING_VERBS = new Set(['lam', 'nop', 'xin', 'ky', 'lai', 'doi', 'cap', 'thuc', 'y', 'dang']);
/** How many words before "ở/tại" a filing verb may stand ("nộp hồ sơ thủ tục ở …"). */
const FILING_REACH = 4;

/**
 * True when a clause asks whether the person may file at a place or must travel to one: "làm lại ở Long Khánh
 * được không hay phải lên Biên Hòa", "nộp tại Trảng Bom được không", "có phải về Bình Long làm không". A place
 * told in a story ("tôi ở Biên Hòa", "đi làm dưới Biên Hòa") asks nothing; the clause must ask (yes/no or "hay").
 */
export function asksAtPlace(
  folded: readonly string[],
  places: readonly PlaceMention[],
  clauseOf: readonly number[],
): boolean {
  return places.some((p) => {
    const clause = folded.filter((_, i) => clauseOf[i] === clauseOf[p.start]).join(' ');
    const asks = YES_NO.test(clause) || / (?:hay|hoac) /.test(` ${clause} `);
    if (!asks) return false;
    // "về quê Xuân Lộc", "lên tận Biên Hòa": the trip verb stands one word further.
    const skip = /^(?:que|tan|lai)$/.test(folded[p.start - 1] ?? '') ? 1 : 0;
    const before = folded[p.start - 1 - skip] ?? '';
    if (TRIP_VERBS.has(before)) return true;
    if (before !== 'o' && before !== 'tai') return false;
    for (let i = p.start - 2; i >= Math.max(0, p.start - 1 - FILING_REACH); i--) {
      if (clauseOf[i] !== clauseOf[p.start]) return false;
      if (FILING_VERBS.has(folded[i] as string)) return true;
    }
    return false;
  });
}

/**
 * "xin được … không", "có tự làm được không", "có thể đăng ký …": a clause asking whether the person may apply.
 * A delivery or a mode asked the same way ("gửi về nhà được không") is not who may.
 */
const MAY_VI =
  /(?:^| )(?:xin|lam|dang ky|nop|yeu cau|huong|cap) (?:\S+ ){0,1}(?:duoc|duoc phep)(?: \S+){0,6} (?:khong|ko|chua)$|(?:^| )co the (?:tu )?(?:xin|lam|dang ky|nop|yeu cau|huong)(?= )/;
/** "Can a foreigner get …", "may I apply …", "am I allowed to …", "is he eligible …". */
const MAY_EN = /^\s*(?:can|could|may)\s+(?!you\b)|\b(?:allowed|eligible|permitted)\b/i;

/**
 * True when one clause asks whether the person may do it (asking no field, nor a facet such as "lấy liền") and
 * another clause asks fields: "can a foreigner … get a criminal record certificate here? how long does it take".
 * The may-part is the sheet's conditions (who may), so it is asked as that field beside the others: each part
 * gets its answer, and a part the sheet does not confirm no longer stands for the whole question.
 */
export function asksMayBesideFields(clauses: readonly string[], english: boolean): boolean {
  let may = false;
  let fields = false;
  for (const clause of clauses) {
    if (clause.trim().length === 0) continue;
    const asked = readIntent(clause).fields.length > 0;
    const facet = FACETS.some((f) => f.asked.test(readQuestion(clause)));
    if (asked) fields = true;
    else if (!facet && (english ? MAY_EN.test(clause) : MAY_VI.test(clause))) may = true;
  }
  return may && fields;
}

/** The intent with where to file asked (first, as the field cues order it). */
function withWhereAsked(intent: QuestionIntent): QuestionIntent {
  const where: ProcedureField[] = ['agency', 'whereToFile'];
  return { ...intent, fields: [...where, ...intent.fields.filter((f) => !where.includes(f))] };
}

/** Reads a question into its frame. */
export function readFrame(question: string): QuestionFrame {
  const ws = words(question);
  const folded = ws.map((w) => w.folded);
  const english = looksEnglish(question);
  const found = findPlaces(folded, { typed: ws.map((w) => w.raw), english });
  const places = found.filter((p) => p.kind !== 'foreign');
  // "chồng em người Hàn", "ông xã Hàn Quốc", "I am Japanese": a nationality is the foreign-element case.
  const foreign = found.filter((p) => p.kind === 'foreign');
  const cut = storyWords(folded);
  for (const i of properNames(ws)) cut.add(i);
  // A question asking whether the plan mentions a place keeps the place as its topic.
  if (mentionedTerms(readQuestion(question)).length === 0)
    for (const p of places) for (let i = p.start; i < p.end; i++) cut.add(i);
  // The country reads as what it means for a procedure, in place: "người Hàn" → "người nước ngoài", "sinh ở Hàn
  // Quốc" → "sinh ở nước ngoài", so search, the names and the evidence meet the foreign-element sheets' words.
  const shown = ws.map((w) => w.raw);
  for (const p of english ? [] : foreign) {
    for (let i = p.start; i < p.end; i++) shown[i] = '';
    shown[p.start] = 'nước ngoài';
    cut.delete(p.start);
  }
  const kept = shown.filter((w, i) => !cut.has(i) && w.length > 0);
  const clauseOf = clauseIndexes(question, ws.length);
  // "tạm trú cho người thuê phòng trọ": whom it is for is not the procedure's object (search still sees it).
  const forWhom = beneficiary(folded);
  const clauses = [...new Set(clauseOf)]
    .map((c) =>
      readQuestion(
        shown.filter((w, i) => !cut.has(i) && !forWhom.has(i) && clauseOf[i] === c && w.length > 0).join(' '),
      ),
    )
    .filter((c) => c.length > 0)
    .join(' | ');
  // An English question keeps its words: the glossary reads them; places still count for scope. A nationality is
  // read as "foreigner" too ("I'm Thai" → the glossary's "người nước ngoài").
  const foreignWord = foreign.length > 0 && !foreign.some((p) => p.name.startsWith('foreign'));
  const slotFree = english ? `${question}${foreignWord ? ' foreigner' : ''}` : kept.join(' ');
  const read = readIntent(slotFree.trim().length > 0 ? slotFree : question);
  // The place is cut from the intent's text, so whether it is asked as where to file is read here.
  const located = !english && asksAtPlace(folded, places, clauseOf) ? withWhereAsked(read) : read;
  const intent = asksMayBesideFields(english ? question.split(/[?!.;\n]+/) : clauses.split(' | '), english)
    ? { ...located, fields: [...located.fields.filter((f) => f !== 'conditions'), 'conditions' as const] }
    : located;
  const ages = ws.flatMap((w, i) => (/^\d{1,3}$/.test(w.folded) && folded[i + 1] === 'tuoi' ? [Number(w.folded)] : []));
  const years = folded.filter((w) => /^(?:19|20)\d\d$/.test(w)).map(Number);
  const whole = readQuestion(question);
  // Typed with its accents, "muốn" (want) is never "muộn" (late); folding makes them one word.
  const caseText = readQuestion(ws.map((w) => (w.raw.toLowerCase() === 'muốn' ? 'mong' : w.raw)).join(' '));
  const cases = english ? [...new Set([...casesIn(caseText), ...englishCases(whole)])] : casesIn(caseText);
  if (foreign.length > 0 && !cases.includes('foreigner')) cases.push('foreigner');
  const dongNai = places.some(isInDongNai);
  const elsewhere = dongNai ? null : (places.find((p) => !isInDongNai(p)) ?? null);
  const agencyText = spellOutAgencies(foldText(question));
  const agencies = agencyText === foldText(question) ? '' : ` ${agencyText}`;
  return {
    language: english ? 'en' : 'vi',
    intent,
    cases,
    yesNo: YES_NO.test(whole),
    places,
    elsewhere,
    ages,
    gender: genderOf(whole),
    years,
    searchText: `${slotFree}${agencies}`.trim() || question,
    clauses,
  };
}
