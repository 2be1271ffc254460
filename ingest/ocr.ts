/**
 * OCR for PDF pages without a text layer (signed decisions are often scans): poppler's pdftoppm renders
 * the page, Debian's tesseract-ocr with the Vietnamese data (tesseract-ocr-vie) reads it. Both are
 * optional system tools: when absent the pages are skipped with a clear reason in the ingest report.
 * OCR that loses Vietnamese diacritics reads "Thoi han giai quyet" — searchable, but not quotable as
 * the source's wording — so the share of syllables still carrying marks is measured and flagged.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { foldText } from '../knowledge/index.ts';

const run = promisify(execFile);

export interface OcrTools {
  pdftoppm: string;
  tesseract: string;
}
export const DEFAULT_OCR_TOOLS: OcrTools = { pdftoppm: 'pdftoppm', tesseract: 'tesseract' };

/** A page with fewer visible characters than this has no usable text layer. */
export const MIN_TEXT_LAYER = 10;
/** Below this share of marked syllables, Vietnamese text has lost its diacritics (normal prose: 0.6–0.8). */
export const MIN_MARK_SHARE = 0.3;
/** Too few syllables say nothing about diacritics. */
const MIN_SYLLABLES_TO_JUDGE = 20;
const PAGE_TIMEOUT_MS = 120_000;

/** Share of syllables (letter runs) with a Vietnamese mark or đ; null when there are none. */
export function markShare(text: string): number | null {
  const words = text.normalize('NFC').match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return null;
  const marked = words.filter((w) => foldText(w) !== w.toLowerCase()).length;
  return Math.round((marked / words.length) * 1000) / 1000;
}

/** True when the text is long enough to judge and too few syllables carry marks. */
export function diacriticsLost(text: string): boolean {
  const share = markShare(text);
  const words = text.match(/\p{L}+/gu)?.length ?? 0;
  return share !== null && words >= MIN_SYLLABLES_TO_JUDGE && share < MIN_MARK_SHARE;
}

/** Why OCR cannot run here, or null when tesseract (with Vietnamese) and pdftoppm are installed. */
export async function ocrUnavailable(tools: OcrTools = DEFAULT_OCR_TOOLS): Promise<string | null> {
  const hint = 'install them with: apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils';
  let langs: string;
  try {
    const r = await run(tools.tesseract, ['--list-langs'], { timeout: 10_000 });
    langs = `${r.stdout}\n${r.stderr}`;
  } catch {
    return `tesseract is not installed (${hint})`;
  }
  if (!/^vie$/m.test(langs)) return `tesseract has no Vietnamese data (tesseract-ocr-vie; ${hint})`;
  try {
    await run(tools.pdftoppm, ['-v'], { timeout: 10_000 });
  } catch (err) {
    // pdftoppm -v prints its version and may exit non-zero on old poppler; only a missing binary counts.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return `pdftoppm is not installed (${hint})`;
  }
  return null;
}

/** OCRs the given 1-based pages of a PDF; returns page → text. */
export async function ocrPages(
  pdfPath: string,
  pages: readonly number[],
  tools: OcrTools = DEFAULT_OCR_TOOLS,
): Promise<Map<number, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidap-ocr-'));
  const out = new Map<number, string>();
  try {
    for (const page of pages) {
      const base = join(dir, `p${page}`);
      await run(
        tools.pdftoppm,
        ['-r', '300', '-gray', '-png', '-singlefile', '-f', String(page), '-l', String(page), pdfPath, base],
        { timeout: PAGE_TIMEOUT_MS },
      );
      await run(tools.tesseract, [`${base}.png`, base, '-l', 'vie'], { timeout: PAGE_TIMEOUT_MS });
      out.set(page, await readFile(`${base}.txt`, 'utf8'));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
