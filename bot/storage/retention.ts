/**
 * Retention (Nghị định 13/2023: personal data kept no longer than needed): a periodic job deletes inbox and
 * outbox rows, conversations, the question log and feedback older than RETENTION_DAYS (default 90). Rows still
 * waiting to be answered or sent are never deleted, whatever their age.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { PurgeCounts } from './types.ts';

/** Something with old rows to delete (the bot storage, the web store). */
export interface Purgeable {
  purge(before: number): Promise<PurgeCounts> | PurgeCounts;
}

/** How often the job runs; the first pass runs at start. */
export const RETENTION_INTERVAL_MS = 3600_000;

export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PurgeCounts> | null = null;

  constructor(
    private readonly o: {
      stores: Purgeable[];
      days: number;
      now: () => number;
      log: FastifyBaseLogger;
      intervalMs?: number;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.o.intervalMs ?? RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  /** One pass over every store; failures are logged with their code and tried again next pass. */
  runOnce(): Promise<PurgeCounts> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<PurgeCounts> {
    const before = this.o.now() - this.o.days * 86_400_000;
    const total: PurgeCounts = {};
    for (const store of this.o.stores) {
      try {
        for (const [table, n] of Object.entries(await store.purge(before))) total[table] = (total[table] ?? 0) + n;
      } catch (err) {
        this.o.log.error({ code: (err as { code?: string }).code }, 'retention pass failed; trying again next hour');
      }
    }
    if (Object.values(total).some((n) => n > 0))
      this.o.log.info({ deleted: total, days: this.o.days }, 'retention: old rows deleted');
    return total;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
