import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { BOT_SECRET, BOT_TOKEN, botTextUpdate, post, tempDir, testConfig, settled, waitFor } from './helpers.ts';
import type { SqliteStorage } from '../storage/index.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const json = { 'content-type': 'application/json' };
const standIn = () =>
  new ZaloStandIn({
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    appSecret: 'app-secret-for-tests',
    botToken: BOT_TOKEN,
  });

/** A real answerer whose answer is long enough to need three Zalo messages. */
const longAnswer = async (q: string) => ({
  answer: [
    `Câu hỏi: ${q}`,
    'a'.repeat(1500),
    'b'.repeat(1500),
    'c'.repeat(1500),
    'Nguồn: [1] Kế hoạch 53/KH-UBND, mục II',
  ].join('\n\n'),
  refused: false,
  topicDocumentId: 'plans/53',
});

describe('Zalo Bot Platform webhook over a real socket', () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;
  let base: string;

  beforeEach(async () => {
    zalo = standIn();
    await zalo.start();
    app = await buildApp(testConfig(await tempDir(), zalo.url), { answer: longAnswer, logStream: false });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await app.close();
    await zalo.stop();
  });

  it('rejects a wrong secret token with 401 and queues nothing', async () => {
    const res = await post(`${base}/webhooks/zalo-bot`, JSON.stringify(botTextUpdate('c-1', 'xin chao')), {
      ...json,
      'x-bot-api-secret-token': 'wrong-secret-123',
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'E_SECRET_TOKEN' });
    const missing = await post(`${base}/webhooks/zalo-bot`, JSON.stringify(botTextUpdate('c-1', 'xin chao')), json);
    expect(missing.status).toBe(401);
    expect((await app.hoidap.store.counts()).inbox).toEqual({});
  });

  it('answers a bare update with typing, then the reply split into ordered parts of at most 2000 chars', async () => {
    const res = await post(`${base}/webhooks/zalo-bot`, JSON.stringify(botTextUpdate('c-2', 'thu tuc dang ky xe')), {
      ...json,
      'x-bot-api-secret-token': BOT_SECRET,
    });
    expect(res.status).toBe(200);
    await waitFor(() => zalo.botDeliveries.length === 3, 'three parts');
    expect(zalo.chatActions).toEqual([{ chat_id: 'c-2', action: 'typing' }]);
    const texts = zalo.botDeliveries.map((d) => d.text);
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
    expect(texts[0]).toContain('Câu hỏi: thu tuc dang ky xe');
    expect(texts[2]).toContain('Nguồn: [1] Kế hoạch 53/KH-UBND');
  });

  it('accepts an update wrapped as {ok, result} and answers a redelivery once', async () => {
    const wrapped = JSON.stringify({ ok: true, result: botTextUpdate('c-3', 'hoi lai', 'same-id') });
    for (let i = 0; i < 3; i++) {
      expect(
        (await post(`${base}/webhooks/zalo-bot`, wrapped, { ...json, 'x-bot-api-secret-token': BOT_SECRET })).status,
      ).toBe(200);
    }
    await waitFor(
      async () => zalo.botDeliveries.length === 3 && (await settled(app.hoidap.store)),
      'the three parts of one answer, nothing left to send',
    );
    expect(zalo.botDeliveries).toHaveLength(3);
    expect((await app.hoidap.store.counts()).inbox).toEqual({ done: 1 });
  });

  it('retries a 429 from sendMessage and then delivers', async () => {
    zalo.script.push({ status: 429 });
    await post(`${base}/webhooks/zalo-bot`, JSON.stringify(botTextUpdate('c-4', 'bi gioi han')), {
      ...json,
      'x-bot-api-secret-token': BOT_SECRET,
    });
    await waitFor(() => zalo.botDeliveries.length === 3, 'delivery after the 429', 20_000);
    expect(app.hoidap.metrics.sendErrors.get({ channel: 'bot', code: '429' })).toBe(1);
    const row = (app.hoidap.store as SqliteStorage).db
      .prepare(`SELECT last_code FROM outbox ORDER BY id LIMIT 1`)
      .get() as { last_code: string | null };
    expect(row.last_code).toBeNull();
  });
});

describe('Zalo Bot Platform long polling', () => {
  it('deletes the webhook, answers polled updates, and does not serve the webhook route', async () => {
    const zalo = standIn();
    await zalo.start();
    zalo.botUpdates.push(botTextUpdate('c-9', 'hoi qua polling', 'poll-1'));
    const config = testConfig(await tempDir(), zalo.url, { ZALO_BOT_MODE: 'polling', ZALO_BOT_SECRET_TOKEN: '' });
    const app = await buildApp(config, {
      answer: async (q) => ({ answer: `Đáp: ${q}`, refused: false, topicDocumentId: null }),
      logStream: false,
      pollTimeoutS: 1,
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      await waitFor(() => zalo.botDeliveries.length === 1, 'the polled update answered');
      expect(zalo.deleteWebhookCalls).toBe(1);
      expect(zalo.botDeliveries[0]).toMatchObject({ to: 'c-9', text: 'Đáp: hoi qua polling' });
      const res = await post(`${base}/webhooks/zalo-bot`, JSON.stringify(botTextUpdate('c-9', 'x')), {
        ...json,
        'x-bot-api-secret-token': BOT_SECRET,
      });
      expect(res.status).toBe(404);
    } finally {
      await app.close();
      await zalo.stop();
    }
  });
});
