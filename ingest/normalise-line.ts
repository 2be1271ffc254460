/**
 * Text normalisation for ingest. The character-level rules (NFC, one tone placement, Đ, invisible
 * characters) belong to knowledge/ so that index time and query time agree; here we only add what
 * is specific to documents: whitespace inside a line.
 */
import { normalizeText } from '../knowledge/index.ts';

/** Normalises one line: knowledge's rules, then tabs and runs of spaces collapsed, ends trimmed. */
export function normalizeLine(line: string): string {
  return normalizeText(line)
    .replace(/[\t\u00a0 ]+/g, ' ')
    .trim();
}

/** Normalises a free-standing value (a title, a sheet field) the same way, keeping its line breaks. */
export function normalizeValue(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map(normalizeLine).join('\n').trim();
}
