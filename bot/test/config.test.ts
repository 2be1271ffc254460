import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelSummary, envExample, loadConfig } from '../config.ts';
import { isBotError } from '../errors.ts';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (isBotError(err, 'E_CONFIG')) return err.message;
    throw err;
  }
  throw new Error('expected E_CONFIG');
}

describe('loadConfig', () => {
  it('serves only /api/ask and the web chat with the documented defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      indexDir: 'knowledge/index',
      oa: null,
      zaloBot: null,
      llm: null,
      adminToken: null,
    });
    expect(channelSummary(c)).toBe(
      'Zalo OA off; Zalo Bot off; HTTP API and web chat on; content console off; answers extractive',
    );
  });

  it('turns the content console on with a long enough ADMIN_TOKEN and refuses a short one', () => {
    expect(channelSummary(loadConfig({ ADMIN_TOKEN: 'a'.repeat(24) }))).toContain('content console on (/admin)');
    expect(configError({ ADMIN_TOKEN: 'short' })).toContain('ADMIN_TOKEN: must be at least 16 characters');
  });

  it('returns a deep-frozen object', () => {
    const c = loadConfig({ ZALO_BOT_TOKEN: 't', ZALO_BOT_MODE: 'polling' });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.limits)).toBe(true);
    expect(Object.isFrozen(c.zaloBot)).toBe(true);
  });

  it('lists every problem at once, naming the missing settings of a partly configured channel', () => {
    const msg = configError({
      PORT: 'abc',
      ZALO_OA_APP_ID: '1',
      ZALO_OA_SECRET_KEY: 's',
      ZALO_OA_VERIFY: 'maybe',
      ZALO_OA_SECRT: 'x',
      LLM_MODEL: 'm',
    });
    expect(msg).toContain('PORT:');
    expect(msg).toContain('ZALO_OA_VERIFY:');
    expect(msg).toContain('Zalo OA needs ZALO_APP_SECRET');
    expect(msg).toContain('ZALO_OA_SECRT is not a known setting');
    expect(msg).toContain('LLM is partly configured; also set LLM_BASE_URL');
  });

  it('turns the OA channel on for onboarding with only the app id and app secret in log-only mode', () => {
    const c = loadConfig({ ZALO_OA_APP_ID: '1', ZALO_APP_SECRET: 'a', ZALO_OA_VERIFY: 'log-only' });
    expect(c.oa).toMatchObject({
      appId: '1',
      secretKey: null,
      accessToken: null,
      refreshToken: null,
      verify: 'log-only',
      logOnlyMs: 24 * 3600_000,
    });
    expect(configError({ ZALO_OA_APP_ID: '1', ZALO_APP_SECRET: 'a' })).toContain('set ZALO_OA_VERIFY=log-only');
    expect(
      configError({ ZALO_OA_APP_ID: '1', ZALO_APP_SECRET: 'a', ZALO_OA_SECRET_KEY: 'k', ZALO_OA_ACCESS_TOKEN: 'x' }),
    ).toContain('Zalo OA token pair is partly configured; also set ZALO_OA_REFRESH_TOKEN');
  });

  it('requires the webhook secret of the Bot channel in webhook mode only', () => {
    expect(configError({ ZALO_BOT_TOKEN: 't' })).toContain('needs ZALO_BOT_SECRET_TOKEN');
    expect(loadConfig({ ZALO_BOT_TOKEN: 't', ZALO_BOT_MODE: 'polling' }).zaloBot).toMatchObject({
      mode: 'polling',
      secretToken: null,
    });
  });

  it('keeps secrets out of its error messages', () => {
    const msg = configError({ ZALO_BOT_TOKEN: 'very-secret-token', ZALO_BOT_SECRET_TOKEN: 'short' });
    expect(msg).toContain('ZALO_BOT_SECRET_TOKEN');
    expect(msg).not.toContain('very-secret-token');
    expect(msg).not.toContain('short"');
  });

  it('matches the committed .env.example, which is generated from the schema', () => {
    const file = fs.readFileSync(path.join(import.meta.dirname, '..', '..', '.env.example'), 'utf8');
    expect(file).toBe(envExample());
  });
});
