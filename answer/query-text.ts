/**
 * Question text as the answer layer reads it: folded by knowledge's analyser (no diacritics, lowercase),
 * with the chat shorthand residents type expanded ("bn" → "bao nhieu", "dk" → "dang ky").
 * Search itself gets the raw question: knowledge has its own analyser; this is only for intent and evidence checks.
 */
import {
  ABBREVIATION_GROUPS,
  QUESTION_SHORTHAND,
  QUESTION_STOPWORDS,
  foldText,
  foldedWords,
} from '../knowledge/index.ts';

/**
 * knowledge's abbreviation table, folded, for entries with one meaning only ("cds" → "chuyen doi so");
 * ambiguous ones ("tt": thông tư / trung tâm) stay as typed. The question reader's shorthand table wins.
 */
const DICTIONARY: Record<string, string> = Object.fromEntries(
  ABBREVIATION_GROUPS.flatMap((g) => Object.entries(g.entries))
    .filter(([, expansions]) => expansions.length === 1)
    .map(([key, expansions]) => [foldText(key), foldText(expansions[0] as string)]),
);

/** knowledge's document kinds, folded: before a number, "kh 53" is a plan, "tt 73" a circular ("thông tư"). */
const DOCUMENT_KINDS: Record<string, string> = Object.fromEntries(
  ABBREVIATION_GROUPS.filter((g) => g.name === 'document kinds')
    .flatMap((g) => Object.entries(g.entries))
    .map(([key, expansions]) => [foldText(key), foldText(expansions[0] as string)]),
);

/** Folds and expands shorthand; punctuation becomes spaces; single spaces. */
export function readQuestion(question: string): string {
  const folded = spellOutAgencies(foldText(question))
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
  const words = folded.split(' ').filter((t) => t.length > 0);
  return words
    .map((t, i) => {
      const next = words[i + 1] ?? '';
      const kind = /^\d/.test(next) || next === 'cds' ? DOCUMENT_KINDS[t] : undefined;
      return kind ?? QUESTION_SHORTHAND[t] ?? DICTIONARY[t] ?? t;
    })
    .join(' ');
}

/** Agency shorthand ("gd&dt", "syt", "ca tỉnh") → folded full names: knowledge's departments groups, the one table. */
const AGENCY_SHORTHAND: Record<string, string> = Object.fromEntries(
  ABBREVIATION_GROUPS.filter((g) => g.name === 'departments' || g.name === 'agency shorthand')
    .flatMap((g) => Object.entries(g.entries))
    .map(([key, expansions]) => [foldText(key), foldText(expansions[0] as string)]),
);

const AGENCY_PATTERN = new RegExp(
  `(^|[^a-z0-9&])(${Object.keys(AGENCY_SHORTHAND)
    .map((k) => k.replace(/[&,]/g, (c) => `\\${c}`))
    .join('|')})(?=$|[^a-z0-9&])`,
  'g',
);

/** "gd&dt" → "giao duc va dao tao" in folded text, before punctuation is dropped (the "&" is the clue). */
export function spellOutAgencies(folded: string): string {
  return folded.replace(
    AGENCY_PATTERN,
    (_m, before: string, key: string) => `${before}${AGENCY_SHORTHAND[key] ?? key}`,
  );
}

/**
 * Folded tokens of a text (no shorthand expansion: used on document text). knowledge's, because its base
 * catalogue counts the corpus's words this way and evidence compares a question's words with those counts.
 */
export const foldTokens: (text: string) => string[] = foldedWords;

/** Words that carry no topic (knowledge's question reader keeps the list). */
export const STOPWORDS: ReadonlySet<string> = QUESTION_STOPWORDS;
