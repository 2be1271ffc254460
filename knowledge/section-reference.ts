/**
 * Section pointing: "mục II.2.2", "phần V", "điểm 7.12", "Điều 4", "khoản 2 Điều 4", "chương II" in a question
 * name a section by its number, not by its words. Both sides reduce to the same keys ("ii.2.2", "v", "7.12",
 * "dieu.4", "dieu.4.2", "chuong.ii"): a heading path yields every key it answers to, a question the keys it
 * asks for. The analyser indexes a chunk's keys as `§key` terms and adds the question's as exact-match terms,
 * so a pointed section ranks first; the answer layer quotes it whole (see pointsAtSection).
 */
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
  { re: /^Điều\s+(\d+[a-zđ]?)\./u, key: (m) => `dieu.${foldText(m[1]!)}`, anchor: true },
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
  if (articles.length === 1) for (const m of text.matchAll(CLAUSE)) keys.add(`${articles[0]}.${m[1]}`);
  return [...keys];
}

/** True when the question points at this section: every key it asks for is one the heading path answers to. */
export function pointsAtSection(question: string, sectionPath: readonly string[]): boolean {
  const asked = sectionKeysInQuestion(question);
  if (asked.length === 0) return false;
  const own = new Set(sectionKeysOfPath(sectionPath));
  return asked.every((k) => own.has(k));
}
