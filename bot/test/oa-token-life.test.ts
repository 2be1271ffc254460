import axios from 'axios';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { BotError } from '../errors.ts';
import { OaTokens } from '../oa-tokens.ts';
import { SqliteStorage, type BotStorage } from '../storage/index.ts';
import {
  APP_SECRET,
  BOT_TOKEN,
  FakeClock,
  echoAnswer,
  oaTextEvent,
  post,
  signOa,
  tempDir,
  testConfig,
  waitFor,
} from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const DAY = 24 * 3600_000;

describe('OA token life with a fake clock', () => {
  let zalo: ZaloStandIn;
  let store: BotStorage | null = null;
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
    store = null;
    await zalo.stop();
  });

  async function tokens(clock: FakeClock): Promise<OaTokens> {
    const dir = await tempDir();
    store = await SqliteStorage.open(dir);
    return new OaTokens(
      store,
      testConfig(dir, zalo.url).oa!,
      axios.create(),
      clock.now,
      Fastify({ logger: false }).log,
      2000,
      { schedule: clock.schedule },
    );
  }

  it('refreshes a pasted token of unknown age at start, then on the timer at 80% of expires_in, before expiry', async () => {
    const clock = new FakeClock();
    const t = await tokens(clock);
    await t.start();
    expect(zalo.refreshes.map((r) => r.refreshToken)).toEqual(['refresh-0']);
    const expiresAt = t.status().accessTokenExpiresAt!;
    expect(expiresAt - clock.t).toBe(90_000_000); // "90000" seconds, a string in Zalo's answer
    expect(clock.nextTimerAt! - clock.t).toBe(72_000_000);
    clock.advance(72_000_000 - 1);
    expect(zalo.refreshes).toHaveLength(1);
    clock.advance(1);
    await waitFor(() => zalo.refreshes.length === 2, 'the timed refresh');
    await waitFor(() => t.status().accessTokenExpiresAt! > expiresAt, 'the new pair stored');
    expect(clock.t).toBeLessThan(expiresAt);
    expect(await t.accessToken()).toBe('access-2');
    await t.stop();
  });

  it('keeps a pair Zalo issued while the database could not store it, uses it, and stores it once the database answers', async () => {
    const clock = new FakeClock();
    const dir = await tempDir();
    const real = await SqliteStorage.open(dir);
    store = real;
    let databaseDown = false;
    // The real store, with writes of the token pair failing while "the database is down".
    const flaky = Object.assign(Object.create(real) as BotStorage, {
      putTokens: (...args: Parameters<BotStorage['putTokens']>) =>
        databaseDown
          ? Promise.reject(new BotError('E_DB_UNREACHABLE', 'database down', { retryable: true }))
          : real.putTokens(...args),
    });
    const t = new OaTokens(
      flaky,
      testConfig(dir, zalo.url).oa!,
      axios.create(),
      clock.now,
      Fastify({ logger: false }).log,
      2000,
      { schedule: clock.schedule },
    );
    await t.start();
    databaseDown = true;
    // Zalo spends refresh-1 for this refresh: losing its answer would lose the OA.
    expect(await t.refresh(await t.accessToken())).toBe('access-2');
    expect((await real.getTokens('zalo-oa'))!.accessToken).toBe('access-1');
    expect(await t.accessToken()).toBe('access-2');
    databaseDown = false;
    expect(await t.accessToken()).toBe('access-2');
    expect((await real.getTokens('zalo-oa'))!.refreshToken).toBe('refresh-2');
    expect(zalo.refreshes.map((r) => r.refreshToken)).toEqual(['refresh-0', 'refresh-1']);
    await t.stop();
  });

  it('retries a timed refresh that could not reach Zalo a minute later', async () => {
    const clock = new FakeClock();
    const t = await tokens(clock);
    await t.start();
    await zalo.stop();
    clock.advance(72_000_000);
    await waitFor(() => clock.nextTimerAt !== null, 'the retry armed');
    expect(clock.nextTimerAt! - clock.t).toBe(60_000);
    await zalo.start();
    clock.advance(60_000);
    await waitFor(() => zalo.refreshes.length === 2, 'the retried refresh');
    await t.stop();
  });

  it('reports a refresh token near its three-month end, and not before', async () => {
    const clock = new FakeClock();
    const t = await tokens(clock);
    expect(t.status().refreshTokenExpiresAt).toBeNull(); // pasted: age unknown
    await t.start();
    await t.stop();
    expect(t.status()).toMatchObject({ refreshTokenNearEnd: false, problem: null });
    clock.advance(77 * DAY);
    expect(t.status().refreshTokenNearEnd).toBe(true);
  });
});

