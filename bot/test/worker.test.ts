import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Turn } from '../conversation.ts';
import { FALLBACK_REPLY, RATE_LIMIT_REPLY, RESET_REPLY } from '../replies.ts';
import type { Answerer } from '../worker.ts';
import { APP_SECRET, BOT_TOKEN, oaTextEvent, signOa, tempDir, testConfig, waitFor } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

describe('worker', () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;

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
  });

  async function build(answer: Answerer, extra: Record<string, string> = {}): Promise<void> {
    app = await buildApp(testConfig(await tempDir(), zalo.url, extra), { answer, logStream: false });
    await app.ready();
  }
  async function send(userId: string, text: string): Promise<void> {
    const { payload, headers } = signOa(oaTextEvent(userId, text));
    const res = await app.inject({ method: 'POST', url: '/webhooks/zalo-oa', headers, payload });
    expect(res.statusCode).toBe(200);
  }
  const textsTo = (user: string) => zalo.oaDeliveries.filter((d) => d.to === user).map((d) => d.text);

  it('answers one user in the order the questions came, even when later answers are faster', async () => {
    const delays: Record<string, number> = { mot: 300, hai: 10, ba: 100 };
    await build(
      async (q) => {
        await new Promise((r) => setTimeout(r, delays[q] ?? 0));
        return { answer: `đáp ${q}`, refused: false, topicDocumentId: null };
      },
      { ANSWER_CONCURRENCY: '4' },
    );
    for (const q of ['mot', 'hai', 'ba']) await send('u-order', q);
    await send('u-other', 'hai');
    await waitFor(() => zalo.oaDeliveries.length === 4, 'four replies');
    expect(textsTo('u-order')).toEqual(['đáp mot', 'đáp hai', 'đáp ba']);
  });

  it('gives a user over the per-minute limit one polite reply, then stays quiet', async () => {
    await build(async (q) => ({ answer: `đáp ${q}`, refused: false, topicDocumentId: null }), {
      USER_RATE_LIMIT_PER_MIN: '2',
    });
    for (const q of ['1', '2', '3', '4']) await send('u-fast', q);
    await waitFor(async () => (await app.hoidap.store.counts()).inbox.done === 4, 'all four handled');
    await waitFor(() => zalo.oaDeliveries.length === 3, 'three replies');
    expect(textsTo('u-fast')).toEqual(['đáp 1', 'đáp 2', RATE_LIMIT_REPLY]);
    expect(app.hoidap.metrics.rateLimited.get({ scope: 'user' })).toBe(2);
  });

  it('passes recent turns to answer() and forgets them after "bắt đầu lại"', async () => {
    const seen: Turn[][] = [];
    await build(async (q, ctx) => {
      seen.push(ctx.history);
      return { answer: `đáp ${q}`, refused: false, topicDocumentId: `doc-${q}` };
    });
    await send('u-ctx', 'lam cccd');
    await waitFor(() => seen.length === 1, 'first answer');
    await send('u-ctx', 'le phi bao nhieu');
    await waitFor(() => seen.length === 2, 'second answer');
    await send('u-ctx', 'Bắt đầu lại!');
    await waitFor(() => zalo.oaDeliveries.length === 3, 'reset reply');
    await send('u-ctx', 'dang ky khai sinh');
    await waitFor(() => seen.length === 3, 'third answer');
    expect(seen[0]).toEqual([]);
    expect(seen[1]).toMatchObject([{ question: 'lam cccd', topicDocumentId: 'doc-lam cccd' }]);
    expect(textsTo('u-ctx')[2]).toBe(RESET_REPLY);
    expect(seen[2]).toEqual([]);
  });

  it('sends the polite fallback when answer() throws, and counts the failure', async () => {
    await build(async () => {
      throw Object.assign(new Error('index exploded'), { code: 'E_INDEX_MISSING' });
    });
    await send('u-err', 'bat ky cau gi');
    await waitFor(() => zalo.oaDeliveries.length === 1, 'the fallback');
    expect(zalo.oaDeliveries[0]!.text).toBe(FALLBACK_REPLY);
    expect(app.hoidap.metrics.answerFailures.get()).toBe(1);
  });

  it('refreshes the OA token only once when several sends hit -216 together', async () => {
    await build(async (q) => ({ answer: `đáp ${q}`, refused: false, topicDocumentId: null }), {
      SEND_CONCURRENCY: '8',
    });
    zalo.accessToken = 'changed-by-zalo';
    for (let i = 0; i < 6; i++) await send(`u-tok-${i}`, `cau ${i}`);
    await waitFor(() => zalo.oaDeliveries.length === 6, 'all six delivered');
    expect(zalo.refreshes).toHaveLength(1);
  });
});
