/**
 * DOCX loader. Two kinds of Word file reach us:
 * - guides styled with Heading 1/2 and lists: mammoth turns the styles into HTML (h1, li, table) and the
 *   HTML path builds the blocks, so both formats chunk the same way;
 * - official documents (a "Số: …" line or the national motto up front), structured by "I." / "Điều 1."
 *   numbering in plain paragraphs: their raw text takes the plain-text path, which reads the header into
 *   metadata, drops the motto, recipients and signature, and finds the numbered headings.
 */
import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
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
    // A decision's annex keeps its tables (the "cách thức thực hiện" table of each procedure): raw text
    // would spill every cell onto its own line, so the body is re-read with one line per table row.
    const html = await convert(path, () => mammoth.convertToHtml({ path }));
    const bodyTables = (html.match(/<table/g) ?? []).length > 1; // the first table is the header layout
    if (!bodyTables) return { blocks, declared: {}, inferred };
    return { blocks: blocksFromLines(officialLines(html), { wrapped: false }).blocks, declared: {}, inferred };
  }
  // mammoth writes no <title>, so fromHtml falls back to the first heading for the title. Word has
  // no <th>; the first row of a table in an administrative document is its header.
  return fromHtml(await convert(path, () => mammoth.convertToHtml({ path })), { firstRowIsHeader: true });
}

/** The document's lines with each table row on one line, cells "header: value" joined by " | ". */
function officialLines(html: string): ReturnType<typeof toLines> {
  const root = parse(html);
  for (const [t, table] of root.querySelectorAll('table').entries()) {
    const cells = table.querySelectorAll('tr').map((tr) => tr.querySelectorAll('td, th'));
    const rows = cells.map((r) => r.map((c) => c.structuredText.replace(/\s+/g, ' ').trim()));
    const [head, ...body] = rows;
    // The first table is the header layout (issuer | motto): its lines stay as they were, for the header reader.
    const lines =
      t === 0
        ? cells.flat().flatMap((c) => c.structuredText.split('\n'))
        : head && head.length > 1 && body.length > 0
          ? body.map((r) =>
              r
                .map((c, i) => (head[i] ? `${head[i]}: ${c}` : c))
                .filter((c) => !/:\s*$/.test(c))
                .join(' | '),
            )
          : rows.flat();
    table.replaceWith(lines.map((l) => `<p>${escapeHtml(l)}</p>`).join(''));
  }
  return toLines(root.structuredText, null);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function convert(path: string, run: () => Promise<{ value: string }>): Promise<string> {
  try {
    return (await run()).value;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    throw new IngestError(
      'E_SOURCE_UNREADABLE',
      `Cannot read "${path}" as a Word document (${why}). Re-save it as .docx or remove it.`,
      { path, cause: err },
    );
  }
}
