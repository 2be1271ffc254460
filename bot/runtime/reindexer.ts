/**
 * Background re-indexing for the console: one run at a time; a request during a run queues exactly one
 * more run (the files may have changed after the running scan). After each run the holder swaps in the
 * new base, so the chat cites an uploaded document without a restart.
 *
 * The run itself (scan, parse, chunk, embed, write) happens in a capped child process (reindex-worker.ts);
 * only opening the new version (`holder.reload()`) stays on the service's loop. Instances sharing
 * INDEX_DIR pass `serialize` (a lock across instances) so two never write the index at the same time.
 */
import { performance } from 'node:perf_hooks';
import type { IngestReport } from '../../ingest/index.ts';
import type { Embedder, EmbedderConfig } from '../../knowledge/index.ts';
import type { KnowledgeHolder } from './knowledge-holder.ts';
import { DocumentReports, type DocumentReport } from './reindex-report.ts';
import { DEFAULT_REINDEX_CAPS, embedderConfigOf, runIngestInChild, type ReindexCaps } from './reindex-worker.ts';

/** Runs `fn` holding a lock shared by every instance (BotStorage.withTokenLock('reindex', ...)). */
export type ReindexLock = <T>(fn: () => Promise<T>) => Promise<T>;

export interface ReindexStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** While running: waiting for another instance's re-index, indexing in the child, or opening the result. */
  phase: 'waiting' | 'indexing' | 'loading' | null;
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
  /** How long opening the last new version took on the service's loop (ms; null when nothing was swapped). */
  swapMs: number | null;
}

export interface ReindexerOptions {
  sourcesDir: string;
  indexDir: string;
  embedder: Embedder;
  /** The embedder's configuration, rebuilt in the child (required for remote embedders; see bot/config.ts). */
  embedderConfig?: EmbedderConfig;
  /** Time and heap caps of the re-index process (default DEFAULT_REINDEX_CAPS). */
  caps?: Partial<ReindexCaps>;
  /** Serializes runs across instances sharing INDEX_DIR; set later with serializeWith() when the store opens. */
  serialize?: ReindexLock;
  holder: KnowledgeHolder;
  /** Called with the new base's documents after each swap (the store notes when each was indexed). */
  onSwap?: (docs: Array<{ id: string; contentHash: string }>) => void;
  now?: () => Date;
}

export class Reindexer {
  private s: ReindexStatus = {
    state: 'idle',
    phase: null,
    runs: 0,
    queued: false,
    reason: null,
    startedAt: null,
    finishedAt: null,
    progress: { done: 0, total: 0, path: null },
    report: null,
    error: null,
    swapMs: null,
  };
  private running: Promise<void> | null = null;
  private readonly now: () => Date;
  private lock: ReindexLock | null;
  private readonly caps: ReindexCaps;
  private readonly reports = new DocumentReports();
  private stopped = false;
  /** Pid of the running re-index process (tests kill it). */
  childPid: number | null = null;

  constructor(private readonly o: ReindexerOptions) {
    this.now = o.now ?? (() => new Date());
    this.lock = o.serialize ?? null;
    this.caps = { ...DEFAULT_REINDEX_CAPS, ...o.caps };
  }

  /** Serializes later runs with `lock` (wired once the bot's storage is open; see start-cli.ts). */
  serializeWith(lock: ReindexLock): void {
    this.lock = lock;
  }

  status(): ReindexStatus {
    return structuredClone(this.s);
  }

  /** The last re-index report of each document read since the service started (for the console). */
  documentReports(): DocumentReport[] {
    return structuredClone(this.reports.list());
  }

  /** Starts a run now, or queues one after the current run. Returns at once. */
  request(reason: string): ReindexStatus {
    if (this.stopped) return this.status();
    if (this.running) {
      this.s.queued = true;
      this.s.reason = reason;
      return this.status();
    }
    this.running = this.loop(reason);
    return this.status();
  }

  /**
   * Shutdown: drops a queued run and stops the running re-index process (the writer is atomic, so the live
   * version stays as it was), then resolves when nothing runs. Later requests are ignored.
   */
  async stop(): Promise<ReindexStatus> {
    this.stopped = true;
    this.s.queued = false;
    if (this.childPid !== null) {
      try {
        process.kill(this.childPid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    return this.idle();
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
      phase: 'waiting',
      runs: this.s.runs + 1,
      reason,
      startedAt: this.now().toISOString(),
      finishedAt: null,
      progress: { done: 0, total: 0, path: null },
      error: null,
    });
    try {
      const ingest = () => {
        if (this.stopped)
          throw Object.assign(new Error('not started: the service is shutting down'), { code: 'E_REINDEX_FAILED' });
        this.s.phase = 'indexing';
        return runIngestInChild({
          sourcesDir: this.o.sourcesDir,
          indexDir: this.o.indexDir,
          embedderConfig: embedderConfigOf(this.o.embedder, this.o.embedderConfig),
          caps: this.caps,
          onStart: (pid) => (this.childPid = pid),
          onProgress: (p) => {
            this.s.progress = { done: p.done, total: p.total, path: p.path };
          },
        }).finally(() => (this.childPid = null));
      };
      const report = await (this.lock ? this.lock(ingest) : ingest());
      this.s.phase = 'loading';
      // Only a new version is opened: a run that changed nothing (a start-up refresh) swaps only when another
      // instance published a version meanwhile. Opening blocks this loop (measured in swapMs).
      const started = performance.now();
      const kb = report.wrote ? await this.o.holder.reload() : await this.o.holder.syncWithDisk();
      this.s.swapMs = kb ? Math.round(performance.now() - started) : null;
      if (kb) this.o.onSwap?.(kb.manifest.documents.map((d) => ({ id: d.meta.id, contentHash: d.contentHash })));
      this.reports.note(report, this.now().toISOString());
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
    this.s.phase = null;
    this.s.finishedAt = this.now().toISOString();
  }
}
