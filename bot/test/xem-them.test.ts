/**
 * A long answer on Zalo, over a real socket: the real answer() over a hand-made sheet whose document list has
 * 25 items (answer/fixtures/long-list), the OA channel, the Zalo stand-in. The first message carries the first
 * whole items and "Còn N mục — hỏi "xem thêm""; "xem thêm" brings the rest from the conversation kept in the
 * bot storage; nothing is cut mid-item and no item is sent twice.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../answer/index.ts';
import { ensureIndex } from '../../ingest/index.ts';
import { createEmbedder, KnowledgeBase } from '../../knowledge/index.ts';
import { buildApp } from '../app.ts';
import { APP_SECRET, BOT_TOKEN, oaTextEvent, post, signOa, tempDir, testConfig, waitFor } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', 'answer', 'fixtures', 'long-list');

describe('a 25-item document list on Zalo OA', { timeout: 120_000 }, () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;
  let base: string;
  let items: string[];

  beforeAll(async () => {
    const indexDir = path.join(await tempDir(), 'index');
    const embedder = createEmbedder({ provider: 'hashed' });
    await ensureIndex({ sourcesDir: FIXTURE, indexDir, embedder });
    const kb = await KnowledgeBase.open(indexDir, { embedder });
    const yaml = await readFile(path.join(FIXTURE, 'procedures', 'thu-vien-cong-dong.yaml'), 'utf8');
    items = [...yaml.slice(yaml.indexOf('documents:'), yaml.indexOf('timeLimit:')).matchAll(/^ {2}- (.+)$/gm)].map(
      (m) => m[1] as string,
    );
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
    app = await buildApp(testConfig(await tempDir(), zalo.url), {
      answer: (q, ctx) => answer(q, { kb, history: ctx.history, asOf: ctx.asOf }),
      logStream: false,
      random: () => 0,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await zalo?.stop();
  });

  async function say(text: string): Promise<string[]> {
    const before = zalo.oaDeliveries.length;
    const { payload, headers } = signOa(oaTextEvent('u-list', text));
    expect((await post(`${base}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    await waitFor(() => zalo.oaDeliveries.length > before, `the reply to "${text}"`, 60_000);
    // Let any further parts of the same reply arrive.
    await new Promise((r) => setTimeout(r, 300));
    return zalo.oaDeliveries.slice(before).map((d) => d.text);
  }
  const itemLines = (texts: string[]) =>
    texts
      .join('\n')
      .split('\n')
      .filter((l) => l.startsWith('- ') || l.startsWith('Hồ sơ: '))
      .map((l) => l.replace(/^- |^Hồ sơ: /, '').replace(/\s*(\[\d+\])+$/, ''));

  it('sends the first whole items with "còn N mục", then the rest on "xem thêm", each item once', async () => {
    const first = await say('đăng ký hoạt động thư viện cộng đồng cần hồ sơ gì');
    expect(first).toHaveLength(1);
    expect(first[0]?.length).toBeLessThanOrEqual(1000);
    const shown = itemLines(first);
    expect(shown.every((l) => items.includes(l))).toBe(true);
    expect(first[0]).toContain(`Còn ${items.length - shown.length} mục — hỏi "xem thêm".`);

    const second = await say('xem thêm');
    expect(second.every((t) => t.length <= 2000)).toBe(true);
    expect(second.join('\n')).toContain('Hồ sơ (tiếp):');
    expect(second.join('\n')).toContain('Nguồn:');
    expect([...shown, ...itemLines(second)]).toEqual(items);

    const third = await say('xem them');
    expect(third.join('\n')).toMatch(/đã hiển thị đầy đủ/);
  });
});
