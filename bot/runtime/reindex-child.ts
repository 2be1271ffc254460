/**
 * Child-process entry that runs one whole re-index — scan, parse, chunk, embed, write the new version — for
 * reindex-worker.ts. It runs in its own process so a corpus that blows up (a zip bomb accepted under the
 * upload caps, a PDF inflating to a gigabyte, a slow embedder) hits this process's heap and time limits,
 * never the service's event loop: Zalo acks stay fast during a re-index. The embedder is rebuilt here from
 * its configuration (plain data), since a live embedder object cannot cross a process boundary.
 */
import { runIngest } from '../../ingest/index.ts';
import { createEmbedder, type EmbedderConfig } from '../../knowledge/index.ts';

export interface ReindexJob {
  sourcesDir: string;
  indexDir: string;
  embedderConfig: EmbedderConfig;
}

/** Messages to the parent: progress while running, then exactly one `done` or `failed`. */
export type ReindexChildMessage =
  | { type: 'progress'; done: number; total: number; path: string }
  | { type: 'done'; report: Awaited<ReturnType<typeof runIngest>> }
  | { type: 'failed'; code: string; message: string };

const send = (m: ReindexChildMessage): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(m, undefined, undefined, () => resolve());
  });

process.once('message', (job: ReindexJob) => {
  void (async () => {
    try {
      const report = await runIngest({
        sourcesDir: job.sourcesDir,
        indexDir: job.indexDir,
        embedder: createEmbedder(job.embedderConfig),
        onProgress: (p) => void send({ type: 'progress', ...p }),
      });
      await send({ type: 'done', report });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      await send({
        type: 'failed',
        code: typeof code === 'string' ? code : 'E_REINDEX_FAILED',
        message: String((err as Error).message ?? err),
      });
    }
    process.disconnect?.();
  })();
});
