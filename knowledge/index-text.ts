/** What gets indexed and embedded for a chunk. */
import type { Chunk, DocumentMeta } from './types.ts';

/**
 * Document title (with its number when the title does not already say it), the section path, then the
 * chunk text, one per line. Putting the heading path in lets "chính quyền số" in a heading match the
 * bullets under it; this is the deterministic form of "contextual retrieval".
 */
export function indexTextOf(chunk: Chunk, meta: DocumentMeta): string {
  const title = meta.number && !meta.title.includes(meta.number) ? `${meta.title} (${meta.number})` : meta.title;
  const parts = [title];
  if (chunk.sectionPath.length > 0) parts.push(chunk.sectionPath.join(' > '));
  parts.push(chunk.text);
  return parts.join('\n');
}
