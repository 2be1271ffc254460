/**
 * PDF loader: pdf-parse v2 gives the text page by page, so every block keeps the page it starts on
 * and citations can name it. Lines then take the same path as plain text.
 */
import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import { IngestError } from '../errors.ts';
import type { Line } from '../line-repair.ts';
import { blocksFromLines, toLines } from '../text-pipeline.ts';
import type { LoadedSource } from '../types.ts';

/** Loads a .pdf file; a corrupt or encrypted file is `E_SOURCE_UNREADABLE`. */
export async function loadPdf(path: string): Promise<LoadedSource> {
  const data = new Uint8Array(await readFile(path));
  const parser = new PDFParse({ data });
  let pages: Array<{ num: number; text: string }>;
  try {
    pages = (await parser.getText()).pages;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new IngestError('E_SOURCE_UNREADABLE', `Cannot read "${path}" as a PDF (${why}). Replace it with a valid PDF or remove it.`, { path, cause: err });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  const lines: Line[] = pages.flatMap((p) => toLines(p.text, p.num));
  const { blocks, inferred } = blocksFromLines(lines);
  return { blocks, declared: {}, inferred };
}
