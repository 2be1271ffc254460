/**
 * DOCX loader. Two kinds of Word file reach us:
 * - guides styled with Heading 1/2 and lists: mammoth turns the styles into HTML (h1, li, table) and the
 *   HTML path builds the blocks, so both formats chunk the same way;
 * - official documents (a "Số: …" line or the national motto up front), structured by "I." / "Điều 1."
 *   numbering in plain paragraphs: their raw text takes the plain-text path, which reads the header into
 *   metadata, drops the motto, recipients and signature, and finds the numbered headings.
 */
import mammoth from 'mammoth';
import { hasOfficialHeader } from '../boilerplate.ts';
import { IngestError } from '../errors.ts';
import { blocksFromLines, toLines } from '../text-pipeline.ts';
import type { LoadedSource } from '../types.ts';
import { fromHtml } from './html.ts';

/** Loads a .docx file; a file mammoth cannot open is `E_SOURCE_UNREADABLE`. */
export async function loadDocx(path: string): Promise<LoadedSource> {
  const raw = await convert(path, () => mammoth.extractRawText({ path }));
  const lines = toLines(raw, null);
  if (hasOfficialHeader(lines)) {
    const { blocks, inferred } = blocksFromLines(lines);
    return { blocks, declared: {}, inferred };
  }
  // mammoth writes no <title>, so fromHtml falls back to the first heading for the title. Word has
  // no <th>; the first row of a table in an administrative document is its header.
  return fromHtml(await convert(path, () => mammoth.convertToHtml({ path })), { firstRowIsHeader: true });
}

async function convert(path: string, run: () => Promise<{ value: string }>): Promise<string> {
  try {
    return (await run()).value;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    throw new IngestError('E_SOURCE_UNREADABLE', `Cannot read "${path}" as a Word document (${why}). Re-save it as .docx or remove it.`, { path, cause: err });
  }
}
