/**
 * The shared path for line-oriented sources (plain text, PDF pages): normalise each line, read the
 * official header, drop boilerplate, repair wrapped lines, classify headings and bullets.
 */
import { extractHeader, stripBoilerplate } from './boilerplate.ts';
import { repairLines, type Line } from './line-repair.ts';
import { normalizeLine } from './normalize.ts';
import { classifyParagraphs } from './structure.ts';
import type { Block, MetaFields } from './types.ts';

/** Splits raw text into normalised lines, all tagged with one page (null when unpaged). */
export function toLines(raw: string, page: number | null): Line[] {
  return raw.replace(/\r\n?/g, '\n').split('\n').map((text) => ({ text: normalizeLine(text), page }));
}

/** Lines in, blocks and header metadata out. */
export function blocksFromLines(lines: readonly Line[]): { blocks: Block[]; inferred: Partial<MetaFields> } {
  const header = extractHeader(lines);
  const body = stripBoilerplate(lines.slice(header.bodyStart));
  return { blocks: classifyParagraphs(repairLines(body)), inferred: header.inferred };
}
