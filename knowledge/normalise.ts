/**
 * Text normalisation shared by ingest and query. Everything that is indexed or searched goes through
 * {@link normalizeText}; {@link foldText} is the only place diacritics are removed.
 */
import { canonicalSyllable } from './tone.ts';

// Zero-width characters and the soft hyphen come from Word and web pages and silently split or glue tokens.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g;
// NBSP and its narrow/figure cousins act as spaces.
const ODD_SPACES = /[\u00A0\u2007\u202F]/g;
// Icelandic Eth and African D look exactly like Đ/đ but never match them.
const LOOKALIKE_D: Record<string, string> = { '\u00D0': 'Đ', '\u00F0': 'đ', '\u0189': 'Đ', '\u0256': 'đ' };
const LOOKALIKE_D_RE = /[\u00D0\u00F0\u0189\u0256]/g;
const WORD = /[\p{L}\p{M}]+/gu;
const MARKS = /\p{M}/gu;

/**
 * NFC, Ð/ð look-alikes → Đ/đ, zero-width characters and soft hyphens removed, NBSP → space, and one
 * tone-mark position per syllable (hoà → hòa, thuý → thúy, Uỷ → Ủy). Case is kept. Works on NFD input.
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .replace(LOOKALIKE_D_RE, (ch) => LOOKALIKE_D[ch] ?? ch)
    .replace(WORD, canonicalSyllable);
}

/** Diacritics removed, đ → d, lowercase: "Đăng ký" → "dang ky". Works on NFD input. */
export function foldText(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .replace(LOOKALIKE_D_RE, (ch) => LOOKALIKE_D[ch] ?? ch)
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[đĐ]/g, (ch) => (ch === 'đ' ? 'd' : 'D'))
    .toLowerCase();
}

/** True when the text carries any Vietnamese diacritic (including đ), i.e. folding changes it. */
export function hasDiacritics(s: string): boolean {
  const lower = normalizeText(s).toLowerCase();
  return foldText(lower) !== lower;
}
