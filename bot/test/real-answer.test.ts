/**
 * End to end with the real answer() over the committed sources (hashed embedder, offline): the HTTP API and
 * the OA channel on real sockets.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, toAskJson } from '../../answer/index.ts';
import { ensureIndex } from '../../ingest/index.ts';
import { createEmbedder, KnowledgeBase } from '../../knowledge/index.ts';
import { buildApp } from '../app.ts';
import { APP_SECRET, BOT_TOKEN, oaTextEvent, post, signOa, tempDir, testConfig, waitFor } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const SOURCES = path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'sources');

describe('the service with the real answer()', { timeout: 180_000 }, () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    const indexDir = path.join(await tempDir(), 'index');
    const embedder = createEmbedder({ provider: 'hashed' });
    await ensureIndex({ sourcesDir: SOURCES, indexDir, embedder });
    const kb = await KnowledgeBase.open(indexDir, { embedder });
    zalo = new ZaloStandIn({ accessToken: 'access-0', refreshToken: 'refresh-0', appSecret: APP_SECRET, botToken: BOT_TOKEN });
    await zalo.start();
    app = await buildApp(testConfig(await tempDir(), zalo.url), {
      answer: (q, ctx) => answer(q, { kb, ...ctx }), toJson: toAskJson, logStream: false, ready: () => kb.documents().length > 0,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await zalo?.stop();
  });

  it('answers POST /api/ask with the ask JSON, citing a source', async () => {
    const res = await post(`${base}/api/ask`, JSON.stringify({ question: 'lam cccd can giay to gi', sessionId: 's-1' }), { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    const body = res.body as { answer: string; refused: boolean; citations: Array<{ documentId: string }>; latencyMs: number };
    expect(Object.keys(body)).toEqual(['answer', 'refused', 'citations', 'retrieved', 'latencyMs']);
    expect(body.refused).toBe(false);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.answer).toContain('Nguồn');
  });

  it('delivers a cited answer to a resident on Zalo OA in messages of at most 2000 characters', async () => {
    const { payload, headers } = signOa(oaTextEvent('u-real', 'dk khai sinh o dau ad'));
    expect((await post(`${base}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    await waitFor(() => app.hoidap.store.counts().inbox.done === 1 && zalo.oaDeliveries.length >= 1, 'the answer delivered', 60_000);
    const texts = zalo.oaDeliveries.map((d) => d.text);
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
    expect(texts.join('\n')).toMatch(/Nguồn|1022/);
  });

  it('reports ready once the knowledge base is open', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
  });
});
