/**
 * Section pointing: "mục II.2.2", "phần V", "điểm 7.12", "Điều 4", "khoản 2 Điều 4", "chương II" in a question
 * name a section by its number, not by its words. Both sides reduce to the same keys ("ii.2.2", "v", "7.12",
 * "dieu.4", "dieu.4.2", "chuong.ii"): a heading path yields every key it answers to, a question the keys it
 * asks for. The analyser indexes a chunk's keys as `§key` terms and adds the question's as exact-match terms,
 * so a pointed section ranks first; the answer layer quotes it whole (see pointsAtSection).
 */
import { ABBREVIATION_GROUPS } from './abbreviations.ts';
import { foldText } from './normalise.ts';

/** Prefix of section-key terms: no word or number starts with it, so they never meet ordinary terms. */
export const SECTION_TERM_PREFIX = '§';

interface Label {
  key: string;
  /** A roman section, part, chapter or article: numbered headings below it are also named through it. */
  anchor: boolean;
}

// Heading numbering, as ingest/structure.ts recognises it (matched on the printed heading, case kept).
const HEADING_LABELS: ReadonlyArray<{ re: RegExp; key: (m: RegExpExecArray) => string; anchor: boolean }> = [
  { re: /^(?:PHẦN|Phần)\s+([IVXLC]+|\d+)(?=[\s.:]|$)/u, key: (m) => m[1]!.toLowerCase(), anchor: true },
  { re: /^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d+)(?=[\s.:]|$)/u, key: (m) => `chuong.${m[1]!.toLowerCase()}`, anchor: true },
  { re: /^(?:MỤC|Mục)\s+([IVXLC]+)(?=[\s.:]|$)/u, key: (m) => m[1]!.toLowerCase(), anchor: true },
  { re: /^(?:MỤC|Mục)\s+(\d+)(?=[\s.:]|$)/u, key: (m) => m[1]!, anchor: false },
  { re: /^([IVXLC]+)\.(?=\s|$)/u, key: (m) => m[1]!.toLowerCase(), anchor: true },
  { re: /^(?:Điều|ĐIỀU)\s+(\d+[a-zđ]?)\s*[.:]/u, key: (m) => `dieu.${foldText(m[1]!)}`, anchor: true },
  { re: /^(\d+(?:\.\d+)*)\.?\s/u, key: (m) => m[1]!, anchor: false },
];

function labelOf(heading: string): Label | null {
  const text = heading.trim();
  for (const h of HEADING_LABELS) {
    const m = h.re.exec(text);
    if (m) return { key: h.key(m), anchor: h.anchor };
  }
  return null;
}

/**
 * Every key a heading path answers to: each heading's own number, and each numbered heading through the
 * roman section, part or article above it (["II. MỤC TIÊU", "2. …", "2.2. Chính quyền số"] → ii, 2, 2.2,
 * ii.2, ii.2.2).
 */
export function sectionKeysOfPath(headings: readonly string[]): string[] {
  const keys = new Set<string>();
  const anchors: string[] = [];
  for (const heading of headings) {
    const label = labelOf(heading);
    if (!label) continue;
    keys.add(label.key);
    if (label.anchor) anchors.push(label.key);
    else for (const a of anchors) keys.add(`${a}.${label.key}`);
  }
  return [...keys];
}

// After a section word: a roman number or a number, then more parts joined by "." (or by a space once the
// question has been folded to words: "muc ii 2 2"). A spaced part has at most two digits, so "mục 2 2024" is "2".
const PARTS = String.raw`((?:[ivxl]+|\d+)(?:\.\d+|\s\d{1,2}(?![\d.]))*)`;
const POINTER = new RegExp(String.raw`(?:^|[^a-z0-9])(tieu muc|muc|phan|diem|chuong)\s+${PARTS}(?![a-z0-9])`, 'g');
const ARTICLE = /(?:^|[^a-z0-9])dieu\s+(\d+[a-z]?)(?![a-z0-9])/g;
const POINT = /(?:^|[^a-z0-9])diem\s+([a-z])(?![a-z0-9])/g;
const CLAUSE = /(?:^|[^a-z0-9])khoan\s+(\d+)(?![\d.,]*\s*(?:trieu|nghin|ngan|dong|d\b|%))(?![a-z0-9])/g;

/**
 * The section keys a question points at, raw or already folded ("mục II.2.2" and "muc ii 2 2" both give
 * "ii.2.2"). "khoản N" counts only with an article ("khoản 2 Điều 4"): alone it is as often an amount.
 */
