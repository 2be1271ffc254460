/**
 * One tone-mark position per Vietnamese syllable, so "hoà" and "hòa", "thuý" and "thúy", "Uỷ" and "Ủy"
 * become the same token. We pick the traditional placement (hòa, thủy, khỏe), which is what most
 * administrative documents and underthesea's normaliser use; which style we pick does not matter,
 * only that ingest and query agree.
 *
 * Rules (Vietnamese Wikipedia, "Quy tắc đặt dấu thanh trong chữ quốc ngữ"):
 *  1. "qu" and "gi" (before another vowel) are initials: their u / i never carry the tone (quá, giữa).
 *  2. A vowel with a quality mark (ă â ê ô ơ ư) carries it; in ươ the ơ does (người, rượu).
 *  3. Otherwise in a closed syllable the last vowel does (toán, hoàng, huỳnh).
 *  4. Otherwise with two vowels the first does (hòa, thủy, mía, múa), with three the middle one (hoài, khuỷu).
 * Words that do not parse as a Vietnamese syllable (foreign words, garbage) are returned unchanged.
 */

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const VOWELS = new Set([...'aăâeêioôơuưy']);
const MARKED_VOWELS = new Set([...'ăâêôơư']);
const CODAS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);
const SYLLABLE_LETTERS = /^[a-zđăâêôơư]+$/;
const CONSONANT_RUN = /^[bcdđghklmnpqrstvx]*/;

interface Parsed {
  /** Index in the toneless word where the vowel nucleus starts. */
  start: number;
  /** The nucleus (lowercase), e.g. "oa", "ươ". */
  nucleus: string;
  coda: string;
  initial: string;
}

function parse(lower: string): Parsed | null {
  if (!SYLLABLE_LETTERS.test(lower)) return null;
  let initial = CONSONANT_RUN.exec(lower)?.[0] ?? '';
  const after = lower.slice(initial.length);
  if (initial === 'q' && after.startsWith('u') && VOWELS.has(after[1] ?? '')) initial = 'qu';
  if (initial === 'g' && after.startsWith('i') && VOWELS.has(after[1] ?? '')) initial = 'gi';
  let end = initial.length;
  while (end < lower.length && VOWELS.has(lower[end] ?? '')) end++;
  const nucleus = lower.slice(initial.length, end);
  const coda = lower.slice(end);
  if (nucleus === '' || !CODAS.has(coda)) return null;
  return { start: initial.length, nucleus, coda, initial };
}

/** Position inside the nucleus that carries the tone, or -1 when the nucleus is not Vietnamese. */
function tonePosition(nucleus: string, closed: boolean): number {
  let marked = -1;
  for (let i = 0; i < nucleus.length; i++) if (MARKED_VOWELS.has(nucleus[i] ?? '')) marked = i;
  if (marked >= 0) return marked;
  if (nucleus.length === 1) return 0;
  if (closed) return nucleus.length - 1;
  if (nucleus.length === 2) return 0;
  if (nucleus.length === 3) return 1;
  return -1;
}

function withTone(ch: string, tone: string): string {
  return (ch.normalize('NFD') + tone).normalize('NFC');
}

/**
 * Puts the tone mark of one NFC word in the canonical position, and writes "qui" as "quy"
 * (quí/quý, qui định/quy định are spelling variants of the same syllable). Case is kept.
 */
export function canonicalSyllable(word: string): string {
  const decomposed = word.normalize('NFD');
  let tone = '';
  let toneCount = 0;
  for (const ch of decomposed) {
    if (TONE_MARKS.has(ch)) {
      tone = ch;
      toneCount++;
    }
  }
  if (toneCount > 1) return word;
  const base = [...decomposed]
    .filter((ch) => !TONE_MARKS.has(ch))
    .join('')
    .normalize('NFC');
  const lower = base.toLowerCase();
  // A cheap exit for the common case: nothing to move and no "qui" to respell.
  if (toneCount === 0 && !lower.startsWith('qui')) return word;
  const parsed = parse(lower);
  if (!parsed) return word;
  const chars = [...base];
  if (parsed.initial === 'qu' && parsed.nucleus === 'i') chars[parsed.start] = chars[parsed.start] === 'I' ? 'Y' : 'y';
  if (toneCount === 0) return chars.join('');
  const pos = tonePosition(parsed.nucleus, parsed.coda !== '');
  if (pos < 0) return word;
  const at = parsed.start + pos;
  chars[at] = withTone(chars[at] ?? '', tone);
  return chars.join('').normalize('NFC');
}
