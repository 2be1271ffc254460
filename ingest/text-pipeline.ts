/**
 * The shared path for line-oriented sources (plain text, PDF pages): normalise each line, read the
 * official header, drop boilerplate, repair wrapped lines, classify headings and bullets; the recipients and
 * signature follow as the closing section.
 */
import { extractHeader, separateClosing } from './boilerplate.ts';
import { repairLines, type Line } from './line-repair.ts';
import { normalizeLine } from './normalise-line.ts';
import { classifyParagraphs } from './structure.ts';
import type { Block, MetaFields } from './types.ts';

/** Splits raw text into normalised lines, all tagged with one page (null when unpaged). */
export function toLines(raw: string, page: number | null): Line[] {
  return raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((text) => ({ text: normalizeLine(text), page }));
}

/**
 * Lines in, blocks and header metadata out. `wrapped: false` is for text whose lines are already whole
 * paragraphs (the block structure of an HTML page): nothing is joined.
 */
export function blocksFromLines(
  lines: readonly Line[],
  opts: { wrapped?: boolean } = {},
): { blocks: Block[]; inferred: Partial<MetaFields> } {
  const header = extractHeader(lines);
  const { body, closing } = separateClosing(lines.slice(header.bodyStart), header.identity);
  const paragraphs = opts.wrapped === false ? body.filter((l) => l.text !== '') : repairLines(body);
  return { blocks: [...classifyParagraphs(paragraphs), ...closing], inferred: header.inferred };
}
