/**
 * The analyser: turns normalised text into the terms of the two lexical fields.
 *  - accented field: lowercase canonical syllables, e.g. "hòa", "ủy_ban"
 *  - folded field: the same terms without diacritics, e.g. "hoa", "uy_ban"
 * Terms are syllable unigrams (minus a small stopword list), adjacent bigrams over the unfiltered
 * sequence (not across punctuation), numbers ("80", "30%", "99,8%"), whole document numbers
 * ("53/kh-ubnd", "123/2015/nđ-cp"), dates ("15/02/2024") and procedure codes ("1.004222"), plus abbreviation expansions.
 * Ingest and query both come through here, so they can never disagree about tokens.
 */
import { normalizeText, foldText } from './normalise.ts';

// A number may carry a percent sign or the chat "k" for thousand ("10k" must never become "không").
// Letters joined by "&" are one word: "GD&ĐT", "tt&tt" name one department (abbreviations.ts), not two.
const TOKEN = /\d+(?:[.,]\d+)*(?:%|k(?![\p{L}\p{M}]))?|\p{L}[\p{L}\p{M}]*(?:&\p{L}[\p{L}\p{M}]*)*/gu;
// Document numbers: 53/KH-UBND, 123/2015/NĐ-CP, 749/QĐ-TTg (need a dash), and party style 52-NQ/TW.
const DOC_NUMBER = /(?<![\p{L}\d/])\d{1,5}(?:\/\d{4})?\/\p{L}+(?:-\p{L}+)+|(?<![\p{L}\d/])\d{1,5}-\p{L}+\/\p{L}+/gu;
const DATE = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/])/g;
// National procedure codes (mã TTHC): "1.004222", "2.000748". Kept whole so "thủ tục 1.013614" is one exact term.
export const PROCEDURE_CODE = /(?<![\d.,])[1-3]\.\d{6}(?![\d]|[.,]\d)/g;

/** Small on purpose: function words that carry no topic. Questions words stay (IDF handles them). */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'và',
  'của',
  'các',
  'là',
  'thì',
  'mà',
  'những',
  'này',
  'đó',
  'ấy',
  'với',
  'cho',
  'được',
  'theo',
  'tại',
  'trong',
  'để',
  'khi',
  'một',
  'từ',
  'đến',
  'bị',
  'ra',
  'vào',
  'về',
  'nhé',
  'nha',
  'ạ',
  'ơi',
  'vậy',
  'thế',
  'ad',
  'admin',
  'cua',
  'va',
  'cac',
  'nhung',
  'nhe',
  'oi',
  'vay',
  'a',
  'ah',
  'ak',
  'z',
  'e',
  'em',
  'anh',
  'chị',
  'mình',
  'tôi',
  'cho',
  'hỏi',
  'hoi',
  'giúp',
  'giup',
  'ạh',
]);

/** One token of the text in reading order. */
export interface Token {
  /** Lowercase, normalised. */
  term: string;
  /** As written (normalised, original case). */
  surface: string;
  /** True when only whitespace separates it from the previous token, so they form a bigram. */
  joinsPrevious: boolean;
  isNumber: boolean;
}

const foldCache = new Map<string, string>();

/** foldText with a cache: the vocabulary is small and folding is the hot path of indexing. */
export function foldTerm(term: string): string {
  let folded = foldCache.get(term);
  if (folded !== undefined) return folded;
  folded = foldText(term);
  if (foldCache.size > 500_000) foldCache.clear();
  foldCache.set(term, folded);
  return folded;
}

/** Splits already-normalised text into tokens. */
export function scanTokens(normalised: string): Token[] {
  const tokens: Token[] = [];
  let lastEnd = -1;
  for (const m of normalised.matchAll(TOKEN)) {
    const surface = m[0];
    const start = m.index ?? 0;
    const gap = lastEnd < 0 ? 'x' : normalised.slice(lastEnd, start);
    tokens.push({
      term: surface.toLowerCase(),
      surface,
      joinsPrevious: lastEnd >= 0 && /^\s+$/.test(gap),
      isNumber: /^\d/.test(surface),
    });
    lastEnd = start + surface.length;
  }
  return tokens;
}

/** Whole document numbers and dates found in normalised text, lowercase ("53/kh-ubnd", "15/02/2024"). */
export function identifiersOf(normalised: string): string[] {
  const out: string[] = [];
  for (const m of normalised.matchAll(DOC_NUMBER)) {
    const id = m[0].toLowerCase();
    out.push(id);
    const withYear = /^(\d+\/\d{4})\//.exec(id);
    if (withYear?.[1]) out.push(withYear[1]);
  }
  for (const m of normalised.matchAll(DATE)) {
    const [day, month, year] = [Number(m[1]), Number(m[2]), m[3]];
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    out.push(`${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`);
  }
  for (const m of normalised.matchAll(PROCEDURE_CODE)) out.push(m[0]);
  return out;
}

/** Unigrams (stopwords dropped) and bigrams of a token sequence, in the accented field's form. */
export function gramsOf(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!STOPWORDS.has(t.term)) out.push(t.term);
    const prev = tokens[i - 1];
    if (prev && t.joinsPrevious) out.push(`${prev.term}_${t.term}`);
  }
  return out;
}

/** The terms of a phrase such as an abbreviation expansion ("căn cước công dân"). */
export function phraseTerms(phrase: string): string[] {
  return gramsOf(scanTokens(normalizeText(phrase)));
}
