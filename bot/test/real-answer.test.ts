/**
 * End to end, wired the way bot/start-cli.ts wires it: the real answer() over the committed sources (hashed
 * embedder, offline) behind the web runtime (curated answers, question log, live knowledge holder), with the
 * HTTP API, the OA channel, the web chat page and the content console on one real socket.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndex } from '../../ingest/index.ts';
import { createEmbedder } from '../../knowledge/index.ts';
import { createWebRuntime, toWebAskJson, type WebRuntime } from '../runtime/index.ts';
import { openWebStore } from '../storage/index.ts';
import { buildApp } from '../app.ts';
import { APP_SECRET, BOT_TOKEN, oaTextEvent, post, signOa, tempDir, testConfig, waitFor } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const SOURCES = path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'sources');
const ADMIN_TOKEN = 'admin-token-for-the-wiring-test';

describe('the service with the real answer()', { timeout: 180_000 }, () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;
  let web: WebRuntime;
  let base: string;

  beforeAll(async () => {
    const indexDir = path.join(await tempDir(), 'index');
    const dataDir = await tempDir();
    const embedder = createEmbedder({ provider: 'hashed' });
    await ensureIndex({ sourcesDir: SOURCES, indexDir, embedder });
    // Only reads happen in this file, so the committed sources folder is safe to hand to the console.
    web = await createWebRuntime({
      store: await openWebStore({ dataDir, databaseUrl: null }),
      dataDir,
      sourcesDir: SOURCES,
      indexDir,
      embedder,
      generator: null,
    });
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
    app = await buildApp(testConfig(dataDir, zalo.url, { ADMIN_TOKEN }), {
      answer: (q, ctx) => web.answer(q, ctx),
      toJson: toWebAskJson,
      logStream: false,
      ready: () => web.holder.current().documents().length > 0,
      web,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await zalo?.stop();
  });

  it('answers POST /api/ask with the ask JSON plus the web fields, citing a source', async () => {
    const res = await post(
      `${base}/api/ask`,
      JSON.stringify({ question: 'lam cccd can giay to gi', sessionId: 's-1' }),
      { 'content-type': 'application/json' },
    );
    expect(res.status).toBe(200);
    const body = res.body as {
      answer: string;
      refused: boolean;
      citations: Array<{ documentId: string }>;
      questionId: number | null;
    };
    // Retrieved passages only when asked for ({ passages: true }): issue 10, defect 8.
    expect(Object.keys(body).slice(0, 4)).toEqual(['answer', 'refused', 'citations', 'latencyMs']);
    expect(body.refused).toBe(false);
    expect(body.citations[0]?.documentId).toBe('procedures/the-can-cuoc');
    expect(body.answer).toContain('Nguồn');
    expect(body.questionId).toEqual(expect.any(Number));
  });

  it('delivers a cited answer to a resident on Zalo OA in messages of at most 2000 characters', async () => {
    const { payload, headers } = signOa(oaTextEvent('u-real', 'dk khai sinh o dau ad'));
    expect((await post(`${base}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    await waitFor(
      async () => (await app.hoidap.store.counts()).inbox.done === 1 && zalo.oaDeliveries.length >= 1,
      'the answer delivered',
      60_000,
    );
    const texts = zalo.oaDeliveries.map((d) => d.text);
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
    expect(texts.join('\n')).toMatch(/Nguồn|1022/);
  });

  it('serves the web chat page and keeps the console behind ADMIN_TOKEN', async () => {
    const page = await fetch(`${base}/`);
    expect([page.status, page.headers.get('content-type')?.startsWith('text/html')]).toEqual([200, true]);
    expect(await page.text()).toContain('lang="vi"');
    expect((await fetch(`${base}/admin/api/documents`)).status).toBe(401);
    const docs = await fetch(`${base}/admin/api/documents`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(docs.status).toBe(200);
    expect(JSON.stringify(await docs.json())).toContain('53/KH-UBND');
  });

  it('logs the questions from every channel, masked, for the content console', async () => {
    await post(
      `${base}/api/ask`,
      JSON.stringify({ question: 'so cua toi 0912345678 lam lai cccd', sessionId: 's-2' }),
      { 'content-type': 'application/json' },
    );
    const res = await fetch(`${base}/admin/api/questions`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const text = JSON.stringify(await res.json());
    expect(text).toContain('dk khai sinh o dau ad');
    expect(text).toContain('**********');
    expect(text).not.toContain('0912345678');
  });

  it('reports ready once the knowledge base is open', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
  });
});
