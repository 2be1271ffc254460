import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, BODY_LIMIT } from '../app.ts';
import {
  APP_SECRET,
  BOT_SECRET,
  BOT_TOKEN,
  OA_SECRET,
  echoAnswer,
  oaTextEvent,
  signOa,
  tempDir,
  testConfig,
  waitFor,
} from './helpers.ts';
import type { SqliteStorage } from '../storage/index.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

/** A pino destination that keeps every line. */
function captureLogs(): { stream: Writable; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => lines.join('') };
}

const CLOSED_PORT_URL = 'http://127.0.0.1:9'; // discard port: nothing listens, sends fail fast

describe('HTTP routes (inject)', () => {
  let app: FastifyInstance;
  afterEach(async () => {
    await app?.close();
  });

  async function build(extra: Record<string, string> = {}, deps: Partial<Parameters<typeof buildApp>[1]> = {}) {
    app = await buildApp(testConfig(await tempDir(), CLOSED_PORT_URL, extra), {
      answer: echoAnswer(),
      logStream: false,
      ...deps,
    });
    return app;
  }

  it('answers 413 to a webhook body over 64 KB and 400 to malformed JSON, then still queues a good event', async () => {
    await build();
    const big = await app.inject({
      method: 'POST',
      url: '/webhooks/zalo-oa',
      headers: { 'content-type': 'application/json' },
      payload: `{"x":"${'a'.repeat(BODY_LIMIT)}"}`,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'E_BODY_TOO_LARGE' });
    const bad = await app.inject({
      method: 'POST',
      url: '/webhooks/zalo-oa',
      headers: { 'content-type': 'application/json' },
      payload: '{"event_name": "user_send_text",',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'E_BAD_REQUEST' });
    const badBot = await app.inject({
      method: 'POST',
      url: '/webhooks/zalo-bot',
      headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': BOT_SECRET },
      payload: 'not json',
    });
    expect(badBot.statusCode).toBe(400);
    const { payload, headers } = signOa(oaTextEvent('u-1', 'van hoat dong'));
    const ok = await app.inject({ method: 'POST', url: '/webhooks/zalo-oa', headers, payload });
    expect(ok.statusCode).toBe(200);
    await waitFor(async () => (await app.hoidap.store.counts()).inbox.done === 1, 'the good event answered');
  });

  it('answers 413 and 400 on /api/ask too', async () => {
    await build();
    const big = await app.inject({
      method: 'POST',
      url: '/api/ask',
      headers: { 'content-type': 'application/json' },
      payload: `{"question":"${'a'.repeat(BODY_LIMIT)}"}`,
    });
    expect(big.statusCode).toBe(413);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/ask',
      headers: { 'content-type': 'application/json' },
      payload: '{"question":',
    });
    expect(bad.statusCode).toBe(400);
    const empty = await app.inject({ method: 'POST', url: '/api/ask', payload: { question: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'E_BAD_REQUEST' });
  });

  it('limits webhook requests per client IP before checking any secret', async () => {
    await build({ WEBHOOK_RATE_LIMIT_PER_MIN: '3' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/webhooks/zalo-bot',
        headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': 'guess-guess-guess' },
        payload: '{}',
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const other = await app.inject({
      method: 'POST',
      url: '/webhooks/zalo-bot',
      remoteAddress: '10.0.0.9',
      headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': BOT_SECRET },
      payload: '{}',
    });
    expect(other.statusCode).toBe(200);
  });

  it('reports liveness, readiness of index and database, and Prometheus metrics', async () => {
    let indexLoaded = false;
    await build({}, { ready: () => indexLoaded });
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const notReady = await app.inject('/readyz');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toEqual({
      ready: false,
      index: false,
      db: true,
      outboxPending: 0,
      engine: 'sqlite',
      instance: expect.any(String),
      zalo: {
        ok: true,
        outages: [],
        oa: { problem: null, refreshTokenNearEnd: false, accessTokenExpiresAt: null, refreshTokenExpiresAt: null },
      },
    });
    indexLoaded = true;
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/ask', payload: { question: 'le phi lam cccd' } });
    const metrics = await app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('hoidap_messages_in_total{channel="api",kind="text"} 1');
    expect(metrics.body).toContain('hoidap_answer_seconds_count 1');
    expect(metrics.body).toMatch(/# TYPE hoidap_send_errors_total counter/);
  });

  it('reports the database as not ready once it is closed', async () => {
    await build();
    await app.hoidap.store.close();
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ db: false });
  });
});

describe('logs', () => {
  it('mask phone and ID-card digits in user text and never contain tokens or secrets', async () => {
    const logs = captureLogs();
    const zalo = new ZaloStandIn({
      accessToken: 'rotated',
      refreshToken: 'refresh-0',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
    const config = testConfig(await tempDir(), zalo.url, { LOG_LEVEL: 'debug' });
    const app = await buildApp(config, { answer: echoAnswer(), logStream: logs.stream });
    try {
      const text = 'sdt cua toi 0912 345 678, cccd 079123456789, goi +84987654321 giup';
      const { payload, headers } = signOa(oaTextEvent('u-9', text));
      expect((await app.inject({ method: 'POST', url: '/webhooks/zalo-oa', headers, payload })).statusCode).toBe(200);
      await app.inject({
        method: 'POST',
        url: '/webhooks/zalo-bot',
        headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': BOT_SECRET },
        payload: JSON.stringify({
          event_name: 'message.text.received',
          message: { chat: { id: 'c-1' }, message_id: 'm1', text: 'cmnd 123456789' },
        }),
      });
      await waitFor(
        async () => zalo.oaDeliveries.length === 1 && (await app.hoidap.store.counts()).outbox.pending === undefined,
        'both replies handled',
      );
      // pino's epoch-ms "time" field can contain any 4 digits; the check is about what the service wrote.
      const out = logs.text().replace(/"time":\d+/g, '');
      expect(out).toContain('event queued');
      expect(out).toContain('**** *** ***');
      for (const secret of [
        '0912',
        '345 678',
        '079123456789',
        '987654321',
        '123456789',
        OA_SECRET,
        APP_SECRET,
        BOT_TOKEN,
        BOT_SECRET,
        'access-1',
        'refresh-0',
        'refresh-1',
        headers['x-zevent-signature']!.slice(4),
      ]) {
        expect(out).not.toContain(secret);
      }
      const stored = (app.hoidap.store as SqliteStorage).db
        .prepare(`SELECT text FROM inbox WHERE channel = 'oa'`)
        .get() as { text: string };
      expect(stored.text).not.toMatch(/\d{4}/);
    } finally {
      await app.close();
      await zalo.stop();
    }
  });
});
