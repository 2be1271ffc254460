import axios from 'axios';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OaTokens } from '../oa-client.ts';
import { SqliteStorage } from '../storage/index.ts';
import { APP_SECRET, BOT_TOKEN, tempDir, testConfig } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

describe('OA token rotation', () => {
  let zalo: ZaloStandIn;
  let store: SqliteStorage;
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
    await store?.close();
    await zalo.stop();
  });

  async function tokens(dataDir: string, now: () => number, env: Record<string, string> = {}): Promise<OaTokens> {
    const config = testConfig(dataDir, zalo.url, env);
    store = SqliteStorage.open(dataDir);
    return new OaTokens(store, config.oa!, axios.create(), now, Fastify({ logger: false }).log, 2000);
  }

  it('refreshes five minutes before expiry, once, even when many callers ask at the same time', async () => {
    let clock = 1_000_000;
    const t = await tokens(await tempDir(), () => clock);
    expect(await t.refresh('access-0')).toBe('access-1'); // expires_in 90000 s from the stand-in
    clock += 90_000_000 - 4 * 60_000;
    const got = await Promise.all(Array.from({ length: 5 }, () => t.accessToken()));
    expect(got).toEqual(Array(5).fill('access-2'));
    expect(zalo.refreshes.map((r) => r.refreshToken)).toEqual(['refresh-0', 'refresh-1']);
  });

  it('uses the stored pair after a restart instead of the spent refresh token from the environment', async () => {
    const dir = await tempDir();
    const first = await tokens(dir, () => 0);
    await first.refresh('access-0');
    await store.close();
    const second = await tokens(dir, () => 0);
    expect(await second.accessToken()).toBe('access-1');
    expect(await second.refresh('access-1')).toBe('access-2');
    expect(zalo.refreshes.map((r) => r.refreshToken)).toEqual(['refresh-0', 'refresh-1']);
  });

  it('says the OA must be re-authorized when Zalo rejects the refresh token', async () => {
    zalo.refreshToken = 'someone-else-spent-it';
    const t = await tokens(await tempDir(), () => 0);
    await expect(t.refresh('access-0')).rejects.toMatchObject({ code: 'E_ZALO_TOKEN_DEAD', zaloCode: -14014 });
  });

  it('reports an unreachable OAuth server as E_ZALO_UNREACHABLE without the refresh token or secret', async () => {
    await zalo.stop();
    const t = await tokens(await tempDir(), () => 0);
    const err = await t.refresh('access-0').catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'E_ZALO_UNREACHABLE', retryable: true });
    expect(String((err as Error).message)).not.toMatch(/refresh-0|app-secret/);
  });
});
