/**
 * Child-process entry that parses one staged upload with ingest's loadDocument (run by upload-sandbox.ts).
 * It runs in its own process so a parser that blows up (a zip bomb, a PDF inflating to a gigabyte) hits this
 * process's heap limit and time limit, never the service's event loop or heap.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { loadDocument } from '../../ingest/index.ts';
import { pdfTooManyPages } from './upload-sandbox.ts';

interface Job {
  path: string;
  root: string;
  maxTextChars: number;
  maxPdfPages: number;
}

/** The page count from the PDF's page tree (no page is rendered or read), for pages the byte scan missed. */
async function pdfPages(path: string): Promise<number> {
  const parser = new PDFParse({ data: await readFile(path) });
  try {
    return (await parser.getInfo()).total;
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

process.once('message', (job: Job) => {
  void (async () => {
    try {
      if (job.path.toLowerCase().endsWith('.pdf')) {
        const pages = await pdfPages(job.path);
        if (pages > job.maxPdfPages) {
          process.send?.({
            ok: false,
            code: 'E_PDF_TOO_MANY_PAGES',
            message: pdfTooManyPages(basename(job.path), pages, job.maxPdfPages),
          });
          process.disconnect?.();
          return;
        }
      }
      const { meta, chunks } = await loadDocument(job.path, job.root);
      const textChars = chunks.reduce((n, c) => n + c.text.length, 0);
      if (textChars > job.maxTextChars) {
        process.send?.({
          ok: false,
          code: 'E_TEXT_TOO_LONG',
          message: `the document holds ${textChars} characters of text; the limit is ${job.maxTextChars}`,
        });
      } else {
        process.send?.({ ok: true, meta, chunks: chunks.length });
      }
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      process.send?.({
        ok: false,
        code: typeof code === 'string' ? code : 'E_UNKNOWN',
        message: String((err as Error).message ?? err),
      });
    }
    process.disconnect?.();
  })();
});
