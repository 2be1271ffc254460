/**
 * Recognises the numbering of Vietnamese administrative documents: Phần / Chương / Mục / Điều,
 * roman sections "I.", numbered "1.", "2.1.", "2.1.1.", lettered "a)", and "-" bullets.
 */
import type { Block } from './types.ts';

interface HeadingPattern {
  re: RegExp;
  rank: number;
  needsShort: boolean;
}

// Ranks leave gaps so explicit heading levels (h1–h6, #) and numbering can share one stack.
const HEADINGS: HeadingPattern[] = [
  { re: /^(PHẦN|Phần)\s+([IVXLC]+|\d+|THỨ\s+\S+)\b/u, rank: 1, needsShort: false },
  { re: /^(CHƯƠNG|Chương)\s+([IVXLC]+|\d+)\b/u, rank: 2, needsShort: false },
  { re: /^(MỤC|Mục)\s+(\d+|[IVXLC]+)(\.|\s|$)/u, rank: 3, needsShort: true },
  { re: /^[IVXLC]+\.(\s|$)/u, rank: 4, needsShort: false },
  { re: /^(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:](?=\s|$)/u, rank: 5, needsShort: false },
  { re: /^\d+\.\d+\.\d+\.?\s+\S/u, rank: 8, needsShort: true },
  { re: /^\d+\.\d+\.?\s+\S/u, rank: 7, needsShort: true },
  { re: /^\d+\.(\s|$)/u, rank: 6, needsShort: true },
  { re: /^[a-zđ]\)\s+\S/u, rank: 9, needsShort: true },
];

const BULLET = /^[-–•+*]\s+\S/u;

/** A line that opens a new block whatever came before it (heading number or bullet). */
export function startsWithMarker(line: string): boolean {
  return BULLET.test(line) || HEADINGS.some((h) => h.re.test(line));
}

/** True for "- …", "• …" list items. */
export function isBullet(line: string): boolean {
  return BULLET.test(line);
}

// A numbered line is a heading only when it reads like a title: numbered clauses in decrees
// ("1. Cơ quan … chịu trách nhiệm …;") are content, not structure.
function looksLikeTitle(text: string): boolean {
  return text.length <= 160 && !/[.;:,]$/u.test(text);
}

/** The heading rank of a repaired paragraph, or null when it is content. */
export function headingRank(text: string): number | null {
  for (const h of HEADINGS) {
    if (!h.re.test(text)) continue;
    if (h.needsShort && !looksLikeTitle(text)) return null;
    return h.rank;
  }
  return null;
}

/** Turns repaired paragraphs into blocks: headings with their rank, bullets, paragraphs. */
export function classifyParagraphs(paragraphs: ReadonlyArray<{ text: string; page: number | null }>): Block[] {
  return paragraphs.map((p) => {
    const rank = headingRank(p.text);
    if (rank !== null) return { kind: 'heading', text: p.text, page: p.page, rank };
    return { kind: isBullet(p.text) ? 'bullet' : 'paragraph', text: p.text, page: p.page };
  });
}
