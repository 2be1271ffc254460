/**
 * The worker: claims queued inbox rows in the database (the oldest open row of each user, so one user's answers
 * stay in order whichever instance answers them, and a slow answer for one user never holds up another user),
 * answers them, and claims due outbox rows the same way (the oldest unsent row of each recipient, ordered by
 * when it is due: one user's failing sends never delay another user's reply). See storage/types.ts for why
 * this answers exactly once and sends at least once across crashes and instances.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Continuation } from '../answer/index.ts';
import { Conversations, appendTurn, type Turn } from './conversation.ts';
import { isBotError } from './errors.ts';
import { maskPersonalData } from './mask.ts';
import type { BotMetrics } from './metrics.ts';
import {
  FALLBACK_REPLY,
  RATE_LIMIT_REPLY,
  RESET_REPLY,
  TEXT_ONLY_REPLY,
  WELCOME_REPLY,
  isResetCommand,
} from './replies.ts';
import { splitReply, splitReplyKeepingRest, withRest } from './split-reply.ts';
import type { BotStorage, InboxRow, OutboxRow } from './storage/index.ts';
import { backoffMs, type TextSender } from './zalo-http.ts';

/** What the worker needs from an answer (a subset of answer/'s AnswerResult). */
export interface AnswerLike {
  answer: string;
  refused: boolean;
  topicDocumentId: string | null;
  /** What the reply did not show, for "xem thêm" (answer/'s AnswerResult.more). */
  more?: Continuation | null;
}

/** Which channel asked and in which session: they travel into the question log (web/'s AnswerCallContext). */
export interface AskContext {
  history: Turn[];
  asOf: string;
  channel: 'zalo-oa' | 'zalo-bot' | 'web' | 'api';
  session: string | null;
}

/** The one answer entry point every channel calls, e.g. `(q, ctx) => web.answer(q, ctx)`. */
export type Answerer<R extends AnswerLike = AnswerLike> = (question: string, ctx: AskContext) => Promise<R>;

export interface WorkerOptions {
  store: BotStorage;
  /** This instance's name in claims (INSTANCE_ID); a restart under the same name takes its claims back at once. */
  owner: string;
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
  /** How long a claim lasts before another instance may take the row (default 30 s for answers, 3 × send timeout + 5 s for sends). */
  answerLeaseMs?: number;
  sendLeaseMs?: number;
}

const TICK_MS = 250;
const DEFAULT_ANSWER_LEASE_MS = 30_000;

/** The date an answer is given for, in Vietnam (UTC+7), as YYYY-MM-DD. */
export function vietnamDate(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
}

export class Worker {
  private answering = 0;
  private sending = 0;
  /**
   * Rows this process is working on. A claim can hand one back when its lease ran out while the work was still
   * going (a slow Zalo call, a clock that jumped): it is skipped, not answered or sent a second time. A row
   * whose claim committed without this process learning it (a connection lost after the commit) is not here,
   * so it is taken up again.
   */
  private readonly answeringIds = new Set<number>();
  private readonly sendingIds = new Set<number>();
  private readonly active = new Set<Promise<void>>();
  private readonly conversations: Conversations;
  private scheduled = false;
  private pumping = false;
  private again = false;
  private running = false;
  private ticker: NodeJS.Timeout | null = null;
  private readonly answerLeaseMs: number;
  private readonly sendLeaseMs: number;
  private started: Promise<void> | null = null;

  constructor(private readonly o: WorkerOptions) {
    this.conversations = new Conversations(o.store, o.conversationIdleMs);
    this.answerLeaseMs = o.answerLeaseMs ?? DEFAULT_ANSWER_LEASE_MS;
    this.sendLeaseMs = o.sendLeaseMs ?? 30_000;
  }

