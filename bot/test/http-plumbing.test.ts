/**
 * The HTTP plumbing the channels share, on the real app: limits that a forged X-Forwarded-For cannot dodge,
 * the console's Bearer and login limits, the cross-site check on body-less POSTs, the Secure cookie behind a
 * TLS proxy, stateless sessions, no token from a query string in the log, rate limits counted across two
 * instances through the real Redis (127.0.0.1:6379), and the first-hour niceties (asOf, /admin off, favicon).
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndex } from '../../ingest/index.ts';
import { createEmbedder } from '../../knowledge/index.ts';
import { buildApp } from '../app.ts';
import { createWebRuntime, type WebRuntime } from '../runtime/index.ts';
import { openWebStore } from '../storage/index.ts';
import { echoAnswer, tempDir, testConfig } from './helpers.ts';

const ADMIN_TOKEN = 'admin-token-for-the-plumbing-test';
const PROXY = '10.9.8.7';
const NOWHERE = 'http://127.0.0.1:9';

/** A fresh client address per run, so counters left in Redis by an earlier run never meet this one. */
const someAddress = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

async function tinyRuntime(): Promise<{ web: WebRuntime; dataDir: string }> {
  const dir = await tempDir();
  const sourcesDir = path.join(dir, 'sources');
  await fs.mkdir(path.join(sourcesDir, 'guides'), { recursive: true });
  await fs.writeFile(
    path.join(sourcesDir, 'guides', 'le-phi.md'),
    '# Lệ phí cấp đổi\n\nLệ phí cấp đổi căn cước là 30.000 đồng.\n',
  );
  const embedder = createEmbedder({ provider: 'hashed' });
  const indexDir = path.join(dir, 'index');
  await ensureIndex({ sourcesDir, indexDir, embedder });
  const dataDir = path.join(dir, 'data');
  return {
    web: await createWebRuntime({
      store: await openWebStore({ dataDir, databaseUrl: null }),
      dataDir,
      sourcesDir,
      indexDir,
      embedder,
    }),
    dataDir,
  };
}

