/**
 * Ingest speed on PDFs: a generated multi-page PDF (the 2024 plan's text, repeated) run through the real
 * ingest pipeline. Vietnamese needs a font with its glyphs; without DejaVu the text is folded to ASCII so
 * the benchmark still runs (the loader then does the same work on simpler text).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { loadDocument, runIngest } from '../ingest/index.ts';
import { foldText, type Embedder } from '../knowledge/index.ts';
import { placeName, varyNumbers } from './bench-corpus.ts';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
/** Lines of plan text per page (wrapped plan lines are short): about a full A4 page at 10 pt. */
const LINES_PER_PAGE = 40;

/**
 * Writes a PDF of about `pages` pages built from `text` (cycled); returns the real page count (pdfkit adds a page
 * when a block overflows) and whether the Vietnamese font was used.
 */
export async function writeBenchPdf(
  path: string,
  text: string,
  pages: number,
): Promise<{ pages: number; font: boolean }> {
  const useFont = existsSync(FONT);
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('|'));
  const doc = new PDFDocument({ size: 'A4', margin: 50, autoFirstPage: false });
  let written = 0;
  doc.on('pageAdded', () => {
    written++;
    if (useFont) doc.font(FONT);
    doc.fontSize(10);
  });
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('finish', () => resolve());
    out.on('error', reject);
    doc.pipe(out);
  });
  for (let p = 0; p < pages; p++) {
    doc.addPage();
    const block: string[] = [];
    for (let i = 0; i < LINES_PER_PAGE; i++) {
      const at = p * LINES_PER_PAGE + i;
      const cycle = Math.floor(at / lines.length);
      // Repeated lines would be dropped as running headers/footers: vary each pass over the text.
      const base = lines[at % lines.length] as string;
      block.push(cycle === 0 ? base : `${varyNumbers(base, cycle)} (${placeName(cycle)})`);
    }
    const body = block.join('\n');
    doc.text(useFont ? body : foldText(body));
  }
  doc.end();
  await done;
  return { pages: written, font: useFont };
}

export interface PdfIngestResult {
  pages: number;
  /** Whole ingest: parse, chunk, embed, write the index (fsync included). */
  seconds: number;
  pagesPerSecond: number;
  /** Parsing and chunking only (loadDocument), the part that depends on the PDF. */
  loadSeconds: number;
  loadPagesPerSecond: number;
  chunks: number;
  vietnameseFont: boolean;
}

/** Generates the PDF into `workDir/sources`, ingests it into `workDir/index`, and times the ingest. */
export async function benchPdfIngest(
  workDir: string,
  planPath: string,
  pages: number,
  embedder: Embedder,
): Promise<PdfIngestResult> {
  const sourcesDir = join(workDir, 'sources', 'guides');
  await mkdir(sourcesDir, { recursive: true });
  const pdfPath = join(sourcesDir, 'bench-plan.pdf');
  const made = await writeBenchPdf(pdfPath, await readFile(planPath, 'utf8'), pages);
  // The first PDF parse pays a one-off start-up (pdf.js and font loading); warm up on a 1-page file first.
  const warm = join(workDir, 'warm.pdf');
  await writeBenchPdf(warm, 'Khởi động', 1);
  await loadDocument(warm, workDir);
  const loadStarted = performance.now();
  await loadDocument(pdfPath, join(workDir, 'sources'));
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const started = performance.now();
  const report = await runIngest({ sourcesDir: join(workDir, 'sources'), indexDir: join(workDir, 'index'), embedder });
  const seconds = (performance.now() - started) / 1000;
  if (report.failed.length > 0)
    throw new Error(`PDF ingest failed: ${report.failed.map((f) => `${f.code} ${f.reason}`).join('; ')}`);
  const n = made.pages;
  return {
    pages: n,
    seconds,
    pagesPerSecond: n / seconds,
    loadSeconds,
    loadPagesPerSecond: n / loadSeconds,
    chunks: report.chunks,
    vietnameseFont: made.font,
  };
}