export function sectionKeysInQuestion(question: string): string[] {
  const text = foldText(question).toLowerCase();
  const keys = new Set<string>();
  for (const m of text.matchAll(POINTER)) {
    const chain = m[2]!.replace(/\s+/g, '.');
    keys.add(m[1] === 'chuong' ? `chuong.${chain}` : chain);
  }
  const articles = [...text.matchAll(ARTICLE)].map((m) => `dieu.${m[1]}`);
  articles.forEach((a) => keys.add(a));
  if (articles.length !== 1) return [...keys];
  const clauses = [...text.matchAll(CLAUSE)].map((m) => `${articles[0]}.${m[1]}`);
  clauses.forEach((c) => keys.add(c));
  // "điểm a khoản 2 Điều 5": a letter names a điểm only with its one khoản.
  if (clauses.length === 1) for (const m of text.matchAll(POINT)) keys.add(`${clauses[0]}.${m[1]}`);
  return [...keys];
}

/**
 * True when the question points at this section: every key it asks for is one the heading path answers to. A
 * khoản or điểm of an article ("khoản 2 Điều 4") is content, not a heading, in a legal text: it is answered by
 * the article's section when the path has no numbered heading below the article.
 */
export function pointsAtSection(question: string, sectionPath: readonly string[]): boolean {
  const asked = sectionKeysInQuestion(question);
  if (asked.length === 0) return false;
  const own = new Set(sectionKeysOfPath(sectionPath));
  return asked.every((k) => own.has(k) || answeredByArticle(k, own));
}

function answeredByArticle(key: string, own: ReadonlySet<string>): boolean {
  const article = /^dieu\.[^.]+/.exec(key)?.[0];
  return article !== undefined && own.has(article) && ![...own].some((k) => k.startsWith(`${article}.`));
}

// A khoản and a điểm at the start of a line of an article's text: "2. …", "a) …".
const CLAUSE_LINE = /^(\d+)\.\s/u;
const POINT_LINE = /^([a-zđ])\)\s/u;

/**
 * The keys of a chunk: its heading path's, and when the path ends in an article, the khoản and điểm its text
 * holds ("dieu.7.3", "dieu.5.2.a"), so "khoản 3 Điều 7" finds the chunk holding that khoản, not the one that
 * cites it. A điểm before any khoản of the chunk belongs to the khoản the previous chunk ended in: unknown here.
 */
export function sectionKeysOfChunk(headings: readonly string[], textLines: readonly string[]): string[] {
  const keys = sectionKeysOfPath(headings);
  const last = labelOf(headings.at(-1) ?? '');
  if (!last || !last.key.startsWith('dieu.')) return keys;
  const found = new Set(keys);
  let clause: string | null = null;
  for (const line of textLines) {
    const c = CLAUSE_LINE.exec(line.trim());
    if (c) {
      clause = `${last.key}.${c[1]}`;
      found.add(clause);
      continue;
    }
    const p = POINT_LINE.exec(line.trim());
    if (p && clause) found.add(`${clause}.${foldText(p[1]!)}`);
  }
  return [...found];
}

// ── Document pointing ────────────────────────────────────────────────────────────────────────────────────
// "nghị định 13", "nđ 45", "thông tư số 17", "luật cư trú", "bộ luật lao động" name a document by its kind and
// number or, for a law, its name. A chunk answers to the keys of its document's title line (the first line of
// its index text, which carries the number); a question adds every key it could mean, and a key no document
// has simply scores nothing.

