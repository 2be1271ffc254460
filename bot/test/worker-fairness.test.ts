/**
 * Fairness between users, on both engines, through the real app and the Zalo stand-in: one user's failing sends
 * or slow answers never hold back another user's reply.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Answerer } from '../worker.ts';
import { APP_SECRET, BOT_TOKEN, echoAnswer, oaTextEvent, signOa, tempDir, testConfig, waitFor } from './helpers.ts';
import { freshDatabase, type TestDatabase } from './postgres.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

describe.each(['sqlite', 'postgres'] as const)('fairness between users on %s', (engine) => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;
  let db: TestDatabase | null = null;

  beforeEach(async () => {
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
  });
  afterEach(async () => {
    await app.close();
    await zalo.stop();
    await db?.drop();
    db = null;
  });

  async function build(answer: Answerer, extra: Record<string, string> = {}): Promise<void> {
    if (engine === 'postgres') db = await freshDatabase();
    const env = { ...extra, ...(db ? { DATABASE_URL: db.url } : {}) };
    app = await buildApp(testConfig(await tempDir(), zalo.url, env), { answer, logStream: false });
    await app.ready();
  }
  async function send(userId: string, text: string): Promise<void> {
    const { payload, headers } = signOa(oaTextEvent(userId, text));
    const res = await app.inject({ method: 'POST', url: '/webhooks/zalo-oa', headers, payload });
    expect(res.statusCode).toBe(200);
  }

  it("delivers healthy users' replies while 40 replies to 8 failing users keep being retried", async () => {
    const failing = Array.from({ length: 8 }, (_, i) => `failing-${i}`);
    failing.forEach((u) => zalo.failingUsers.add(u));
    await build(echoAnswer(), { USER_RATE_LIMIT_PER_MIN: '100' });
    for (let round = 0; round < 5; round++) for (const u of failing) await send(u, `hỏi ${round}`);
    await waitFor(
      async () => (await app.hoidap.store.counts()).inbox.done === 40,
      "the 40 failing users' questions answered",
    );
    const healthy = Array.from({ length: 5 }, (_, i) => `healthy-${i}`);
    for (const u of healthy) await send(u, 'lệ phí làm căn cước');
    await waitFor(() => healthy.every((u) => zalo.oaDeliveries.some((d) => d.to === u)), 'every healthy user answered');
    expect(zalo.oaDeliveries.filter((d) => d.to.startsWith('failing-'))).toEqual([]);
    // Zalo's 200 reaches the stand-in's log before our commit of 'sent'.
    await waitFor(async () => (await app.hoidap.store.counts()).outbox.sent === 5, 'the five healthy sends committed');
    const { outbox } = await app.hoidap.store.counts();
    expect((outbox.pending ?? 0) + (outbox.sending ?? 0)).toBe(40);
  });

  it("answers another user while one user's long queue waits on a slow answer", async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => {
      release = r;
    });
    await build(
      async (q) => {
        if (q.startsWith('chậm')) await slow;
        return { answer: `đáp ${q}`, refused: false, topicDocumentId: null };
      },
      { ANSWER_CONCURRENCY: '2', USER_RATE_LIMIT_PER_MIN: '100' },
    );
    for (let i = 0; i < 12; i++) await send('slow-user', `chậm ${i}`);
    await send('quick-user', 'nhanh');
    await waitFor(() => zalo.oaDeliveries.some((d) => d.to === 'quick-user'), 'the quick user answered');
    expect(zalo.oaDeliveries.filter((d) => d.to === 'slow-user')).toEqual([]);
    release();
    await waitFor(
      () => zalo.oaDeliveries.filter((d) => d.to === 'slow-user').length === 12,
      'the slow user answered in full',
    );
    expect(zalo.oaDeliveries.filter((d) => d.to === 'slow-user').map((d) => d.text)).toEqual(
      Array.from({ length: 12 }, (_, i) => `đáp chậm ${i}`),
    );
  });
});
