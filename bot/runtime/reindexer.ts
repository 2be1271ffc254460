/**
 * Background re-indexing for the console: one run at a time; a request during a run queues exactly one
 * more run (the files may have changed after the running scan). After each run the holder swaps in the
 * new base, so the chat cites an uploaded document without a restart.
 */
import { runIngest, type IngestReport } from '../../ingest/index.ts';
import type { Embedder } from '../../knowledge/index.ts';
import type { KnowledgeHolder } from './knowledge-holder.ts';

export interface ReindexStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** Runs started since the service started. */
  runs: number;
  /** A run is waiting for the current one to finish. */
  queued: boolean;
  reason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { done: number; total: number; path: string | null };
  /** The last finished run's report (paths relative to the sources folder). */
  report: Pick<
    IngestReport,
    'added' | 'updated' | 'removed' | 'failed' | 'chunks' | 'seconds' | 'wrote' | 'procedures' | 'ocr'
  > | null;
  error: { code: string; message: string } | null;
}

export interface ReindexerOptions {
  sourcesDir: string;
  indexDir: string;
  embedder: Embedder;
  holder: KnowledgeHolder;
  /** Called with the new base's documents after each swap (the store notes when each was indexed). */
  onSwap?: (docs: Array<{ id: string; contentHash: string }>) => void;
  now?: () => Date;
}

export class Reindexer {
  private s: ReindexStatus = {
    state: 'idle',
    runs: 0,
    queued: false,
    reason: null,
    startedAt: null,
    finishedAt: null,
    progress: { done: 0, total: 0, path: null },
    report: null,
    error: null,
  };
  private running: Promise<void> | null = null;
  private readonly now: () => Date;

  constructor(private readonly o: ReindexerOptions) {
    this.now = o.now ?? (() => new Date());
  }

  status(): ReindexStatus {
    return structuredClone(this.s);
  }

  /** Starts a run now, or queues one after the current run. Returns at once. */
  request(reason: string): ReindexStatus {
    if (this.running) {
      this.s.queued = true;
      this.s.reason = reason;
      return this.status();
    }
    this.running = this.loop(reason);
    return this.status();
  }

  /** Resolves when no run is running or queued (tests, shutdown). */
  async idle(): Promise<ReindexStatus> {
    while (this.running) await this.running;
    return this.status();
  }

  private async loop(reason: string): Promise<void> {
    let why: string | null = reason;
    while (why !== null) {
      await this.runOnce(why);
      why = this.s.queued ? (this.s.reason ?? 'queued') : null;
      this.s.queued = false;
    }
    this.running = null;
  }

  private async runOnce(reason: string): Promise<void> {
    Object.assign(this.s, {
      state: 'running',
      runs: this.s.runs + 1,
      reason,
      startedAt: this.now().toISOString(),
      finishedAt: null,
      progress: { done: 0, total: 0, path: null },
      error: null,
    });
    try {
      const report = await runIngest({
        sourcesDir: this.o.sourcesDir,
        indexDir: this.o.indexDir,
        embedder: this.o.embedder,
        onProgress: (p) => {
          this.s.progress = { done: p.done, total: p.total, path: p.path };
        },
      });
      const kb = await this.o.holder.reload();
      this.o.onSwap?.(kb.manifest.documents.map((d) => ({ id: d.meta.id, contentHash: d.contentHash })));
      const { added, updated, removed, failed, chunks, seconds, wrote, procedures, ocr } = report;
      Object.assign(this.s, {
        state: 'done',
        report: { added, updated, removed, failed, chunks, seconds, wrote, procedures, ocr },
      });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      this.s.state = 'failed';
      this.s.error = {
        code: typeof code === 'string' ? code : 'E_REINDEX_FAILED',
        message: (err as Error).message ?? String(err),
      };
    }
    this.s.finishedAt = this.now().toISOString();
  }
}
