/**
 * Judges one reply against what a question row expects: `must` groups, `mustNot` strings, the refusal and
 * its kind, the cited document. Pure functions; the rules are the ones eval/README.md states.
 */
import { foldText } from '../knowledge/index.ts';
import { answerMatches } from './text-match.ts';
import type { RefusalKind } from './question-set.ts';

/**
 * Folded text for matching: diacritics removed, lowercase, whitespace squashed, and thousands separators
 * dropped between digits ("30.000đ" and "30,000 đ" both become "30000d"), so a `must` string matches the
 * way a person reads it.
 */
export function foldForMatch(text: string): string {
  return foldText(text.normalize('NFC'))
    .replace(/(\d)[.,](?=\d{3}(?!\d))/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const isDigit = (c: string | undefined) => c !== undefined && /\p{N}/u.test(c);

/**
 * True when the folded needle occurs in the folded haystack as a whole token run: a needle that starts
 * (ends) with a letter must not be glued to a letter before (after) it, likewise for digits — so "ai" does
 * not match inside "tai" and "18" not inside "2018", while "15.000" still matches "15.000đ".
 */
export function containsFolded(haystack: string, needle: string): boolean {
  const h = foldForMatch(haystack);
  const n = foldForMatch(needle);
  if (n.length === 0) return true;
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
    const before = h[i - 1];
    const after = h[i + n.length];
    const first = n[0];
    const last = n[n.length - 1];
    const gluedBefore = (isLetter(first) && isLetter(before)) || (isDigit(first) && isDigit(before));
    const gluedAfter = (isLetter(last) && isLetter(after)) || (isDigit(last) && isDigit(after));
    if (!gluedBefore && !gluedAfter) return true;
  }
  return false;
}

/** The `must` groups no alternative of which occurs in the reply (empty when all are satisfied). */
export function missingGroups(groups: ReadonlyArray<readonly string[]>, reply: string): string[][] {
  return groups.filter((g) => !g.some((alt) => containsFolded(reply, alt))).map((g) => [...g]);
}

/** The `mustNot` strings that occur in the reply. */
export function forbiddenFound(mustNot: readonly string[], reply: string): string[] {
  return mustNot.filter((s) => containsFolded(reply, s));
}

/**
 * The kind of a refusal, read from what answer() returned: an explicit `refusalKind` field when the result
 * has one, otherwise its `refused: <reason>` notice. Reasons are mapped onto the three kinds a question can
 * expect; an unknown reason stays as it is (so it never matches by accident). Null when not refused.
 */
export function refusalKindOf(result: {
  refused: boolean;
  notices?: readonly string[];
  refusalKind?: unknown;
}): string | null {
  if (!result.refused) return null;
  const raw =
    typeof result.refusalKind === 'string'
      ? result.refusalKind
      : (result.notices ?? []).find((n) => n.startsWith('refused: '))?.slice(9);
  if (raw === undefined) return 'unknown';
  return normaliseKind(raw.trim());
}

function normaliseKind(reason: string): string {
  if (/scope|province|year|document|not-held|other-/.test(reason)) return 'scope';
  if (/clarif|ambiguous|which|choose/.test(reason)) return 'clarify';
  if (/weak-evidence|missing-figure|missing-field|not-in-sources|not-covered|no-index|empty-question/.test(reason))
    return 'not-in-sources';
  return reason;
}

/** What a judge needs from a question row. */
export interface JudgedRow {
  answerable: boolean;
  answer: string;
  document?: string | undefined;
  must: ReadonlyArray<readonly string[]>;
  mustNot: readonly string[];
  refusalKind?: RefusalKind | undefined;
}

/** What a judge needs from a reply. */
export interface JudgedReply {
  reply: string;
  refused: boolean;
  refusalKind: string | null;
  citedDocuments: readonly string[];
}

export interface Verdict {
  correct: boolean;
  /** Readable reasons when not correct (empty when correct). */
  reasons: string[];
  mustMissing: string[][];
  mustNotFound: string[];
}

/**
 * A question is correct when: refused exactly when unanswerable (and of the expected kind, when the row names
 * one); every `must` group is satisfied and no `mustNot` string occurs; an answer cites the row's `document`
 * when it names one; and a row without `must` groups matches its gold answer (the older sets' rule).
 */
export function judge(row: JudgedRow, got: JudgedReply): Verdict {
  const reasons: string[] = [];
  if (row.answerable && got.refused) reasons.push('refused an answerable question');
  if (!row.answerable && !got.refused) reasons.push('answered an unanswerable question');
  if (!row.answerable && got.refused && row.refusalKind !== undefined && got.refusalKind !== row.refusalKind) {
    reasons.push(`refusal kind ${got.refusalKind ?? 'none'}, expected ${row.refusalKind}`);
  }
  const mustMissing = missingGroups(row.must, got.reply);
  if (mustMissing.length > 0) reasons.push(`missing ${mustMissing.map((g) => g.join(' | ')).join('; ')}`);
  const mustNotFound = forbiddenFound(row.mustNot, got.reply);
  if (mustNotFound.length > 0) reasons.push(`contains ${mustNotFound.join('; ')}`);
  if (row.answerable && !got.refused) {
    if (row.document !== undefined && !got.citedDocuments.includes(row.document))
      reasons.push(`does not cite ${row.document}`);
    if (row.must.length === 0 && !answerMatches(row.answer, got.reply))
      reasons.push('answer misses gold numbers/words');
  }
  return { correct: reasons.length === 0, reasons, mustMissing, mustNotFound };
}
