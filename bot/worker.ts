/**
 * The worker: answers queued inbox rows (in order per user, several users at once) and delivers outbox rows
 * (in order per recipient) with backoff. See store.ts for why this gives exactly-once answers across crashes.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Conversations, type Turn } from './conversation.ts';
import { isBotError } from './errors.ts';
import { maskPersonalData } from './mask.ts';
import type { BotMetrics } from './metrics.ts';
import { FALLBACK_REPLY, RATE_LIMIT_REPLY, RESET_REPLY, TEXT_ONLY_REPLY, WELCOME_REPLY, isResetCommand } from './replies.ts';
import { splitReply } from './split-reply.ts';
import type { BotStore, InboxRow, OutboxRow } from './store.ts';
import { backoffMs, type TextSender } from './zalo-http.ts';

/** What the worker needs from an answer (a subset of answer/'s AnswerResult). */
export interface AnswerLike { answer: string; refused: boolean; topicDocumentId: string | null }

/** Which channel asked and in which session: they travel into the question log (web/'s AnswerCallContext). */
export interface AskContext { history: Turn[]; asOf: string; channel: 'zalo-oa' | 'zalo-bot' | 'web' | 'api'; session: string | null }

/** The one answer entry point every channel calls, e.g. `(q, ctx) => web.answer(q, ctx)`. */
export type Answerer<R extends AnswerLike = AnswerLike> = (question: string, ctx: AskContext) => Promise<R>;

export interface WorkerOptions {
  store: BotStore;
  answer: Answerer;
  senders: Partial<Record<'oa' | 'bot', TextSender>>;
  now: () => number;
  log: FastifyBaseLogger;
  metrics: BotMetrics;
  userPerMinute: number;
  answerConcurrency: number;
  sendConcurrency: number;
  outboxMaxAgeMs: number;
  conversationIdleMs: number;
  random?: () => number;
}

/** Rows looked at per pass, per unit of concurrency; small because a pass runs after every finished item. */
const ROWS_PER_SLOT = 4;
const TICK_MS = 250;

/** The date an answer is given for, in Vietnam (UTC+7), as YYYY-MM-DD. */
export function vietnamDate(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
}

export class Worker {
  private readonly answering = new Set<string>();
  private readonly sending = new Set<string>();
  private readonly active = new Set<Promise<void>>();
  private readonly conversations: Conversations;
  private scheduled = false;
  private running = false;
  private ticker: NodeJS.Timeout | null = null;

  constructor(private readonly o: WorkerOptions) {
    this.conversations = new Conversations(o.store, o.conversationIdleMs);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // The tick picks up retries whose backoff has passed; new events call kick() directly.
    this.ticker = setInterval(() => this.kick(), TICK_MS);
    this.ticker.unref();
    this.kick();
  }

