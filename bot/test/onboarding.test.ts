/** bot/README.md "Connect a real OA" and "Connect a Zalo Bot", followed step by step against the stand-in. */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { registerBotWebhook } from '../bot-webhook.ts';
import { loadConfig } from '../config.ts';
import { runOaAuth } from '../oa-auth.ts';
import {
  APP_ID,
  APP_SECRET,
  BOT_TOKEN,
  FakeClock,
  OA_SECRET,
  botTextUpdate,
  echoAnswer,
  oaTextEvent,
  post,
  signOa,
  tempDir,
  waitFor,
} from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

describe('Connect a real OA (README), against the stand-in', () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance | null = null;
  beforeEach(async () => {
    // No token exists yet: Zalo's OAuth hands out the first pair in step 4.
    zalo = new ZaloStandIn({
      accessToken: 'none-yet',
      refreshToken: 'none-yet',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
  });
  afterEach(async () => {
    await app?.close();
    app = null;
    await zalo.stop();
  });

  it('goes from an empty app to answered messages in strict mode', async () => {
    const dataDir = await tempDir();
    const clock = new FakeClock(Date.now());
    let logs = '';
    const logStream = {
      write: (line: string) => {
        logs += line;
      },
    };
    const env: Record<string, string> = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ZALO_OA_API_BASE: zalo.url,
      ZALO_OAUTH_BASE: zalo.url,
      // Steps 1-2: app id and app secret, log-only.
      ZALO_OA_APP_ID: APP_ID,
      ZALO_APP_SECRET: APP_SECRET,
      ZALO_OA_VERIFY: 'log-only',
      ZALO_OA_REDIRECT_URI: 'http://127.0.0.1:0/zalo/oauth-callback',
    };
    app = await buildApp(loadConfig(env), {
      answer: echoAnswer(),
      logStream,
      now: clock.now,
      schedule: clock.schedule,
    });
    let base = await app.listen({ port: 0, host: '127.0.0.1' });
    // Step 3: Zalo saves the URL (GET and an unsigned {}), then the "Test" button sends an event signed with the OA secret key.
    expect((await fetch(`${base}/webhooks/zalo-oa`)).status).toBe(200);
    expect((await post(`${base}/webhooks/zalo-oa`, '{}', { 'content-type': 'application/json' })).status).toBe(200);
    const test = signOa(oaTextEvent('u-test', 'test', { timestamp: clock.t }));
    expect((await post(`${base}/webhooks/zalo-oa`, test.payload, test.headers)).body).toMatchObject({
      result: 'logged',
    });
    expect(logs).toContain('no candidate secret verifies it');
    // Zalo shows the OA secret key; restart still in log-only and press "Test" again.
    env.ZALO_OA_SECRET_KEY = OA_SECRET;
    await app.close();
    app = await buildApp(loadConfig(env), {
      answer: echoAnswer(),
      logStream,
      now: clock.now,
      schedule: clock.schedule,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const again = signOa(oaTextEvent('u-test', 'test', { timestamp: clock.t }));
    expect((await post(`${base}/webhooks/zalo-oa`, again.payload, again.headers)).body).toMatchObject({
      result: 'logged',
    });
    expect(logs).toContain('it verifies with the OA secret key');
    expect(zalo.oaDeliveries).toHaveLength(0);
    await app.close();
    app = null;

    // Step 4: npm run zalo:oa-auth — the operator opens the printed address; Zalo redirects to the callback.
    const port = await freePort();
    env.ZALO_OA_REDIRECT_URI = `http://127.0.0.1:${port}/zalo/oauth-callback`;
    let shown = '';
    const result = await runOaAuth({
      oa: loadConfig(env).oa!,
      dataDir,
      now: clock.now,
      show: (url) => {
        shown = url;
        void fetch(url);
      },
    });
    expect(shown).toMatch(
      /\/v4\/oa\/permission\?app_id=1234567890123456789&redirect_uri=.+&code_challenge=[\w-]{43}&state=/,
    );
    expect(result.oaId).toBe('777');

    // Step 5: strict, restart; the stored pair answers a signed message.
    env.ZALO_OA_VERIFY = 'strict';
    app = await buildApp(loadConfig(env), {
      answer: echoAnswer(),
      logStream: false,
      now: clock.now,
      schedule: clock.schedule,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const forged = signOa(oaTextEvent('u-1', 'gia mao', { timestamp: clock.t }), 'wrong-secret');
    expect((await post(`${base}/webhooks/zalo-oa`, forged.payload, forged.headers)).status).toBe(401);
    const real = signOa(oaTextEvent('u-1', 'lam cccd can gi', { timestamp: clock.t }));
    expect((await post(`${base}/webhooks/zalo-oa`, real.payload, real.headers)).status).toBe(200);
    await waitFor(() => zalo.oaDeliveries.length === 1, 'the answer');
    expect(zalo.oaDeliveries[0]).toMatchObject({ to: 'u-1', accessToken: 'access-1' });
    expect(zalo.refreshes).toHaveLength(0); // the pair from the code exchange has a known age
  });

  it('ends log-only mode after ZALO_OA_LOG_ONLY_HOURS: events are then checked strictly', async () => {
    const clock = new FakeClock(Date.now());
    app = await buildApp(
      loadConfig({
        DATA_DIR: await tempDir(),
        ZALO_OA_APP_ID: APP_ID,
        ZALO_APP_SECRET: APP_SECRET,
        ZALO_OA_VERIFY: 'log-only',
        ZALO_OA_LOG_ONLY_HOURS: '2',
        ZALO_OA_API_BASE: zalo.url,
        ZALO_OAUTH_BASE: zalo.url,
      }),
      { answer: echoAnswer(), logStream: false, now: clock.now, schedule: clock.schedule },
    );
    const unsigned = JSON.stringify(oaTextEvent('u-2', 'x', { timestamp: clock.t }));
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/webhooks/zalo-oa',
          headers: { 'content-type': 'application/json' },
          payload: unsigned,
        })
      ).statusCode,
    ).toBe(200);
    clock.advance(2 * 3600_000);
    const later = await app.inject({
      method: 'POST',
      url: '/webhooks/zalo-oa',
      headers: { 'content-type': 'application/json' },
      payload: unsigned,
    });
    expect(later.statusCode).toBe(401);
    expect(later.json()).toMatchObject({ code: 'E_SIGNATURE' });
  });
});

