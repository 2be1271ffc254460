/**
 * Child-process entry that parses one staged upload with ingest's loadDocument (run by upload-sandbox.ts).
 * It runs in its own process so a parser that blows up (a zip bomb, a PDF inflating to a gigabyte) hits this
 * process's heap limit and time limit, never the service's event loop or heap.
 */
import { loadDocument } from '../../ingest/index.ts';

interface Job {
  path: string;
  root: string;
  maxTextChars: number;
}

process.once('message', (job: Job) => {
  void (async () => {
    try {
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
