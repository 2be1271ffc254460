/**
 * Slices of a question set, derived from the question text plus optional tags.
 * A question can sit in several slices (an accented question may also use "GPLX").
 */
export type Slice = 'accented' | 'unaccented/abbrev' | 'english' | 'multi-part' | 'unanswerable';

export const SLICES: readonly Slice[] = ['accented', 'unaccented/abbrev', 'english', 'multi-part', 'unanswerable'];

/** Abbreviations and teencode residents type; a question using one is in the unaccented/abbrev slice. */
const ABBREVIATIONS = new Set([
  'cccd',
  'cmnd',
  'gplx',
  'lltp',
  'dvc',
  'dvcqg',
  'ubnd',
  'hdnd',
  'cds',
  'csdl',
  'tthc',
  'gpxd',
  'hkd',
  'bhyt',
  'xnthn',
  'xntthn',
  'ko',
  'k',
  'kh',
  'dc',
  'đc',
  'j',
  'bn',
  'ntn',
  'ad',
  'z',
  'v',
  'ng',
  'e',
  'tk',
  'qd',
  'sdt',
  'tp',
]);

// Only words that are not also folded Vietnamese syllables ("the" = thẻ, "can" = cần, "to", "an", "do", "a").
const ENGLISH_WORDS = new Set([
  'what',
  'how',
  'is',
  'are',
  'does',
  'where',
  'which',
  'who',
  'when',
  'of',
  'for',
  'my',
  'much',
  'many',
  'should',
  'under',
  'with',
  'your',
  'there',
  'register',
  'fee',
  'cost',
  'get',
  'need',
  'it',
  'and',
  'or',
  'from',
]);

const INTERROGATIVES =
  /(?<!\p{L})(bao nhiêu|bao nhieu|bn|gì|gi|j|mấy|nào|nao|ở đâu|o dau|ntn|bao lâu|bao lau|what|how|which|where)(?!\p{L})/giu;

/** True when the text carries any Vietnamese diacritic or đ. */
export function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036f]/.test(text.normalize('NFD')) || /[đĐ]/.test(text);
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}&]+/u)
    .filter(Boolean);
}

/** English when tagged `en`, or when undiacritised text has at least two common English words. */
export function isEnglish(question: string, tags: readonly string[] = []): boolean {
  if (tags.includes('en')) return true;
  if (hasDiacritics(question)) return false;
  return words(question).filter((w) => ENGLISH_WORDS.has(w)).length >= 2;
}

/** Multi-part when tagged `multi`, or when it asks two things ("hồ sơ và lệ phí", two question words). */
export function isMultiPart(question: string, tags: readonly string[] = []): boolean {
  if (tags.includes('multi')) return true;
  const asks = question.toLowerCase().match(INTERROGATIVES) ?? [];
  return asks.length >= 2;
}

/** The slices one question belongs to. */
export function slicesOf(q: { question: string; answerable: boolean; tags?: readonly string[] }): Slice[] {
  const tags = q.tags ?? [];
  const out: Slice[] = [];
  const english = isEnglish(q.question, tags);
  if (hasDiacritics(q.question)) out.push('accented');
  const abbreviated = words(q.question).some((w) => ABBREVIATIONS.has(w));
  if ((!english && !hasDiacritics(q.question)) || abbreviated) out.push('unaccented/abbrev');
  if (english) out.push('english');
  if (isMultiPart(q.question, tags)) out.push('multi-part');
  if (!q.answerable) out.push('unanswerable');
  return out;
}
