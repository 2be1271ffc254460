/**
 * The single way an event enters the service (OA webhook, Bot webhook, Bot long polling): store it durably,
 * count it, wake the worker. Called before the webhook answers 200.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ParsedEvent } from './events.ts';
import { logPreview } from './mask.ts';
import type { BotMetrics } from './metrics.ts';
import type { BotStorage } from './storage/index.ts';

export type IntakeResult = 'queued' | 'duplicate' | 'ignored';

export interface Intake {
  (parsed: ParsedEvent, log: FastifyBaseLogger): Promise<IntakeResult>;
}

/** Builds the intake function over a store, metrics and a wake-up callback. */
export function createIntake(store: BotStorage, metrics: BotMetrics, wake: () => void): Intake {
  return async (parsed, log) => {
    if (parsed.action === 'ignore') {
      log.debug({ reason: parsed.reason }, 'event acknowledged and ignored');
      return 'ignored';
    }
    const e = parsed.event;
    // Committed (and, on SQLite FSYNC_ACK, synced) before this resolves: from then on the event survives a crash.
    // A database error propagates: the webhook answers 500 and Zalo re-sends the event.
    const result = await store.enqueue(e);
    await store.durable();
    if (result === 'duplicate') {
      metrics.duplicates.inc({ channel: e.channel });
      log.info({ channel: e.channel, eventId: e.eventId }, 'redelivered event acknowledged, not answered again');
      return result;
    }
    metrics.messagesIn.inc({ channel: e.channel, kind: e.kind });
    log.info({ channel: e.channel, kind: e.kind, eventId: e.eventId, text: logPreview(e.text) }, 'event queued');
    wake();
    return result;
  };
}