  /** Takes back this instance's claims from a previous life (killed under the same INSTANCE_ID), then runs. */
  start(): Promise<void> {
    if (this.running) return this.started ?? Promise.resolve();
    this.running = true;
    this.started = this.o.store
      .releaseClaims(this.o.owner)
      .catch((err: unknown) => {
        this.o.log.error(
          { code: (err as { code?: string }).code },
          'could not release old claims; they expire with their lease',
        );
      })
      .then(() => {
        if (!this.running) return;
        // The tick picks up retries whose backoff has passed and claims of dead instances; new events call kick().
        this.ticker = setInterval(() => this.kick(), TICK_MS);
        this.ticker.unref();
        this.kick();
      });
    return this.started;
  }

  /** Schedules a pass over the inbox and outbox (cheap to call often). */
  kick(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.running) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      do {
        this.again = false;
        await Promise.all([this.pumpAnswers(), this.pumpSends()]);
      } while (this.again && this.running);
    } catch (err) {
      // The database is unreachable or refused: nothing was claimed; the next tick tries again.
      this.o.log.error({ code: (err as { code?: string }).code }, 'worker could not claim work; retrying');
    } finally {
      this.pumping = false;
    }
  }

  /** Stops taking new work, waits for items in progress and gives back claims it no longer needs. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.ticker) clearInterval(this.ticker);
    await this.started;
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
    await this.o.store.releaseClaims(this.o.owner).catch(() => undefined);
  }

  /** Items in progress (for tests and the bench). */
  get busy(): number {
    return this.active.size;
  }

  private track(p: Promise<void>): void {
    const guarded = p.catch((err: unknown) => {
      // A failed commit leaves the row claimed; its lease ends and it is claimed again.
      this.o.log.error({ code: (err as { code?: string }).code }, 'worker could not record progress');
    });
    this.active.add(guarded);
    void guarded.finally(() => {
      this.active.delete(guarded);
      this.kick();
    });
  }

  private async pumpAnswers(): Promise<void> {
    const free = this.o.answerConcurrency - this.answering;
    if (free <= 0) return;
    const rows = await this.o.store.claimAnswers(this.o.owner, free, this.answerLeaseMs, this.o.now());
    for (const row of rows) {
      if (this.answeringIds.has(row.id)) continue;
      this.answeringIds.add(row.id);
      this.answering += 1;
      this.track(
        this.answerOne(row).finally(() => {
          this.answering -= 1;
          this.answeringIds.delete(row.id);
        }),
      );
    }
  }

  private async answerOne(row: InboxRow): Promise<void> {
    try {
      const { outcome, parts, conversation } = await this.reply(row);
      const now = this.o.now();
      const kept = await this.o.store.complete(row, this.o.owner, {
        outcome,
        parts,
        maskedText: maskPersonalData(row.text),
        now,
        conversation,
      });
      if (!kept) this.o.log.warn({ inboxId: row.id }, 'answer dropped: the claim ended and the row was taken over');
    } catch (err) {
      // Only a database failure gets here; the row stays claimed until its lease ends, then is answered again.
      this.o.log.error(
        { err: { code: (err as { code?: string }).code, message: (err as Error).message }, inboxId: row.id },
        'could not record an answer',
      );
    }
  }

  private async reply(row: InboxRow): Promise<{ outcome: string; parts: string[]; conversation?: Turn[] }> {
    if (row.kind === 'follow') return { outcome: 'welcome', parts: splitReply(WELCOME_REPLY) };
    if (row.kind === 'unsupported') return { outcome: 'unsupported', parts: [TEXT_ONLY_REPLY] };
    const recent = await this.o.store.countRecent(row.userKey, row.receivedAt - 60_000, row.id);
    if (recent > this.o.userPerMinute) {
      this.o.metrics.rateLimited.inc({ scope: 'user' });
      // One polite reply per burst, then silence until the window moves on.
      return recent === this.o.userPerMinute + 1
        ? { outcome: 'rate-limited', parts: [RATE_LIMIT_REPLY] }
        : { outcome: 'rate-limited-silent', parts: [] };
    }
    if (isResetCommand(row.text)) {
      await this.conversations.reset(row.userKey);
      return { outcome: 'reset', parts: [RESET_REPLY] };
    }
    return this.answerText(row);
  }

  private async answerText(row: InboxRow): Promise<{ outcome: string; parts: string[]; conversation?: Turn[] }> {
    const started = this.o.now();
    const channel = row.channel;
    const history = await this.conversations.history(row.userKey, started);
    try {
      const result = await this.o.answer(row.text, {
        history,
        asOf: vietnamDate(started),
        channel: channel === 'oa' ? 'zalo-oa' : 'zalo-bot',
        session: row.userKey,
      });
      this.o.metrics.answerSeconds.observe((this.o.now() - started) / 1000);
      if (result.refused) this.o.metrics.refusals.inc({ channel });
      // The messages are cut at item boundaries; what does not fit three of them waits for "xem thêm" with
      // what answer() itself kept back.
      const split = splitReplyKeepingRest(result.answer);
      const turn: Turn = {
        question: maskPersonalData(row.text),
        topicDocumentId: result.topicDocumentId,
        at: new Date(started).toISOString(),
        more: withRest(result.more ?? null, split.rest),
      };
      const parts = split.parts;
      return {
        outcome: result.refused ? 'refused' : 'answered',
        parts: parts.length ? parts : [FALLBACK_REPLY],
        conversation: appendTurn(history, turn),
      };
    } catch (err) {
      // The error boundary: whatever answer() does, the user hears back.
      this.o.metrics.answerFailures.inc();
      this.o.log.error(
        {
          inboxId: row.id,
          err: {
            code: (err as { code?: string }).code,
            message: maskPersonalData(String((err as Error)?.message ?? err)),
          },
        },
        'answer failed; sending the fallback',
      );
      return { outcome: 'failed', parts: [FALLBACK_REPLY] };
    }
  }

  private async pumpSends(): Promise<void> {
    const free = this.o.sendConcurrency - this.sending;
    if (free <= 0) return;
    // Claimed = committed as 'sending' before any Zalo call: the at-most-one-sender-per-row guarantee lives in
    // the database, not in this process's memory.
    const rows = await this.o.store.claimSends(this.o.owner, free, this.sendLeaseMs, this.o.now());
    for (const row of rows) {
      if (this.sendingIds.has(row.id)) continue;
      this.sendingIds.add(row.id);
      this.sending += 1;
      this.track(
        this.sendOne(row).finally(() => {
          this.sending -= 1;
          this.sendingIds.delete(row.id);
        }),
      );
    }
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    const sender = this.o.senders[row.channel];
    const now = this.o.now();
    if (!sender || now - row.createdAt > this.o.outboxMaxAgeMs) {
      await this.o.store.markFailed(row.id, 'expired', sender ? 'E_TOO_OLD' : 'E_CHANNEL_OFF');
      this.o.log.warn({ outboxId: row.id, channel: row.channel }, 'reply given up (too old or channel off)');
      return;
    }
    let messageId: string | null;
    try {
      messageId = (await sender.sendText(row.recipient, row.text, { quoteId: row.quoteId, first: row.part === 0 }))
        .messageId;
    } catch (err) {
      await this.failed(row, err);
      return;
    }
    // Committed at once (not in a later batch): the window in which a kill makes Zalo see this reply twice is
    // the time between Zalo's 200 and this commit.
    await this.o.store.markSent(row.id, messageId, this.o.now());
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
      await this.o.store.markRetry(row.id, nextAt, code);
      this.o.log.warn({ outboxId: row.id, attempt, code }, `send failed, will retry: ${message}`);
      return;
    }
    await this.o.store.markFailed(row.id, 'refused', code);
    this.o.log.warn({ outboxId: row.id, code }, `send refused, not retried: ${message}`);
  }
}
