/**
 * What the two Zalo send clients share: turning an axios outcome into success or a coded BotError, and
 * keeping the bot token (it sits in the URL path) out of every message.
 */
import type { AxiosError, AxiosResponse } from 'axios';
import { BotError } from './errors.ts';

/** The result of one successful send. */
export interface SendResult {
  messageId: string | null;
}

/** Anything that can deliver one text message to one recipient (OA user or Bot chat). */
export interface TextSender {
  sendText(recipient: string, text: string, opts?: { quoteId?: string | null; first?: boolean }): Promise<SendResult>;
}

/** Replaces every occurrence of a secret in a string. */
export function redact(text: string, ...secrets: Array<string | null | undefined>): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('<redacted>');
  return out;
}

/** Network-level failure (no HTTP answer): always retryable. */
export function unreachable(err: unknown, what: string, ...secrets: Array<string | null | undefined>): BotError {
  const e = err as AxiosError;
  const reason = e.code ?? (e.message ? redact(e.message, ...secrets) : 'unknown network error');
  return new BotError('E_ZALO_UNREACHABLE', `${what}: ${reason}; will retry`, { retryable: true });
}

/** HTTP-level failure with an answer: 5xx and 429 are worth retrying, other statuses are not. */
export function httpRefusal(res: AxiosResponse, what: string): BotError {
  const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
  return new BotError('E_ZALO_REFUSED', `${what}: HTTP ${res.status}${retryable ? '; will retry' : ''}`, {
    retryable,
    zaloCode: res.status,
  });
}

/** True when axios got no HTTP answer at all. */
export function isNetworkError(err: unknown): boolean {
  return Boolean(err && typeof err === 'object' && 'isAxiosError' in err && !(err as AxiosError).response);
}

/** Exponential backoff with jitter for outbox retries: 1 s, 2 s, 4 s … capped at 60 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + 0.5 * random()));
}

/**
 * Whether Zalo is reachable, per channel, judged by real sends: a channel whose sends have failed with
 * "could not reach" or a server error since some time, with no success after, is in an outage. /readyz turns
 * red on it so a load balancer or the operator sees the outage, not only the growing outbox.
 */
export class ZaloReach {
  private readonly failingSince = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** Wraps a sender so that its outcomes are recorded under `channel`. */
  track(channel: string, sender: TextSender): TextSender {
    return {
      sendText: async (recipient, text, opts) => {
        try {
          const result = await sender.sendText(recipient, text, opts);
          this.failingSince.delete(channel);
          return result;
        } catch (err) {
          const e = err as BotError;
          const serverTrouble =
            e instanceof BotError && (e.code === 'E_ZALO_UNREACHABLE' || (e.zaloCode !== null && e.zaloCode >= 500));
          if (serverTrouble && !this.failingSince.has(channel)) this.failingSince.set(channel, this.now());
          throw err;
        }
      },
    };
  }

  /** Channels failing for longer than `graceMs` (one blip is not an outage). */
  outages(graceMs = 60_000): string[] {
    const now = this.now();
    return [...this.failingSince].filter(([, since]) => now - since >= graceMs).map(([channel]) => channel);
  }
}
