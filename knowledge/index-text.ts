/** What gets indexed and embedded for a chunk. */
import type { Chunk, DocumentMeta } from './types.ts';

/**
 * Document title (with its number or procedure code when the title does not already say it), the section path, then the
 * chunk text, one per line. Putting the heading path in lets "chính quyền số" in a heading match the
 * bullets under it; this is the deterministic form of "contextual retrieval".
 */
export function indexTextOf(chunk: Chunk, meta: DocumentMeta): string {
  const named = meta.number && !meta.title.includes(meta.number) ? `${meta.title} (${meta.number})` : meta.title;
  // A procedure's code is an identifier of every part of it: "thủ tục 1.004222 cần gì" must reach the documents chunk.
  const title = meta.code && !named.includes(meta.code) ? `${named} (${meta.code})` : named;
  const parts = [title];
  if (chunk.sectionPath.length > 0) parts.push(chunk.sectionPath.join(' > '));
  parts.push(chunk.text);
  return parts.join('\n');
}
