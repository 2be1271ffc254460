/** Shared test helpers: config over temp folders, signed OA requests, a small real answerer, waiting. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type BotConfig } from '../config.ts';
import { oaSignature } from '../oa-signature.ts';
import type { AnswerLike } from '../worker.ts';

export const APP_ID = '1234567890123456789';
export const OA_SECRET = 'oa-secret-key-for-tests';
export const APP_SECRET = 'app-secret-for-tests';
export const BOT_TOKEN = '12345:bot-token-for-tests';
export const BOT_SECRET = 'bot-webhook-secret-123';

export async function tempDir(prefix = 'hoidap-bot-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** The environment of a service whose Zalo APIs all point at `standInUrl`. */
export function testEnv(
  dataDir: string,
  standInUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ZALO_OA_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_OA_ACCESS_TOKEN: 'access-0',
    ZALO_OA_REFRESH_TOKEN: 'refresh-0',
    ZALO_OA_API_BASE: standInUrl,
    ZALO_OAUTH_BASE: standInUrl,
    ZALO_BOT_TOKEN: BOT_TOKEN,
    ZALO_BOT_SECRET_TOKEN: BOT_SECRET,
    ZALO_BOT_API_BASE: standInUrl,
    SEND_TIMEOUT_MS: '2000',
    ...extra,
  };
}

export function testConfig(dataDir: string, standInUrl: string, extra: Record<string, string> = {}): BotConfig {
  return loadConfig(testEnv(dataDir, standInUrl, extra));
}

/** A real answerer: echoes the question with a fixed citation, optionally slowly. */
export function echoAnswer(delayMs = 0): (q: string) => Promise<AnswerLike & { citations: unknown[] }> {
  return async (q) => {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    return {
      answer: `Trả lời cho: ${q}\n\nNguồn: [1] Kế hoạch 53/KH-UBND, mục I`,
      refused: false,
      topicDocumentId: 'plans/53',
      citations: [{ n: 1, documentId: 'plans/53' }],
    };
  };
}

let seq = 0;

/** A user_send_text event as Zalo OA sends it. */
export function oaTextEvent(
  userId: string,
  text: string,
  opts: { msgId?: string; timestamp?: number } = {},
): Record<string, unknown> {
  seq += 1;
  return {
    app_id: APP_ID,
    user_id_by_app: '999',
    event_name: 'user_send_text',
    sender: { id: userId },
    recipient: { id: '777' },
    message: { text, msg_id: opts.msgId ?? `msg-${Date.now()}-${seq}` },
    timestamp: String(opts.timestamp ?? Date.now()),
  };
}

/** The raw payload and headers of a correctly signed OA webhook request. */
export function signOa(
  event: Record<string, unknown>,
  secret = OA_SECRET,
): { payload: string; headers: Record<string, string> } {
  const payload = JSON.stringify(event);
  const mac = oaSignature(APP_ID, payload, String(event.timestamp), secret);
  return { payload, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` } };
}

/** A Zalo Bot Platform text update. */
export function botTextUpdate(
  chatId: string,
  text: string,
  messageId = `bm-${Date.now()}-${++seq}`,
): Record<string, unknown> {
  return {
    event_name: 'message.text.received',
    message: {
      from: { id: chatId, display_name: 'Dân', is_bot: false },
      chat: { id: chatId, chat_type: 'PRIVATE' },
      text,
      message_id: messageId,
      date: Date.now(),
    },
  };
}

/**
 * True once nothing more can be sent: every inbox row is done and no outbox row is waiting or in flight. Tests
 * wait for this instead of sleeping before they assert that no further message went out.
 */
export async function settled(store: {
  counts(): Promise<{ inbox: Record<string, number>; outbox: Record<string, number> }>;
}): Promise<boolean> {
  const { inbox, outbox } = await store.counts();
  return (
    Object.keys(inbox).every((state) => state === 'done') &&
    Object.keys(outbox).every((state) => !['pending', 'sending'].includes(state))
  );
}

/** Waits until `check` holds (polling every 20 ms), failing with `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** POSTs JSON over a real socket. */
export async function post(
  url: string,
  payload: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', body: payload, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

/** A clock tests move by hand: `now` for the service, `schedule` for its timers (OA token refresh). */
export class FakeClock {
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 0;
  constructor(public t = Date.UTC(2026, 10, 29, 8, 0, 0)) {}
  readonly now = (): number => this.t;
  readonly schedule = (fn: () => void, ms: number): (() => void) => {
    const id = ++this.nextId;
    this.timers.push({ at: this.t + Math.max(0, ms), fn, id });
    return () => {
      this.timers = this.timers.filter((x) => x.id !== id);
    };
  };
  /** When the next timer is due (null when none is armed). */
  get nextTimerAt(): number | null {
    return this.timers.length ? Math.min(...this.timers.map((x) => x.at)) : null;
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x.id !== due.id);
      this.t = due.at;
      due.fn();
    }
    this.t = target;
  }
}