describe('OA token life in the running service', () => {
  let zalo: ZaloStandIn;
  let app: FastifyInstance;
  let base: string;
  let logs: string;
  beforeEach(async () => {
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
    logs = '';
  });
  afterEach(async () => {
    await app.close();
    await zalo.stop();
  });

  async function startService(clock: FakeClock): Promise<void> {
    const logStream = {
      write: (line: string) => {
        logs += line;
      },
    };
    app = await buildApp(testConfig(await tempDir(), zalo.url), {
      answer: echoAnswer(),
      logStream,
      now: clock.now,
      schedule: clock.schedule,
      random: () => 0,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }

  it('answers −220 (expired or removed) with one refresh, then delivers the reply', async () => {
    const clock = new FakeClock(Date.now());
    await startService(clock);
    await waitFor(() => zalo.refreshes.length === 1, 'the start-up refresh');
    await waitFor(() => app.hoidap.oaTokens!.status().accessTokenExpiresAt !== null, 'the pair stored');
    zalo.tokenErrorCode = -220;
    zalo.accessToken = 'removed-by-zalo';
    zalo.refreshToken = 'refresh-1';
    const { payload, headers } = signOa(oaTextEvent('u-220', 'le phi cccd', { timestamp: clock.t }));
    expect((await post(`${base}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    await waitFor(() => zalo.oaDeliveries.length === 1, 'delivery after the refresh');
    expect(zalo.refreshes.map((r) => r.refreshToken)).toEqual(['refresh-0', 'refresh-1']);
    expect(zalo.oaDeliveries[0]!.accessToken).toBe('access-2');
  });

  it('makes a dead refresh token a loud E_ZALO_TOKEN_DEAD with the re-authorization steps, red in /readyz and /metrics', async () => {
    zalo.refreshToken = 'spent-elsewhere';
    const clock = new FakeClock(Date.now());
    await startService(clock);
    await waitFor(() => app.hoidap.oaTokens!.status().problem !== null, 'the dead token noticed');
    expect(logs).toContain('E_ZALO_TOKEN_DEAD');
    expect(logs).toContain('npm run zalo:oa-auth');
    expect(logs).not.toContain('refresh-0');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      ready: false,
      zalo: { ok: false, oa: { problem: 'E_ZALO_TOKEN_DEAD' } },
    });
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('hoidap_zalo_oa_reauthorization_needed 1');
  });

  it('is not ready during a Zalo outage of over a minute, and reports the outbox backlog', async () => {
    const clock = new FakeClock(Date.now());
    await startService(clock);
    await waitFor(() => zalo.refreshes.length === 1, 'the start-up refresh');
    await zalo.stop();
    const { payload, headers } = signOa(oaTextEvent('u-out', 'thu tuc', { timestamp: clock.t }));
    await post(`${base}/webhooks/zalo-oa`, payload, headers);
    await waitFor(
      () => app.hoidap.metrics.sendErrors.get({ channel: 'oa', code: 'E_ZALO_UNREACHABLE' }) >= 1,
      'a failed send',
    );
    expect((await fetch(`${base}/readyz`)).status).toBe(200); // one blip is not an outage
    clock.advance(61_000);
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ zalo: { ok: false, outages: ['oa'] }, outboxPending: 1 });
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('hoidap_outbox_pending 1');
  });
});
