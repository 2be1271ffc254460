/**
 * End to end over real sockets: one question on each channel (Zalo OA webhook, Zalo Bot webhook, the chat
 * page's same-origin /api/ask, an API client's /api/ask) lands in the console's question log with its
 * channel and session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ID,
  APP_SECRET,
  BOT_SECRET,
  BOT_TOKEN,
  OA_SECRET,
  botTextUpdate,
  oaTextEvent,
  post,
  signOa,
  waitFor,
} from '../../test/helpers.ts';
import { ZaloStandIn } from '../../test/zalo-stand-in.ts';
import { startTestServer, type TestServer } from './server.ts';

describe('question log channels', () => {
  let zalo: ZaloStandIn;
  let server: TestServer;
  beforeAll(async () => {
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
    server = await startTestServer({
      env: {
        ZALO_OA_APP_ID: APP_ID,
        ZALO_OA_SECRET_KEY: OA_SECRET,
        ZALO_APP_SECRET: APP_SECRET,
        ZALO_OA_ACCESS_TOKEN: 'access-0',
        ZALO_OA_REFRESH_TOKEN: 'refresh-0',
        ZALO_OA_API_BASE: zalo.url,
        ZALO_OAUTH_BASE: zalo.url,
        ZALO_BOT_TOKEN: BOT_TOKEN,
        ZALO_BOT_SECRET_TOKEN: BOT_SECRET,
        ZALO_BOT_API_BASE: zalo.url,
      },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await zalo?.stop();
  });

  it('records zalo-oa, zalo-bot, web and api rows, each with its session', async () => {
    const oa = signOa(oaTextEvent('8470145023958276123', 'lam can cuoc can giay to gi'));
    expect((await post(`${server.url}/webhooks/zalo-oa`, oa.payload, oa.headers)).status).toBe(200);
    const bot = JSON.stringify(botTextUpdate('chat-42', 'dang ky khai sinh o dau'));
    expect(
      (
        await post(`${server.url}/webhooks/zalo-bot`, bot, {
          'content-type': 'application/json',
          'x-bot-api-secret-token': BOT_SECRET,
        })
      ).status,
    ).toBe(200);
    const web = await post(
      `${server.url}/api/ask`,
      JSON.stringify({ question: 'le phi cap ho chieu', sessionId: 'tab-1' }),
      { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    );
    expect(web.status).toBe(200);
    const api = await post(
      `${server.url}/api/ask`,
      JSON.stringify({ question: 'thu tuc dang ky ket hon', sessionId: 'client-7' }),
      { 'content-type': 'application/json' },
    );
    expect(api.status).toBe(200);
    await waitFor(() => zalo.oaDeliveries.length >= 1 && zalo.botDeliveries.length >= 1, 'both Zalo replies');
    const rows = (await server.runtime.store.listQuestions()).map((q) => ({ channel: q.channel, session: q.session }));
    expect(rows.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: 'api', session: 'client-7' },
      { channel: 'web', session: 'tab-1' },
      { channel: 'zalo-bot', session: 'bot:chat-42' },
      { channel: 'zalo-oa', session: 'oa:8470145023958276123' },
    ]);
  });
});
