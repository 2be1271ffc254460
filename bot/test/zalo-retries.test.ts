/**
 * Zalo re-sends an event it could not deliver at about +30 s, 5, 15, 30 and 60 min (notes). With a fake clock,
 * our service is down for 20 minutes while residents keep writing; the stand-in re-sends on that schedule.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { FakeClock, echoAnswer, oaTextEvent, signOa, tempDir, testConfig, waitFor } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const MIN = 60_000;
const SCHEDULE = [0, 30_000, 5 * MIN, 15 * MIN, 30 * MIN, 60 * MIN];

interface Outcome {
  acked: number;
  lost: number;
  answered: number;
  answeredTwice: number;
}

async function outage(opts: {
  windowMs?: number;
  outageMs: number;
  events: number;
  lost200: number;
}): Promise<Outcome> {
  const zalo = new ZaloStandIn({
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    appSecret: 'app-secret-for-tests',
    botToken: '12345:bot-token-for-tests',
  });
  await zalo.start();
  const clock = new FakeClock(Date.now());
  const dir = await tempDir();
  const extra: Record<string, string> = opts.windowMs ? { ZALO_OA_TIMESTAMP_WINDOW_MS: String(opts.windowMs) } : {};
  // Learn a free port, then stay down: every delivery attempt during the outage is refused by the OS.
  let app: FastifyInstance = await buildApp(testConfig(dir, zalo.url, extra), {
    answer: echoAnswer(),
    logStream: false,
    now: clock.now,
    schedule: clock.schedule,
    random: () => 0,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(base).port);
  await app.close();
  let up = false;
  const start = clock.t;
  const events = Array.from({ length: opts.events }, (_, i) => {
    const created = start + Math.round((i * opts.outageMs) / opts.events);
    return {
      created,
      ...signOa(oaTextEvent(`u-${i}`, `cau hoi ${i}`, { msgId: `retry-${i}`, timestamp: created })),
      done: false,
      extra: i < opts.lost200 ? 3 : 0,
    };
  });
  const attempts = events
    .flatMap((e) => SCHEDULE.map((offset, n) => ({ e, at: e.created + offset, n })))
    .sort((a, b) => a.at - b.at);
  let acked = 0;
  try {
    for (const a of attempts) {
      // After a 200 Zalo stops re-sending; for `lost200` events the 200 is "lost" and it re-sends three more times.
      if (a.e.done && a.e.extra === 0) continue;
      if (a.e.done) a.e.extra -= 1;
      clock.advance(a.at - clock.t);
      if (!up && clock.t >= start + opts.outageMs) {
        app = await buildApp(testConfig(dir, zalo.url, extra), {
          answer: echoAnswer(),
          logStream: false,
          now: clock.now,
          schedule: clock.schedule,
          random: () => 0,
        });
        await app.listen({ port, host: '127.0.0.1' });
        up = true;
      }
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/zalo-oa`, {
        method: 'POST',
        body: a.e.payload,
        headers: a.e.headers,
      }).catch(() => null);
      if (res?.status === 200 && !a.e.done) {
        a.e.done = true;
        acked += 1;
      }
    }
    if (acked > 0)
      await waitFor(
        async () => (await app.hoidap.store.counts()).outbox.sent === acked,
        'every accepted event answered',
      );
    const perUser = new Map<string, number>();
    for (const d of zalo.oaDeliveries) perUser.set(d.to, (perUser.get(d.to) ?? 0) + 1);
    return {
      acked,
      lost: opts.events - acked,
      answered: perUser.size,
      answeredTwice: [...perUser.values()].filter((n) => n > 1).length,
    };
  } finally {
    if (up) await app.close();
    await zalo.stop();
  }
}

describe("Zalo's retries after an outage of our service", () => {
  it('loses nothing in a 20-minute outage, and answers events re-sent at +5, +15 and +30 min once', async () => {
    const result = await outage({ outageMs: 20 * MIN, events: 40, lost200: 5 });
    expect(result).toEqual({ acked: 40, lost: 0, answered: 40, answeredTwice: 0 });
  });

  it('would lose the events of the first 15 minutes with the old 5-minute window', async () => {
    const result = await outage({ windowMs: 5 * MIN, outageMs: 20 * MIN, events: 40, lost200: 0 });
    // Written in minutes 0-15 (30 of 40): their first retry after the outage is 15 or 30 min old.
    expect(result).toEqual({ acked: 10, lost: 30, answered: 10, answeredTwice: 0 });
  });
});