describe('Connect a Zalo Bot (README), against the stand-in', () => {
  it('registers the webhook with its secret, reads it back, and is then answered', async () => {
    const zalo = new ZaloStandIn({ accessToken: 'a', refreshToken: 'r', appSecret: APP_SECRET, botToken: BOT_TOKEN });
    await zalo.start();
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: await tempDir(),
      ZALO_BOT_TOKEN: BOT_TOKEN,
      ZALO_BOT_SECRET_TOKEN: 'a-secret-of-24-characters',
      ZALO_BOT_WEBHOOK_URL: 'https://hoidap.example.vn/webhooks/zalo-bot',
      ZALO_BOT_API_BASE: zalo.url,
    };
    const config = loadConfig(env);
    const app = await buildApp(config, { answer: echoAnswer(), logStream: false });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const info = await registerBotWebhook(config.zaloBot!, config.botWebhookUrl);
      expect(info).toMatchObject({ url: 'https://hoidap.example.vn/webhooks/zalo-bot' });
      expect(zalo.botWebhook).toEqual({
        url: 'https://hoidap.example.vn/webhooks/zalo-bot',
        secret_token: 'a-secret-of-24-characters',
      });
      // Zalo now sends updates with the registered secret.
      const res = await post(`${base}/webhooks/zalo-bot`, JSON.stringify(botTextUpdate('c-1', 'xin chao')), {
        'content-type': 'application/json',
        'x-bot-api-secret-token': zalo.botWebhook!.secret_token,
      });
      expect(res.status).toBe(200);
      await waitFor(() => zalo.botDeliveries.length === 1, 'the answer');
      await expect(registerBotWebhook(config.zaloBot!, 'http://plain.example.vn/x')).rejects.toMatchObject({
        code: 'E_CONFIG',
      });
    } finally {
      await app.close();
      await zalo.stop();
    }
  });
});

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
