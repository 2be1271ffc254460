/**
 * PDF loader: pdf-parse v2 gives the text page by page, so every block keeps the page it starts on
 * and citations can name it. Lines then take the same path as plain text.
 */
import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import { IngestError } from '../errors.ts';
import type { Line } from '../line-repair.ts';
import { blocksFromLines, toLines } from '../text-pipeline.ts';
import { diacriticsLost, markShare, MIN_TEXT_LAYER, ocrPages, ocrUnavailable } from '../ocr.ts';
import type { LoadedSource, OcrFinding } from '../types.ts';

/** Loads a .pdf file; a corrupt or encrypted file is `E_SOURCE_UNREADABLE`. */
export async function loadPdf(path: string): Promise<LoadedSource> {
  const data = new Uint8Array(await readFile(path));
  const parser = new PDFParse({ data });
  let pages: Array<{ num: number; text: string }>;
  try {
    pages = (await parser.getText()).pages;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new IngestError(
      'E_SOURCE_UNREADABLE',
      `Cannot read "${path}" as a PDF (${why}). Replace it with a valid PDF or remove it.`,
      { path, cause: err },
    );
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  const ocr = await readScannedPages(path, pages);
  const lines: Line[] = pages.flatMap((p) => toLines(p.text, p.num));
  const { blocks, inferred } = blocksFromLines(lines);
  return ocr ? { blocks, declared: {}, inferred, ocr } : { blocks, declared: {}, inferred };
}

/** Pages without a text layer get their text from OCR (in place); null when every page had text. */
async function readScannedPages(path: string, pages: Array<{ num: number; text: string }>): Promise<OcrFinding | null> {
  const scanned = pages.filter((p) => p.text.replace(/\s+/g, '').length < MIN_TEXT_LAYER).map((p) => p.num);
  if (scanned.length === 0) return null;
  const missing = await ocrUnavailable();
  if (missing) return { pages: scanned, read: [], markShare: null, diacriticsLost: false, skipped: missing };
  const texts = await ocrPages(path, scanned);
  for (const p of pages) if (texts.has(p.num)) p.text = texts.get(p.num)!;
  const all = [...texts.values()].join('\n');
  return {
    pages: scanned,
    read: [...texts.keys()],
    markShare: markShare(all),
    diacriticsLost: diacriticsLost(all),
    skipped: null,
  };
}
