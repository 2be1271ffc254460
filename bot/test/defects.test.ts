/** Defects from issue 10's attack run, each with the test that failed before its fix. */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { maskPersonalData } from '../mask.ts';
import { oaSignature } from '../oa-signature.ts';
import { APP_ID, OA_SECRET, echoAnswer, post, tempDir, testConfig, waitFor } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

describe('defect 9: ids are parsed as strings, never through a JS number', () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;
  let base: string;
  beforeEach(async () => {
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: 'app-secret-for-tests',
      botToken: '12345:bot-token-for-tests',
    });
    await zalo.start();
    app = await buildApp(testConfig(await tempDir(), zalo.url), { answer: echoAnswer(), logStream: false });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await app.close();
    await zalo.stop();
  });

  it('replies to the exact 19-digit sender id that arrived as a bare JSON number', async () => {
    const ts = Date.now();
    // Hand-written JSON: the ids are numbers, larger than 2^53, as a PHP or Java sender might write them.
    const payload =
      `{"app_id":"${APP_ID}","event_name":"user_send_text","sender":{"id":8470145023958276123},"recipient":{"id":7770000000000000001},` +
      `"message":{"text":"le phi cccd","msg_id":9007199254740993123},"timestamp":"${ts}"}`;
    const headers = {
      'content-type': 'application/json',
      'x-zevent-signature': `mac=${oaSignature(APP_ID, payload, String(ts), OA_SECRET)}`,
    };
    expect((await post(`${base}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    await waitFor(() => zalo.oaDeliveries.length === 1, 'the reply');
    expect(zalo.oaDeliveries[0]).toMatchObject({ to: '8470145023958276123', quote: '9007199254740993123' });
  });
});

describe('defect 3: masking catches the formats residents actually type', () => {
  it.each([
    ['(0912) 345678', 'gọi (0912) 345678 nhé'],
    ['0912 - 345 - 678', 'sđt 0912 - 345 - 678'],
    ['079/203/001/234', 'cccd 079/203/001/234'],
    ['full-width digits', 'số ０９１２３４５６７８'],
    ['+84 (912) 345 678', 'gọi +84 (912) 345 678'],
  ])('hides every digit of %s', (_label, text) => {
    const masked = maskPersonalData(text);
    expect(masked).not.toMatch(/[0-9０-９]/);
  });

  it('hides an e-mail address but keeps its domain readable', () => {
    expect(maskPersonalData('gửi về nguyen.van.a@gmail.com giúp tôi')).toBe('gửi về ***@gmail.com giúp tôi');
  });

  it('leaves short numbers, years and fees alone', () => {
    expect(maskPersonalData('Lệ phí 14.000 đồng, 15 ngày, Nghị định 13/2023/NĐ-CP')).toBe(
      'Lệ phí 14.000 đồng, 15 ngày, Nghị định 13/2023/NĐ-CP',
    );
  });
});

describe('raw-body JSON parse', () => {
  it('quotes only unsafe integers outside strings', async () => {
    const { quoteUnsafeIntegers } = await import('../raw-json.ts');
    expect(quoteUnsafeIntegers('{"a":"12345678901234567890","b":12345678901234567890,"c":-1.5e3,"d":42}')).toBe(
      '{"a":"12345678901234567890","b":"12345678901234567890","c":-1.5e3,"d":42}',
    );
    expect(quoteUnsafeIntegers('{"s":"say \\"99999999999999999999\\"","n":[9007199254740993]}')).toBe(
      '{"s":"say \\"99999999999999999999\\"","n":["9007199254740993"]}',
    );
  });
});

describe('defect 8: /api/ask returns citations, and passages only when asked, trimmed to a preview', () => {
  it('answers a short question with a small body even when the cited chunk is 10 MiB', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const answer = async () => ({
      answer: 'Trả lời.',
      refused: false,
      topicDocumentId: 'guides/big',
      citations: [{ n: 1, documentId: 'guides/big', text: huge }],
      retrieved: Array.from({ length: 5 }, () => ({ documentId: 'guides/big', text: huge, score: 1 })),
    });
    const app = await buildApp(testConfig(await tempDir(), 'http://127.0.0.1:9'), { answer, logStream: false });
    try {
      const plain = await app.inject({ method: 'POST', url: '/api/ask', payload: { question: 'le phi' } });
      expect(plain.statusCode).toBe(200);
      expect(plain.body.length).toBeLessThan(2000);
      expect(plain.json()).not.toHaveProperty('retrieved');
      expect(plain.json().citations[0].text).toHaveLength(401);
      const asked = await app.inject({
        method: 'POST',
        url: '/api/ask',
        payload: { question: 'le phi', passages: true },
      });
      expect(asked.json().retrieved).toHaveLength(5);
      expect(asked.body.length).toBeLessThan(5000);
    } finally {
      await app.close();
    }
  });
});
