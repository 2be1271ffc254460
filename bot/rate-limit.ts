/**
 * A fixed-window counter per key (client IP) for the HTTP edges. Bounded memory: when too many keys are
 * tracked, the oldest windows are dropped first. The per-user limit lives in the worker instead, computed
 * from the inbox so it gives the same verdict after a restart.
 */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly maxKeys = 4096) {}

  /** Counts one hit; false when the key is over its limit in the current window. */
  hit(key: string, now: number): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.evict(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    w.count += 1;
    return w.count <= this.limit;
  }

  private evict(now: number): void {
    for (const [k, w] of this.windows) {
      if (now - w.start >= this.windowMs || this.windows.size >= this.maxKeys) this.windows.delete(k);
      if (this.windows.size < this.maxKeys / 2) return;
    }
  }
}
