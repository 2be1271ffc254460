/**
 * Question text as the answer layer reads it: folded by knowledge's analyser (no diacritics, lowercase),
 * with the chat shorthand residents type expanded ("bn" → "bao nhieu", "dk" → "dang ky").
 * Search itself gets the raw question: knowledge has its own analyser; this is only for intent and evidence checks.
 */
import { ABBREVIATION_GROUPS, foldText } from '../knowledge/index.ts';

/** Shorthand → folded words. Only unambiguous-enough forms; "k" alone is "không" in chat. */
const SHORTHAND: Record<string, string> = {
  bn: 'bao nhieu',
  bnh: 'bao nhieu',
  bnhieu: 'bao nhieu',
  nhiu: 'nhieu',
  k: 'khong',
  ko: 'khong',
  kh: 'khong',
  khg: 'khong',
  hok: 'khong',
  hong: 'khong',
  hem: 'khong',
  dc: 'duoc',
  dk: 'dang ky',
  dky: 'dang ky',
  dki: 'dang ky',
  j: 'gi',
  gj: 'gi',
  ntn: 'nhu the nao',
  lm: 'lam',
  tgian: 'thoi gian',
  tg: 'thoi gian',
  cccd: 'can cuoc cong dan',
  cmnd: 'chung minh nhan dan',
  gks: 'giay khai sinh',
  hk: 'ho khau',
  gplx: 'giay phep lai xe',
  lltp: 'ly lich tu phap',
  dvc: 'dich vu cong',
  ttc: 'thu tuc',
  tthc: 'thu tuc hanh chinh',
  sdt: 'so dien thoai',
  onl: 'online',
  vs: 'voi',
  ng: 'nguoi',
  mk: 'minh',
  e: 'em',
  a: 'anh',
};

/**
 * knowledge's abbreviation table, folded, for entries with one meaning only ("cds" → "chuyen doi so");
 * ambiguous ones ("tt": thông tư / trung tâm) stay as typed. Our own table above wins.
 */
const DICTIONARY: Record<string, string> = Object.fromEntries(
  ABBREVIATION_GROUPS.flatMap((g) => Object.entries(g.entries))
    .filter(([, expansions]) => expansions.length === 1)
    .map(([key, expansions]) => [foldText(key), foldText(expansions[0] as string)]),
);

/** Folds and expands shorthand; punctuation becomes spaces; single spaces. */
export function readQuestion(question: string): string {
  const folded = foldText(question)
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
  return folded
    .split(' ')
    .filter((t) => t.length > 0)
    .map((t) => SHORTHAND[t] ?? DICTIONARY[t] ?? t)
    .join(' ');
}

/** Folded tokens of a text (no shorthand expansion: used on document text). */
export function foldTokens(text: string): string[] {
  return foldText(text)
    .replace(/[^a-z0-9%]+/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0);
}

/** Words that carry no topic: question words, fillers, pronouns, politeness. Folded. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a ad admin ah a anh chi em ban minh toi tui oi nhe nha nhi vay the thi sao la gi nao dau khong co duoc ' +
    'can phai muon hoi cho xin giup voi va hay hoac cua o tai tu den trong tren duoi con roi da dang se moi vao theo z ' +
    'nhu nao bao nhieu may lam the nao ai cai viec nhung cac mot nay kia do day hen ah uh um ok vui long ' +
    'nay gio luc hom ngay nam thang thi sao the nao sao vay'
  ).split(' '),
);
