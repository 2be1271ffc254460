import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { MAX_QUESTION_CHARS, parseOaEvent } from '../events.ts';
import { TEXT_ONLY_REPLY } from '../replies.ts';
import {
  BOT_SECRET,
  BOT_TOKEN,
  echoAnswer,
  oaTextEvent,
  post,
  signOa,
  tempDir,
  testConfig,
  waitFor,
} from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const json = { 'content-type': 'application/json' };

function botEvent(
  chatId: string,
  eventName: string,
  messageId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    event_name: eventName,
    message: {
      from: { id: chatId, display_name: 'Dân', is_bot: false },
      chat: { id: chatId, chat_type: 'PRIVATE' },
      message_id: messageId,
      date: Date.now(),
      ...extra,
    },
  };
}

describe('every user event gets an answer', () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;
  let base: string;

  beforeEach(async () => {
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: 'app-secret-for-tests',
      botToken: BOT_TOKEN,
    });
    await zalo.start();
    app = await buildApp(testConfig(await tempDir(), zalo.url), {
      answer: echoAnswer(),
      logStream: false,
      random: () => 0,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await app.close();
    await zalo.stop();
  });

  it('tells an OA user who shares a link or a business card that only typed questions are read, with the 1022 hotline', async () => {
    const link = { ...oaTextEvent('u-link', 'https://example.vn/bai-viet'), event_name: 'user_send_link' };
    const card = { ...oaTextEvent('u-card', ''), event_name: 'user_send_business_card' };
    for (const e of [link, card]) {
      const { payload, headers } = signOa(e);
      expect((await post(`${base}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    }
    await waitFor(() => zalo.oaDeliveries.length === 2, 'two replies');
    const byUser = Object.fromEntries(zalo.oaDeliveries.map((d) => [d.to, d.text]));
    expect(byUser).toEqual({ 'u-link': TEXT_ONLY_REPLY, 'u-card': TEXT_ONLY_REPLY });
    expect(TEXT_ONLY_REPLY).toContain('1022');
  });

  it('tells a Zalo Bot user who sends a voice note or a protected (unsupported) message the same', async () => {
    const headers = { ...json, 'x-bot-api-secret-token': BOT_SECRET };
    await post(
      `${base}/webhooks/zalo-bot`,
      JSON.stringify(botEvent('c-voice', 'message.voice.received', 'v1', { voice: { url: 'https://x/y.aac' } })),
      headers,
    );
    await post(
      `${base}/webhooks/zalo-bot`,
      JSON.stringify(botEvent('c-kid', 'message.unsupported.received', 'k1')),
      headers,
    );
    await waitFor(() => zalo.botDeliveries.length === 2, 'two replies');
    const byChat = Object.fromEntries(zalo.botDeliveries.map((d) => [d.to, d.text]));
    expect(byChat).toEqual({ 'c-voice': TEXT_ONLY_REPLY, 'c-kid': TEXT_ONLY_REPLY });
  });

  it('retries a 403 from the Bot API (documented as its internal error) like a 5xx, then delivers', async () => {
    zalo.script.push({ status: 403 });
    await post(
      `${base}/webhooks/zalo-bot`,
      JSON.stringify(botEvent('c-403', 'message.text.received', 'm403', { text: 'le phi ho chieu' })),
      { ...json, 'x-bot-api-secret-token': BOT_SECRET },
    );
    await waitFor(() => zalo.botDeliveries.length === 1, 'delivery after the 403', 20_000);
    expect(app.hoidap.metrics.sendErrors.get({ channel: 'bot', code: '403' })).toBe(1);
    await waitFor(async () => (await app.hoidap.store.counts()).outbox.sent === 1, 'the row marked sent');
  });
});

describe('Zalo text length cap', () => {
  it('keeps only the first 2000 characters of a 20 000-character message', () => {
    const parsed = parseOaEvent(oaTextEvent('u-long', 'a'.repeat(20_000)), 0);
    expect(parsed.action).toBe('store');
    if (parsed.action === 'store') expect(parsed.event.text).toHaveLength(MAX_QUESTION_CHARS);
  });
});
