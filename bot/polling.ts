/**
 * Long-polling mode of the Zalo Bot Platform (development without a public URL). Never runs together with
 * the webhook: app.ts registers one or the other, and polling first deletes any registered webhook because
 * getUpdates stays silent while one is set (goclaw issue #1542).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ZaloBotClient } from './bot-client.ts';
import { isBotError } from './errors.ts';
import { parseBotUpdate } from './events.ts';
import type { Intake } from './intake.ts';

export interface PollerOptions {
  client: ZaloBotClient;
  intake: Intake;
  log: FastifyBaseLogger;
  now: () => number;
  /** Long-poll timeout in seconds (default 30). */
  timeoutS?: number;
  /** Pause after a failed poll, ms (default 5000). */
  errorPauseMs?: number;
}

export class Poller {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly o: PollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the poll in progress (at most timeoutS + 5 s). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    await this.o.client.deleteWebhook().catch((err: unknown) => {
      this.o.log.warn({ code: isBotError(err) ? err.code : 'E_UNEXPECTED' }, 'deleteWebhook failed; polling anyway');
    });
    this.o.log.info('Zalo Bot long polling started');
    while (this.running) {
      try {
        const updates = await this.o.client.getUpdates(this.o.timeoutS ?? 30);
        for (const u of updates) await this.o.intake(parseBotUpdate(u, this.o.now()), this.o.log);
      } catch (err) {
        const message = isBotError(err) ? err.message : 'unexpected polling error';
        this.o.log.warn(`getUpdates failed: ${message}`);
        await this.pause(this.o.errorPauseMs ?? 5000);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
}