describe('HTTP plumbing', { timeout: 120_000 }, () => {
  const logged: string[] = [];
  const asked: Array<string | undefined> = [];
  let app: FastifyInstance;
  let web: WebRuntime;

  beforeAll(async () => {
    const rt = await tinyRuntime();
    web = rt.web;
    const answer = echoAnswer();
    app = await buildApp(
      testConfig(rt.dataDir, NOWHERE, {
        ADMIN_TOKEN,
        TRUST_PROXY: PROXY,
        API_RATE_LIMIT_PER_MIN: '3',
        LOG_LEVEL: 'info',
      }),
      {
        answer: async (q, ctx) => {
          asked.push(ctx.asOf);
          return answer(q);
        },
        web,
        logStream: new Writable({
          write(chunk, _enc, done) {
            logged.push(String(chunk));
            done();
          },
        }),
      },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const ask = (remoteAddress: string, headers: Record<string, string> = {}, body: object = { question: 'lệ phí?' }) =>
    app.inject({ method: 'POST', url: '/api/ask', remoteAddress, headers, payload: body });

  it('counts a client that rotates X-Forwarded-For by its own address, since it is not a trusted proxy', async () => {
    const client = someAddress();
    const codes = [];
    for (let i = 0; i < 4; i += 1) codes.push((await ask(client, { 'x-forwarded-for': someAddress() })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect(app.hoidap.metrics.rateLimited.get({ scope: 'api-ip' })).toBeGreaterThanOrEqual(1);
  });

  it('gives each client behind the trusted proxy its own limit', async () => {
    const codes = [];
    for (let i = 0; i < 4; i += 1) codes.push((await ask(PROXY, { 'x-forwarded-for': someAddress() })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200]);
  });

  it('passes an optional asOf day to answer() and refuses a malformed one', async () => {
    expect((await ask(someAddress(), {}, { question: 'lệ phí?', asOf: '2025-06-30' })).statusCode).toBe(200);
    expect(asked.at(-1)).toBe('2025-06-30');
    const bad = await ask(someAddress(), {}, { question: 'lệ phí?', asOf: '30/06/2025' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ code: 'E_BAD_REQUEST', message: 'asOf: asOf must be YYYY-MM-DD' });
  });

  it('limits wrong Bearer tokens per address, yet still lets the right token in from that address', async () => {
    const from = someAddress();
    const statuses = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push(
        (
          await app.inject({
            url: '/admin/api/reindex',
            remoteAddress: from,
            headers: { authorization: `Bearer wrong-${i}` },
          })
        ).statusCode,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const right = await app.inject({
      url: '/admin/api/reindex',
      remoteAddress: from,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
  });

  it('does not lock the real admin out of the login after someone else tried wrong tokens from the same address', async () => {
    const shared = someAddress();
    for (let i = 0; i < 12; i += 1)
      await app.inject({
        method: 'POST',
        url: '/admin/login',
        remoteAddress: shared,
        payload: { token: `guess-${i}` },
      });
    const guess = await app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: shared,
      payload: { token: 'guess-again' },
    });
    expect(guess.json().code).toBe('E_RATE_LIMITED');
    const admin = await app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: shared,
      payload: { token: ADMIN_TOKEN },
    });
    expect(admin.statusCode).toBe(200);
    expect(admin.headers['set-cookie']).toMatch(/^hoidap_admin=/);
  });

  async function login(headers: Record<string, string> = {}, remoteAddress = someAddress()) {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress,
      headers,
      payload: { token: ADMIN_TOKEN },
    });
    return String(res.headers['set-cookie']);
  }

  it('refuses body-less cross-site POSTs (reindex, logout) made with the session cookie', async () => {
    const cookie = (await login()).split(';')[0]!;
    const post = (url: string, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url, headers: { cookie, host: 'hoidap.example', ...headers } });
    expect((await post('/admin/api/reindex', { 'sec-fetch-site': 'cross-site' })).json().code).toBe('E_CROSS_SITE');
    expect((await post('/admin/logout', { origin: 'https://evil.example' })).json().code).toBe('E_CROSS_SITE');
    expect(
      (await post('/admin/api/reindex', { 'sec-fetch-site': 'same-origin', origin: 'http://hoidap.example' }))
        .statusCode,
    ).toBe(202);
    expect((await post('/admin/logout', { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
  });

  it('marks the session cookie Secure when the trusted TLS proxy says https, and only then', async () => {
    expect(await login({ 'x-forwarded-proto': 'https' }, PROXY)).toContain('; Secure');
    expect(await login({ 'x-forwarded-proto': 'https' }, someAddress())).not.toContain('Secure');
  });

  it('accepts a session cookie at a second instance that has the same ADMIN_TOKEN and no shared session table', async () => {
    const cookie = (await login()).split(';')[0]!;
    const other = await tinyRuntime();
    const second = await buildApp(testConfig(other.dataDir, NOWHERE, { ADMIN_TOKEN }), {
      answer: echoAnswer(),
      web: other.web,
      logStream: false,
    });
    try {
      expect((await second.inject({ url: '/admin/api/reindex', headers: { cookie } })).statusCode).toBe(200);
      expect((await second.inject({ url: '/admin/api/reindex', headers: { cookie: `${cookie}x` } })).statusCode).toBe(
        401,
      );
    } finally {
      await second.close();
    }
  });

  it('never writes a token sent in a query string to the request log', async () => {
    await app.inject({ url: `/admin/api/documents?access_token=${ADMIN_TOKEN}&token=${ADMIN_TOKEN}` });
    expect(logged.join('')).toContain('/admin/api/documents?access_token=%3Credacted%3E');
    expect(logged.join('')).not.toContain(ADMIN_TOKEN);
  });

  it('serves a favicon and the default process metrics beside every hoidap metric', async () => {
    const icon = await app.inject({ url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    const metrics = (await app.inject({ url: '/metrics' })).body;
    for (const name of [
      'hoidap_messages_in_total',
      'hoidap_duplicates_total',
      'hoidap_messages_out_total',
      'hoidap_refusals_total',
      'hoidap_send_errors_total',
      'hoidap_webhook_rejected_total',
      'hoidap_rate_limited_total',
      'hoidap_answer_failures_total',
      'hoidap_answer_seconds_bucket',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(metrics, name).toContain(`# TYPE ${name.replace(/_bucket$/, '')} `);
    }
  });
});

describe('the console turned off', () => {
  it('explains at /admin how to turn it on instead of a bare 404', async () => {
    const rt = await tinyRuntime();
    const app = await buildApp(testConfig(rt.dataDir, NOWHERE), {
      answer: echoAnswer(),
      web: rt.web,
      logStream: false,
    });
    try {
      const page = await app.inject({ url: '/admin', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('ADMIN_TOKEN');
      expect((await app.inject({ url: '/admin/api/documents' })).json().code).toBe('E_CONSOLE_OFF');
    } finally {
      await app.close();
    }
  });
});

describe('rate limits with REDIS_URL', () => {
  it('are counted across two instances through the shared Redis', async () => {
    const env = { API_RATE_LIMIT_PER_MIN: '3', REDIS_URL: 'redis://127.0.0.1:6379' };
    const [a, b] = await Promise.all([tempDir(), tempDir()]);
    const one = await buildApp(testConfig(a, NOWHERE, env), { answer: echoAnswer(), logStream: false });
    const two = await buildApp(testConfig(b, NOWHERE, env), { answer: echoAnswer(), logStream: false });
    try {
      const client = someAddress();
      const codes = [];
      for (const instance of [one, two, one, two]) {
        codes.push(
          (
            await instance.inject({
              method: 'POST',
              url: '/api/ask',
              remoteAddress: client,
              payload: { question: 'lệ phí?' },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([200, 200, 200, 429]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
