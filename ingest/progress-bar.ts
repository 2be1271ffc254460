/**
 * A one-line progress bar for a TTY stream: "[██████░░░░] 12/40 plans/ke-hoach.txt".
 * Redraws in place with \r; callers only create it when the stream is a terminal.
 */

const WIDTH = 24; // cells in the bar

export interface ProgressStream {
  write(s: string): boolean;
  columns?: number;
}

/** Draws progress on one terminal line; `finish()` clears it so the summary starts clean. */
export class ProgressBar {
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label = 'ingest',
  ) {}

  /** Redraws the bar for `done` of `total`, naming the current item. */
  update(done: number, total: number, item: string): void {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * WIDTH);
    const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
    const head = `${this.label} [${bar}] ${done}/${total} `;
    const room = Math.max(10, (this.stream.columns ?? 80) - head.length - 1);
    const name = item.length > room ? `…${item.slice(item.length - room + 1)}` : item;
    this.stream.write(`\r\x1b[2K${head}${name}`);
    this.drawn = true;
  }

  /** Clears the line. */
  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
