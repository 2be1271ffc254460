/**
 * runIngestInChild: the whole runIngest in a child process under a time cap and a heap cap (issue 10,
 * defect 1: a re-index after a bomb-sized upload ran 242 s on the service's own event loop). The index
 * writer swaps CURRENT atomically, so a child that dies or is stopped half way leaves the live version as
 * it was; the failure comes back as E_REINDEX_TIMEOUT or E_REINDEX_CRASHED. Progress arrives by message.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IngestReport } from '../../ingest/index.ts';
import type { Embedder, EmbedderConfig } from '../../knowledge/index.ts';
import type { ReindexChildMessage, ReindexJob } from './reindex-child.ts';

// By path, not by name: the service may run from another working folder than the one holding node_modules.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ReindexCaps {
  /** Wall time of one re-index (default 15 min: a large corpus with a remote embedder takes minutes). */
  timeoutMs: number;
  /** Heap of the re-index process (default 2048 MiB: it holds every chunk and vector of the corpus). */
  maxHeapMb: number;
}

export const DEFAULT_REINDEX_CAPS: ReindexCaps = { timeoutMs: 15 * 60_000, maxHeapMb: 2048 };

export interface ChildIngestOptions extends ReindexJob {
  caps: ReindexCaps;
  onProgress?: (p: { done: number; total: number; path: string }) => void;
  /** Called with the child's pid once it runs (tests kill it to show the live index survives). */
  onStart?: (pid: number) => void;
}

const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

/** The embedder's configuration as data; a hashed embedder is described by its info alone. */
export function embedderConfigOf(embedder: Embedder, given?: EmbedderConfig): EmbedderConfig {
  if (given) return given;
  if (embedder.info.kind === 'hashed') return { provider: 'hashed', dimensions: embedder.info.dimensions };
  throw failure(
    'E_REINDEX_CONFIG',
    `the ${embedder.info.kind} embedder cannot be rebuilt in the re-index process: pass its configuration (embedderConfig)`,
  );
}

export function runIngestInChild(o: ChildIngestOptions): Promise<IngestReport> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, 'reindex-child.ts'), [], {
      execArgv: ['--import', TSX_LOADER, `--max-old-space-size=${o.caps.maxHeapMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // The tail of the child's stderr says why it died (V8's "heap out of memory"); it is not copied to the log.
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    let outcome: ReindexChildMessage | null = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.caps.timeoutMs);
    if (child.pid !== undefined) o.onStart?.(child.pid);
    child.on('message', (m: ReindexChildMessage) => {
      if (m.type === 'progress') o.onProgress?.({ done: m.done, total: m.total, path: m.path });
      else outcome = m;
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(failure('E_REINDEX_CRASHED', `the re-index process could not start: ${err.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const m = outcome as ReindexChildMessage | null;
      if (m?.type === 'done') return resolve(m.report);
      if (m?.type === 'failed') return reject(failure(m.code, m.message));
      if (timedOut)
        return reject(
          failure(
            'E_REINDEX_TIMEOUT',
            `the re-index ran longer than ${Math.round(o.caps.timeoutMs / 1000)} s and was stopped; the live index is unchanged`,
          ),
        );
      const why = /heap out of memory/i.test(stderr)
        ? `out of its ${o.caps.maxHeapMb} MiB heap`
        : `${signal ?? `exit ${code}`}; usually out of its ${o.caps.maxHeapMb} MiB heap`;
      reject(failure('E_REINDEX_CRASHED', `the re-index process stopped (${why}); the live index is unchanged`));
    });
    const job: ReindexJob = { sourcesDir: o.sourcesDir, indexDir: o.indexDir, embedderConfig: o.embedderConfig };
    child.send(job);
  });
}