/** Folded kind words (and their shorthands) → the key's kind. Longer words first, so "nghi dinh" wins over "nd". */
const KIND_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['bo luat', 'luat'],
  ['luat', 'luat'],
  ['phap lenh', 'phaplenh'],
  ['nghi dinh', 'nghidinh'],
  ['nd', 'nghidinh'],
  ['nghi quyet', 'nghiquyet'],
  ['nq', 'nghiquyet'],
  ['thong tu', 'thongtu'],
  ['tt', 'thongtu'],
  ['quyet dinh', 'quyetdinh'],
  ['qd', 'quyetdinh'],
  ['chi thi', 'chithi'],
  ['ke hoach', 'kehoach'],
  ['kh', 'kehoach'],
];
const KIND_ALTERNATIVES = KIND_WORDS.map(([w]) => w.replace(' ', '\\s+')).join('|');
// Kind, optional "số", then the number; not an amount, a duration or an age ("luật 2 năm", "nd 13 triệu").
const KIND_NUMBER = new RegExp(
  String.raw`(?:^|[^a-z0-9])(${KIND_ALTERNATIVES})\s*(?:so\s*)?(\d{1,4})(?![\d,.]*\s*(?:trieu|nghin|ngan|dong|d\b|%|nam|thang|ngay|tuoi|gio|lan))(?![a-z0-9])`,
  'g',
);
// The issuer code of a document number gives the kind when the title does not ("13/2025/NĐ-CP").
const NUMBER_CODES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^nd-/, 'nghidinh'],
  [/^tt-/, 'thongtu'],
  [/^qd-/, 'quyetdinh'],
  [/^nq-/, 'nghiquyet'],
  [/^ct-/, 'chithi'],
  [/^kh-/, 'kehoach'],
  [/^qh\d*$/, 'luat'],
];
const OWN_NUMBER = /(?:^|[^a-z0-9/])(\d{1,4})\/(?:\d{4}\/)?([a-z]+(?:-[a-z0-9]+)*|qh\d+)(?![a-z0-9])/;
/** A law's name is at most this many words ("luật phòng, chống bạo lực gia đình" has six). */
const MAX_NAME_WORDS = 8;

const words = (s: string) => s.split(/[^a-z0-9]+/).filter((w) => w !== '');

/** Folded shorthand → its folded words, for shorthands with exactly one reading ("bhxh" → bao hiem xa hoi). */
const SPELLED_OUT: ReadonlyMap<string, string[]> = new Map(
  ABBREVIATION_GROUPS.flatMap((g) => Object.entries(g.entries))
    .filter(([, values]) => values.length === 1)
    .map(([key, values]) => [foldText(key).toLowerCase(), words(foldText(values[0]!).toLowerCase())] as const),
);

const kindOfWord = (w: string) => KIND_WORDS.find(([k]) => k === w.replace(/\s+/g, ' '))?.[1] ?? null;

/**
 * The document keys of a title line such as "NGHỊ ĐỊNH VỀ BẢO VỆ DỮ LIỆU CÁ NHÂN (13/2025/NĐ-CP)" or "LUẬT CƯ
 * TRÚ": the kind with the document's own number ("doc.nghidinh.13") and, for a law, its name ("luat.cu tru").
 */
export function documentKeysOfTitle(title: string): string[] {
  const text = foldText(title).toLowerCase();
  const keys: string[] = [];
  const opening = new RegExp(`^\\s*(${KIND_ALTERNATIVES})(?![a-z0-9])`).exec(text);
  const titleKind = opening && !['nd', 'nq', 'tt', 'qd', 'kh'].includes(opening[1]!) ? kindOfWord(opening[1]!) : null;
  const number = OWN_NUMBER.exec(text);
  const codeKind = number ? (NUMBER_CODES.find(([re]) => re.test(number[2]!))?.[1] ?? null) : null;
  const kind = titleKind ?? codeKind;
  if (kind && number) keys.push(`doc.${kind}.${Number(number[1])}`);
  if (titleKind === 'luat') {
    const name = words(text.slice(opening![0].length).split('(')[0]!).slice(0, MAX_NAME_WORDS);
    if (name.length > 0 && name.length < MAX_NAME_WORDS) keys.push(`luat.${name.join(' ')}`);
  }
  return keys;
}

/**
 * The document keys a question may mean: every kind followed by a number, and every run of one to
 * {@link MAX_NAME_WORDS} words after "luật" ("theo luat cu tru thi" → "luat.cu", "luat.cu tru", …).
 */
export function documentKeysInQuestion(question: string): string[] {
  const text = foldText(question).toLowerCase();
  const keys = new Set<string>();
  for (const m of text.matchAll(KIND_NUMBER)) {
    const kind = kindOfWord(m[1]!);
    if (kind) keys.add(`doc.${kind}.${Number(m[2])}`);
  }
  // "luật bhxh" names "LUẬT BẢO HIỂM XÃ HỘI": a shorthand with one reading is spelled out first.
  const all = words(text).flatMap((w) => SPELLED_OUT.get(w) ?? [w]);
  all.forEach((w, i) => {
    if (w !== 'luat') return;
    for (let n = 1; n < MAX_NAME_WORDS && i + n < all.length; n++)
      keys.add(`luat.${all.slice(i + 1, i + 1 + n).join(' ')}`);
  });
  return [...keys];
}
