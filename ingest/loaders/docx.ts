/**
 * DOCX loader: mammoth turns Word styles into HTML (Heading 1 → h1, lists → li, tables → table),
 * then the HTML path builds the blocks, so both formats chunk the same way.
 */
import mammoth from 'mammoth';
import { IngestError } from '../errors.ts';
import type { LoadedSource } from '../types.ts';
import { fromHtml } from './html.ts';

/** Loads a .docx file; a file mammoth cannot open is `E_SOURCE_UNREADABLE`. */
export async function loadDocx(path: string): Promise<LoadedSource> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ path })).value;
  } catch (err) {
    throw new IngestError('E_SOURCE_UNREADABLE', `Cannot read "${path}" as a Word document (${reason(err)}). Re-save it as .docx or remove it.`, { path, cause: err });
  }
  // mammoth writes no <title>, so fromHtml falls back to the first heading for the title. Word has
  // no <th>; the first row of a table in an administrative document is its header.
  return fromHtml(html, { firstRowIsHeader: true });
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}
