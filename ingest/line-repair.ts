/**
 * Rejoins lines that a web page or PDF extraction wrapped in the middle of a heading or sentence
 * ("I. CĂN\nCỨ LẬP KẾ HOẠCH", "- Nghị quyết số 52-NQ/TW\nngày 27 tháng 9 …").
 *
 * Three layouts are told apart by the file itself:
 * - unwrapped: long lines, one paragraph each — nothing is joined;
 * - blank-separated: paragraphs divided by empty lines — join inside a paragraph, break at markers;
 * - web extract (the 2024 plan): every block starts with a short first line, continues with
 *   full-width lines and ends with a line of any length. A short line followed by a full-width
 *   line therefore opens a new block even without a number or bullet.
 */
import { ARTICLE_OPENING } from './legal-structure.ts';
import { headingRank, startsWithMarker } from './structure.ts';

export interface Line {
  text: string;
  page: number | null;
}

type Layout = 'unwrapped' | 'blank-separated' | 'web-extract';

const UNWRAPPED_WIDTH = 200; // chars: wider than any hard wrap seen in practice
const LONG_RATIO = 0.7; // a line this share of the wrap width or more is "full width"
const TERMINATOR = /[.;:!?…]["”)]?$/u;
const BARE_NUMBER = /^(\d+(\.\d+)*|[IVXLC]+)\.?$/u;
const isAllCaps = (s: string) => /\p{Lu}{2}/u.test(s) && s === s.toLocaleUpperCase('vi');
const UPPER_START = /^["“(]?\p{Lu}/u;

/** The wrap width: the 95th percentile of line lengths, so a few long outliers do not move it. */
function wrapWidth(lines: readonly Line[]): number {
  const lengths = lines
    .map((l) => l.text.length)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  if (lengths.length === 0) return 0;
  return lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.95))] ?? 0;
}

function detectLayout(lines: readonly Line[], width: number): Layout {
  if (width > UNWRAPPED_WIDTH) return 'unwrapped';
  const blanks = lines.filter((l) => l.text === '').length;
  return blanks >= lines.length * 0.05 ? 'blank-separated' : 'web-extract';
}

/** Joins wrapped lines into paragraphs; each keeps the page of its first line. Input lines are trimmed. */
export function repairLines(input: readonly Line[]): Line[] {
  const lines = input.map((l) => ({ text: l.text.trim(), page: l.page }));
  const width = wrapWidth(lines);
  const layout = detectLayout(lines, width);
  const isLong = (s: string | undefined) => s !== undefined && s.length >= width * LONG_RATIO;
  const out: Line[] = [];
  let prev: string | null = null; // previous non-empty line, null after a blank
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text === '') {
      prev = null;
      continue;
    }
    const next = lines[i + 1]?.text;
    if (prev === null || breaksBefore(layout, prev, line.text, next, isLong)) out.push({ ...line });
    else out[out.length - 1]!.text += ' ' + line.text;
    prev = line.text;
  }
  return out;
}

function breaksBefore(
  layout: Layout,
  prev: string,
  line: string,
  next: string | undefined,
  isLong: (s: string | undefined) => boolean,
): boolean {
  if (layout === 'unwrapped' || startsWithMarker(line)) return true;
  // A number standing alone ("III.", "6.") always takes the next line as its title.
  if (BARE_NUMBER.test(prev)) return false;
  // A heading line is done when a sentence-case paragraph follows it: "I. GIỚI THIỆU" / "Tài liệu …",
  // or "1. Giấy tờ cần có" / a full-width line starting with a capital. Wrapped headings continue in
  // lowercase or stay uppercase ("I. CĂN" / "CỨ LẬP KẾ HOẠCH").
  if (headingRank(prev) !== null && UPPER_START.test(line) && (isLong(line) || (isAllCaps(prev) && !isAllCaps(line))))
    return true;
  // An article's title wraps in lowercase; a capitalised sentence after "Điều 2. Giải thích từ ngữ" is its body.
  if (ARTICLE_OPENING.test(prev) && UPPER_START.test(line) && TERMINATOR.test(line)) return true;
  // A sentence that ends before the wrap width ends its paragraph when the next one starts a sentence.
  const sentenceBreak = TERMINATOR.test(prev) && !isLong(prev) && UPPER_START.test(line);
  if (layout === 'blank-separated') return sentenceBreak;
  // The last line of a wrapped khoản ("này.") is short too, but the full-width line after it opens with its own
  // number: that line starts the next block, this one ends the current one.
  return sentenceBreak || (!isLong(line) && isLong(next) && !startsWithMarker(next ?? ''));
}
