import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { TEXT_ONLY_REPLY, WELCOME_REPLY } from '../replies.ts';
import { APP_ID, echoAnswer, oaTextEvent, post, signOa, tempDir, testConfig, settled, waitFor } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

describe('Zalo OA channel over a real socket', () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;
  let base: string;

  async function startService(extra: Record<string, string> = {}): Promise<void> {
    const config = testConfig(await tempDir(), zalo.url, extra);
    app = await buildApp(config, { answer: echoAnswer(), logStream: false, random: () => 0 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }

  beforeEach(async () => {
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: 'app-secret-for-tests',
      botToken: '12345:bot-token-for-tests',
    });
    await zalo.start();
    await startService();
  });
  afterEach(async () => {
    await app.close();
    await zalo.stop();
  });

  it('delivers the answer to a signed text event to the stand-in, quoting the message', async () => {
    const event = oaTextEvent('u-100', 'lam cccd can gi', { msgId: 'msg-a1' });
    const { payload, headers } = signOa(event);
    const res = await post(`${base}/webhooks/zalo-oa`, payload, headers);
    expect(res.status).toBe(200);
    await waitFor(() => zalo.oaDeliveries.length === 1, 'one delivery');
    expect(zalo.oaDeliveries[0]).toMatchObject({
      to: 'u-100',
      text: expect.stringContaining('Trả lời cho: lam cccd can gi'),
      quote: 'msg-a1',
    });
    expect(zalo.oaDeliveries[0]!.text).toContain('Nguồn: [1] Kế hoạch 53/KH-UBND');
  });

  it('answers 401 to a bad signature and neither queues nor sends anything', async () => {
    const event = oaTextEvent('u-101', 'xin chao');
    const { payload, headers } = signOa(event, 'not-the-secret');
    const res = await post(`${base}/webhooks/zalo-oa`, payload, headers);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'E_SIGNATURE' });
    const tampered = signOa(oaTextEvent('u-101', 'xin chao'));
    const res2 = await post(
      `${base}/webhooks/zalo-oa`,
      tampered.payload.replace('xin chao', 'xin chao!'),
      tampered.headers,
    );
    expect(res2.status).toBe(401);
    // Nothing reached the inbox, so nothing can be answered later: no need to wait before checking.
    expect((await app.hoidap.store.counts()).inbox).toEqual({});
    expect(zalo.oaDeliveries).toHaveLength(0);
  });

  it('refuses a correctly signed event whose timestamp is outside the window', async () => {
    const event = oaTextEvent('u-102', 'cu qua', { timestamp: Date.now() - 3 * 3600_000 });
    const { payload, headers } = signOa(event);
    const res = await post(`${base}/webhooks/zalo-oa`, payload, headers);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'E_STALE_EVENT' });
    expect((await app.hoidap.store.counts()).inbox).toEqual({});
  });

  it('answers the same event delivered three times exactly once', async () => {
    const { payload, headers } = signOa(oaTextEvent('u-103', 'dk khai sinh o dau', { msgId: 'msg-dup' }));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(`${base}/webhooks/zalo-oa`, payload, headers)).status);
    expect(statuses).toEqual([200, 200, 200]);
    await waitFor(
      async () => zalo.oaDeliveries.length >= 1 && (await settled(app.hoidap.store)),
      'the delivery, with nothing left to send',
    );
    expect(zalo.oaDeliveries).toHaveLength(1);
    expect(app.hoidap.metrics.duplicates.get({ channel: 'oa' })).toBe(2);
  });

  it('refreshes the token once on -216, stores the new pair, then delivers', async () => {
    zalo.accessToken = 'rotated-by-zalo'; // the service still holds access-0, which Zalo now rejects
    zalo.refreshToken = 'refresh-0';
    const { payload, headers } = signOa(oaTextEvent('u-104', 'le phi cccd'));
    await post(`${base}/webhooks/zalo-oa`, payload, headers);
    await waitFor(() => zalo.oaDeliveries.length === 1, 'delivery after refresh');
    expect(zalo.refreshes).toEqual([{ refreshToken: 'refresh-0', secretKey: 'app-secret-for-tests', appId: APP_ID }]);
    expect(zalo.oaDeliveries[0]!.accessToken).toBe('access-1');
    const stored = await app.hoidap.store.getTokens('zalo-oa');
    expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('keeps a reply while the stand-in is down and delivers it after it comes back', async () => {
    // Let the start-up refresh (pasted token of unknown age) finish first: cutting it mid-call would spend the single-use token.
    await waitFor(() => app.hoidap.oaTokens!.status().accessTokenExpiresAt !== null, 'the start-up refresh');
    await zalo.stop();
    const { payload, headers } = signOa(oaTextEvent('u-105', 'thu tuc cap ho chieu'));
    // The webhook itself is ours, so it still acks while Zalo's API is unreachable.
    expect((await post(`${base}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    await waitFor(
      () => app.hoidap.metrics.sendErrors.get({ channel: 'oa', code: 'E_ZALO_UNREACHABLE' }) >= 1,
      'a failed attempt',
    );
    // The error is counted before the retry is committed: wait for the row to be back to pending, not just counted.
    await waitFor(
      async () => JSON.stringify((await app.hoidap.store.counts()).outbox) === '{"pending":1}',
      'the reply kept, pending',
    );
    await zalo.start();
    await waitFor(() => zalo.oaDeliveries.length === 1, 'delivery after the stand-in returns', 20_000);
    // Zalo has the message before our commit of "sent": wait for the commit.
    await waitFor(
      async () => JSON.stringify((await app.hoidap.store.counts()).outbox) === '{"sent":1}',
      'the reply marked sent',
    );
  });

  it('retries -32 with backoff and records -230 without retrying', async () => {
    zalo.script.push({ error: -32 });
    const first = signOa(oaTextEvent('u-106', 'cau hoi mot'));
    await post(`${base}/webhooks/zalo-oa`, first.payload, first.headers);
    await waitFor(() => zalo.oaDeliveries.length === 1, 'delivery after a throttled attempt');
    zalo.script.push({ error: -230 });
    const second = signOa(oaTextEvent('u-107', 'cau hoi hai'));
    await post(`${base}/webhooks/zalo-oa`, second.payload, second.headers);
    await waitFor(
      async () => (await app.hoidap.store.counts()).outbox.refused === 1 && (await settled(app.hoidap.store)),
      'the refusal recorded, nothing left to send',
    );
    expect(zalo.oaDeliveries).toHaveLength(1);
    expect(app.hoidap.metrics.sendErrors.get({ channel: 'oa', code: '-230' })).toBe(1);
    expect(app.hoidap.metrics.sendErrors.get({ channel: 'oa', code: '-32' })).toBe(1);
  });

  it('welcomes a follower and tells a picture sender it reads text only', async () => {
    const follow = {
      app_id: APP_ID,
      event_name: 'follow',
      oa_id: '777',
      follower: { id: 'u-108' },
      source: 'oa_profile',
      timestamp: String(Date.now()),
    };
    const image = { ...oaTextEvent('u-109', ''), event_name: 'user_send_image' };
    for (const e of [follow, image]) {
      const { payload, headers } = signOa(e);
      expect((await post(`${base}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    }
    await waitFor(() => zalo.oaDeliveries.length === 2, 'two replies');
    const byUser = Object.fromEntries(zalo.oaDeliveries.map((d) => [d.to, d.text]));
    expect(byUser['u-108']).toBe(WELCOME_REPLY);
    expect(byUser['u-109']).toBe(TEXT_ONLY_REPLY);
  });

  it('acknowledges other events and the unsigned {} URL check without answering', async () => {
    const seen = { ...oaTextEvent('u-110', ''), event_name: 'user_seen_message' };
    const { payload, headers } = signOa(seen);
    expect((await post(`${base}/webhooks/zalo-oa`, payload, headers)).body).toMatchObject({
      ok: true,
      result: 'ignored',
    });
    expect((await post(`${base}/webhooks/zalo-oa`, '{}', { 'content-type': 'application/json' })).status).toBe(200);
    expect((await app.hoidap.store.counts()).inbox).toEqual({});
  });
});

describe('Zalo OA log-only verification (onboarding)', () => {
  it('warns loudly at start, logs which candidate secret verifies each event, and answers nothing', async () => {
    const zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: 'app-secret-for-tests',
      botToken: 'x',
    });
    await zalo.start();
    let logs = '';
    const logStream = {
      write: (line: string) => {
        logs += line;
      },
    };
    const app = await buildApp(
      testConfig(await tempDir(), zalo.url, { ZALO_OA_VERIFY: 'log-only', LOG_LEVEL: 'info' }),
      { answer: echoAnswer(), logStream },
    );
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect(logs).toContain('ZALO_OA_VERIFY=log-only');
      expect(logs).toContain('Zalo OA on (verify=log-only)');
      const forged = signOa(oaTextEvent('u-120', 'khong ky'));
      expect(
        (
          await post(`${base}/webhooks/zalo-oa`, forged.payload, {
            'content-type': 'application/json',
            'x-zevent-signature': 'mac=00',
          })
        ).body,
      ).toMatchObject({ ok: true, result: 'logged' });
      const byApp = signOa(oaTextEvent('u-121', 'ky bang app secret'), 'app-secret-for-tests');
      expect((await post(`${base}/webhooks/zalo-oa`, byApp.payload, byApp.headers)).status).toBe(200);
      const byOa = signOa(oaTextEvent('u-122', 'ky dung'));
      expect((await post(`${base}/webhooks/zalo-oa`, byOa.payload, byOa.headers)).status).toBe(200);
      expect(logs).toContain('no candidate secret verifies it');
      expect(logs).toContain('it verifies with the app secret');
      expect(logs).toContain('it verifies with the OA secret key');
      expect(logs).not.toContain('app-secret-for-tests');
      expect((await app.hoidap.store.counts()).inbox).toEqual({});
      expect(app.hoidap.metrics.rejected.get({ reason: 'log-only' })).toBe(3);
      expect(zalo.oaDeliveries).toHaveLength(0);
    } finally {
      await app.close();
      await zalo.stop();
    }
  });
});