  /** Schedules a pass over the inbox and outbox (cheap to call often). */
  kick(): void {
    if (!this.running || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.running) return;
      this.pumpAnswers();
      this.pumpSends();
    });
  }

  /** Stops taking new work and waits for items in progress; queued work stays queued for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.ticker) clearInterval(this.ticker);
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  /** Items in progress (for tests and the bench). */
  get busy(): number {
    return this.active.size;
  }

  private track(p: Promise<void>): void {
    const guarded = p.catch((err: unknown) => {
      // A failed commit leaves the row where it was (queued / pending); the next pass tries it again.
      this.o.log.error({ code: (err as { code?: string }).code }, 'worker could not record progress');
    });
    this.active.add(guarded);
    void guarded.finally(() => {
      this.active.delete(guarded);
      this.kick();
    });
  }

  private pumpAnswers(): void {
    if (this.answering.size >= this.o.answerConcurrency) return;
    const seen = new Set<string>();
    for (const row of this.o.store.queued(this.o.answerConcurrency * ROWS_PER_SLOT)) {
      if (this.answering.size >= this.o.answerConcurrency) return;
      // Only the oldest queued row of each user may start: answers go out in the order questions came in.
      if (seen.has(row.userKey) || this.answering.has(row.userKey)) { seen.add(row.userKey); continue; }
      seen.add(row.userKey);
      this.answering.add(row.userKey);
      this.track(this.answerOne(row).finally(() => this.answering.delete(row.userKey)));
    }
  }

  private async answerOne(row: InboxRow): Promise<void> {
    try {
      const { outcome, parts, turn } = await this.reply(row);
      const now = this.o.now();
      await this.o.store.batched(() => {
        if (turn) this.conversations.record(row.userKey, turn, now);
        this.o.store.complete(row, outcome, parts, maskPersonalData(row.text), now);
      });
    } catch (err) {
      // Only a database failure gets here; the row stays queued and is tried again on the next pass.
      this.o.log.error({ err: { code: (err as { code?: string }).code, message: (err as Error).message }, inboxId: row.id }, 'could not record an answer');
    }
  }

  private async reply(row: InboxRow): Promise<{ outcome: string; parts: string[]; turn?: Turn }> {
    if (row.kind === 'follow') return { outcome: 'welcome', parts: splitReply(WELCOME_REPLY) };
    if (row.kind === 'unsupported') return { outcome: 'unsupported', parts: [TEXT_ONLY_REPLY] };
    const recent = this.o.store.countRecent(row.userKey, row.receivedAt - 60_000, row.id);
    if (recent > this.o.userPerMinute) {
      this.o.metrics.rateLimited.inc({ scope: 'user' });
      // One polite reply per burst, then silence until the window moves on.
      return recent === this.o.userPerMinute + 1 ? { outcome: 'rate-limited', parts: [RATE_LIMIT_REPLY] } : { outcome: 'rate-limited-silent', parts: [] };
    }
    if (isResetCommand(row.text)) {
      this.conversations.reset(row.userKey);
      return { outcome: 'reset', parts: [RESET_REPLY] };
    }
    return this.answerText(row);
  }

  private async answerText(row: InboxRow): Promise<{ outcome: string; parts: string[]; turn?: Turn }> {
    const started = this.o.now();
    const channel = row.channel;
    try {
      const history = this.conversations.history(row.userKey, started);
      const result = await this.o.answer(row.text, { history, asOf: vietnamDate(started), channel: channel === 'oa' ? 'zalo-oa' : 'zalo-bot', session: row.userKey });
      this.o.metrics.answerSeconds.observe((this.o.now() - started) / 1000);
      if (result.refused) this.o.metrics.refusals.inc({ channel });
      const turn = { question: maskPersonalData(row.text), topicDocumentId: result.topicDocumentId, at: new Date(started).toISOString() };
      const parts = splitReply(result.answer);
      return { outcome: result.refused ? 'refused' : 'answered', parts: parts.length ? parts : [FALLBACK_REPLY], turn };
    } catch (err) {
      // The error boundary: whatever answer() does, the user hears back.
      this.o.metrics.answerFailures.inc();
      this.o.log.error({ inboxId: row.id, err: { code: (err as { code?: string }).code, message: maskPersonalData(String((err as Error)?.message ?? err)) } }, 'answer failed; sending the fallback');
      return { outcome: 'failed', parts: [FALLBACK_REPLY] };
    }
  }

  private pumpSends(): void {
    if (this.sending.size >= this.o.sendConcurrency) return;
    const now = this.o.now();
    const seen = new Set<string>();
    for (const row of this.o.store.pending(this.o.sendConcurrency * ROWS_PER_SLOT)) {
      if (this.sending.size >= this.o.sendConcurrency) return;
      const key = `${row.channel}:${row.recipient}`;
      // The oldest pending row of a recipient blocks the later ones, even while it waits for its backoff.
      if (seen.has(key) || this.sending.has(key)) { seen.add(key); continue; }
      seen.add(key);
      if (row.nextAt > now) continue;
      this.sending.add(key);
      this.track(this.sendOne(row).finally(() => this.sending.delete(key)));
    }
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    const sender = this.o.senders[row.channel];
    const now = this.o.now();
    if (!sender || now - row.createdAt > this.o.outboxMaxAgeMs) {
      await this.o.store.batched(() => this.o.store.markFailed(row.id, 'expired', sender ? 'E_TOO_OLD' : 'E_CHANNEL_OFF'));
      this.o.log.warn({ outboxId: row.id, channel: row.channel }, 'reply given up (too old or channel off)');
      return;
    }
    let messageId: string | null;
    try {
      messageId = (await sender.sendText(row.recipient, row.text, { quoteId: row.quoteId, first: row.part === 0 })).messageId;
    } catch (err) {
      await this.failed(row, err);
      return;
    }
    // The row stays claimed (this.sending) until the commit, so it cannot be picked and sent a second time.
    await this.o.store.batched(() => this.o.store.markSent(row.id, messageId, this.o.now()));
    this.o.metrics.messagesOut.inc({ channel: row.channel });
  }

  private async failed(row: OutboxRow, err: unknown): Promise<void> {
    const code = isBotError(err) ? String(err.zaloCode ?? err.code) : 'E_UNEXPECTED';
    const retryable = isBotError(err) ? err.retryable : true;
    this.o.metrics.sendErrors.inc({ channel: row.channel, code });
    const attempt = row.attempts + 1;
    const message = isBotError(err) ? err.message : 'unexpected send error';
    if (retryable) {
      const nextAt = this.o.now() + backoffMs(attempt, this.o.random);
      await this.o.store.batched(() => this.o.store.markRetry(row.id, nextAt, code));
      this.o.log.warn({ outboxId: row.id, attempt, code }, `send failed, will retry: ${message}`);
      return;
    }
    await this.o.store.batched(() => this.o.store.markFailed(row.id, 'refused', code));
    this.o.log.warn({ outboxId: row.id, code }, `send refused, not retried: ${message}`);
  }
}
