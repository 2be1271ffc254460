/**
 * Is a reply shaped for a phone, and does it invent figures? Per-reply measurements and their summary.
 * Pure functions; the thresholds are the targets (first line ≤ 160 characters).
 */
import { extractNumbers } from './text-match.ts';

/** The first line should hold the answer and fit a phone screen's first glance. */
export const FIRST_LINE_TARGET = 160;

export interface ReplyShape {
  /** Characters (code points) of the first non-empty line. */
  firstLineChars: number;
  /** Characters of the whole reply. */
  chars: number;
  /**
   * Lines cut mid-sentence: starting or ending in "…", "…" before a lower-case word inside the line, or ending
   * in a comma or a dangling connective.
   */
  cutLines: string[];
  /**
   * Lines or sentences (≥ 20 characters, citation marks aside) that occur more than once in the reply, each
   * extra occurrence once: a dated fee line repeated under two periods counts. Source-list lines are skipped.
   */
  repeatedLines: string[];
}

const length = (s: string) => [...s].length;
// "…" is what a quote shortened by the composer starts or ends with; a comma or "và" at the end means the
// sentence stopped in the middle. A source's own "..." and a list item's ";" are not cuts.
const CUT_END = /(…|,|\s(và|hoặc|hay|của|cho|là|thì|với|and|or|of|the|to))$/iu;
const CITATION_MARKS = /(\s*\[\d+\])+\s*$/u;
const BULLET = /^([-•*]|\d+[.)])\s+/u;

// "…" inside a line, before a word in lower case ("…bị kết… tội"), marks a quote cut in the middle of a sentence.
const MID_CUT = /…\s*\p{Ll}/u;

function isCut(line: string): boolean {
  const body = line.replace(CITATION_MARKS, '').replace(BULLET, '').trim();
  return body.startsWith('…') || CUT_END.test(body) || MID_CUT.test(body);
}

/** The sentences of a reply's body lines, citation marks and bullets removed (source-list lines skipped). */
function sentences(lines: readonly string[]): string[] {
  return lines
    .filter((l) => !/^\[\d+\]/.test(l))
    .flatMap((l) => l.replace(BULLET, '').split(/(?<=[.;])\s+/u))
    .map((x) =>
      x
        .replace(/\s*\[\d+\]/gu, '')
        .replace(/[.;]$/u, '')
        .trim(),
    )
    .filter((x) => length(x) >= 20);
}

export function replyShape(reply: string): ReplyShape {
  const lines = reply
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const seen = new Set<string>();
  const repeatedLines: string[] = [];
  for (const sentence of sentences(lines)) {
    const key = sentence.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) repeatedLines.push(sentence);
    seen.add(key);
  }
  return {
    firstLineChars: length(lines[0] ?? ''),
    chars: length(reply),
    cutLines: lines.filter(isCut),
    repeatedLines,
  };
}

// A money amount, a count of days or a percentage, as written in a reply (Vietnamese or English). "đồng" right
// after a year is usually the start of a place name ("năm 2026 Đồng Nai"), not money.
const PLACE_AFTER_DONG = '(?!\\s*(?:nai|xoài|xoai|phú|phu|tháp|thap|hới|hoi)(?!\\p{L}))';
const FIGURE = new RegExp(
  `\\d+(?:[.,]\\d+)*\\s*(?:%|phần trăm|phan tram|percent|(?:đồng|dong)(?!\\p{L})${PLACE_AFTER_DONG}|đ(?!\\p{L})|vnd|nghìn|ngàn|nghin|ngan|triệu|trieu|ngày|ngay(?!\\p{L})|working days?|days?(?!\\p{L}))`,
  'giu',
);

/** Every money amount, day count and percentage in a text, as written. */
export function figuresIn(text: string): string[] {
  return text.match(FIGURE) ?? [];
}

/**
 * Figures of a reply that appear neither in a cited chunk nor in the question itself (a person's own "70
 * ngày" may be echoed). Compared as canonical numbers, so "30.000đ" in the reply matches "30,000 đồng".
 */
export function inventedFigures(reply: string, citedChunks: readonly string[], question: string): string[] {
  const known = new Set([...citedChunks, question].flatMap((t) => extractNumbers(t)));
  for (const total of checkedTotals(reply, known)) known.add(total);
  return figuresIn(reply).filter((f) => !extractNumbers(f).every((n) => known.has(n)));
}

// A total with its working shown: "2 × 2.000đ + 3 × 1.000đ = 7.000đ". Each term is an amount, or a count times
// an amount.
const TERM = String.raw`(?:\d+\s*[×x*]\s*)?\d{1,3}(?:\.\d{3})*\s*đ`;
const WORKING = new RegExp(String.raw`(${TERM}(?:\s*\+\s*${TERM})*)\s*=\s*(\d{1,3}(?:\.\d{3})*)\s*đ`, 'gu');
const amount = (s: string): number => Number(s.replace(/[^\d]/g, ''));

/**
 * The totals a reply works out from amounts it is allowed to state: every amount in the working is known (a cited
 * chunk or the question says it) and the sum is right. Such a total is arithmetic, not an invented figure; a
 * wrong sum, or one over an amount from nowhere, still counts as invented.
 */
function checkedTotals(reply: string, known: ReadonlySet<string>): string[] {
  const totals: string[] = [];
  for (const m of reply.matchAll(WORKING)) {
    const terms = (m[1] as string).split('+').map((t) => t.split(/[×x*]/).map((p) => p.trim()));
    const amountsKnown = terms.every((t) => extractNumbers(t.at(-1) as string).every((n) => known.has(n)));
    const sum = terms.reduce((acc, t) => acc + t.reduce((prod, p) => prod * amount(p), 1), 0);
    if (amountsKnown && sum === amount(m[2] as string)) totals.push(...extractNumbers(`${m[2]}đ`));
  }
  return totals;
}

export interface ShapeSummary {
  /** Replies measured (answered, i.e. not refused). */
  replies: number;
  firstLineMedian: number;
  firstLineMax: number;
  /** Share of measured replies whose first line is ≤ FIRST_LINE_TARGET characters (null when none). */
  firstLineShortShare: number | null;
  charsMedian: number;
  charsMax: number;
  /** Over all replies, refusals included. */
  cutLines: number;
  repeatedLines: number;
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Lengths over answered replies (a refusal is short by design and would flatter the median). */
export function summariseShapes(items: ReadonlyArray<{ shape: ReplyShape; refused: boolean }>): ShapeSummary {
  const answered = items.filter((x) => !x.refused).map((x) => x.shape);
  const first = answered.map((s) => s.firstLineChars);
  const chars = answered.map((s) => s.chars);
  return {
    replies: answered.length,
    firstLineMedian: median(first),
    firstLineMax: first.length ? Math.max(...first) : 0,
    firstLineShortShare: first.length ? first.filter((n) => n <= FIRST_LINE_TARGET).length / first.length : null,
    charsMedian: median(chars),
    charsMax: chars.length ? Math.max(...chars) : 0,
    cutLines: items.reduce((a, x) => a + x.shape.cutLines.length, 0),
    repeatedLines: items.reduce((a, x) => a + x.shape.repeatedLines.length, 0),
  };
}
