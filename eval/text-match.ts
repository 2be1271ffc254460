/**
 * The matching rules behind the metrics: does a chunk hold the evidence, does a reply carry the gold numbers.
 * Pure functions; folding comes from the knowledge analyser so eval and search agree on what a syllable is.
 */
import { foldText } from '../knowledge/index.ts';

/** Share of the evidence's syllables that must occur in one chunk for it to "hold" the evidence. */
export const EVIDENCE_COVERAGE = 0.8;
/** Share of a number-free gold answer's syllables that must occur in the reply. */
export const KEYWORD_COVERAGE = 0.6;

/** Folded syllables (diacritics removed, lowercase), split on anything that is not a letter or digit. */
export function syllables(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((s) => s.length > 0);
}

/** Fraction of the distinct syllables of `needle` that occur anywhere in `haystack` (1 when needle is empty). */
export function coverage(needle: string, haystack: string): number {
  const want = new Set(syllables(needle));
  if (want.size === 0) return 1;
  const have = new Set(syllables(haystack));
  let found = 0;
  for (const s of want) if (have.has(s)) found++;
  return found / want.size;
}

/** True when one chunk text holds the evidence (≥ 80% of its syllables, after normalisation). */
export function holdsEvidence(chunkText: string, evidence: string): boolean {
  return coverage(evidence, chunkText) >= EVIDENCE_COVERAGE;
}

const MULTIPLIERS: Array<[RegExp, number]> = [
  [/^\s*(k|nghìn|ngàn|nghin|ngan)(?!\p{L})/iu, 1_000],
  [/^\s*(triệu|trieu)(?!\p{L})/iu, 1_000_000],
];

/**
 * Canonical numbers in a text: "30.000đ", "30,000 đồng", "30000" and "30 nghìn" all give "30000";
 * "99,8%" gives "99.8"; "05/5/2022" gives "5", "5", "2022". A dot or comma followed by exactly three
 * digits is a thousands separator, otherwise a decimal mark (Vietnamese writes 99,8).
 */
export function extractNumbers(text: string): string[] {
  const out: string[] = [];
  const re = /\d+(?:[.,]\d+)*/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let value = parseNumber(m[0]);
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    for (const [unit, factor] of MULTIPLIERS) if (unit.test(rest)) value *= factor;
    out.push(String(Number(value.toPrecision(12))));
  }
  return out;
}

function parseNumber(raw: string): number {
  const groups = raw.split(/[.,]/);
  if (groups.length === 1) return Number(raw);
  const thousands = groups.slice(1).every((g) => g.length === 3);
  if (thousands) return Number(groups.join(''));
  // "1.234,5": thousands dots then a decimal comma; otherwise the last separator is the decimal mark.
  const last = groups.pop() as string;
  return Number(`${groups.join('')}.${last}`);
}

/**
 * Answer accuracy for one reply: every number of the gold answer appears in the reply; a gold answer
 * without numbers needs ≥ 60% of its syllables in the reply instead (so "not a refusal" alone never counts).
 */
export function answerMatches(gold: string, reply: string): boolean {
  const wanted = extractNumbers(gold);
  if (wanted.length === 0) return coverage(gold, reply) >= KEYWORD_COVERAGE;
  const have = new Set(extractNumbers(reply));
  return wanted.every((n) => have.has(n));
}
