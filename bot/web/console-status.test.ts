/**
 * The console shows what the content team must act on (issue 10): the Zalo OA token status (access token
 * expiry, the refresh token's 3-month end, re-authorization needed) and the last re-index report of each
 * document (procedures and parts recognised, OCR). Debian's Chromium against the real service.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, APP_SECRET, BOT_TOKEN, OA_SECRET } from '../test/helpers.ts';
import { ZaloStandIn } from '../test/zalo-stand-in.ts';
import { HAS_CHROMIUM, launchChromium, loginConsole } from './test/browser.ts';
import { TEST_ADMIN_TOKEN, startTestServer, type TestServer } from './test/server.ts';

const NATIONAL = resolve(import.meta.dirname, '..', '..', 'ingest', 'fixtures', 'national');

describe.skipIf(!HAS_CHROMIUM)('console status in Chromium', { timeout: 180_000 }, () => {
  let zalo: ZaloStandIn;
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
    [server, browser] = await Promise.all([
      startTestServer({
        env: {
          ZALO_OA_APP_ID: APP_ID,
          ZALO_OA_SECRET_KEY: OA_SECRET,
          ZALO_APP_SECRET: APP_SECRET,
          ZALO_OA_ACCESS_TOKEN: 'access-0',
          ZALO_OA_REFRESH_TOKEN: 'refresh-0',
          ZALO_OA_API_BASE: zalo.url,
          ZALO_OAUTH_BASE: zalo.url,
        },
      }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await zalo?.stop();
  });

  const upload = async (file: string, folder: string) => {
    const res = await fetch(`${server.url}/admin/api/documents?filename=${file}&folder=${folder}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/octet-stream' },
      body: Uint8Array.from(await readFile(resolve(NATIONAL, file))),
    });
    expect(res.status).toBe(202);
    await server.runtime.reindexer.idle();
  };

  it('shows the OA token expiries and the per-document report of the last re-index', async () => {
    // The pasted token has no known age: the service refreshes it at start, then both expiries are known.
    await expect
      .poll(async () => server.app.hoidap.oaTokens?.status().refreshTokenExpiresAt ?? null, { timeout: 20_000 })
      .not.toBeNull();
    await upload('thu-tuc-markdown.md', 'procedures');
    await upload('thu-tuc-ban-scan.pdf', 'procedures');

    await loginConsole(page, server.url, TEST_ADMIN_TOKEN);
    const oa = page.locator('#oa-card');
    await expect.poll(() => page.locator('#oa-status').getAttribute('data-state')).toBe('ok');
    const details = await oa.locator('#oa-details').innerText();
    const expiries = server.app.hoidap.oaTokens!.status();
    const vn = (ms: number) => new Date(ms).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
    expect(details).toContain(`Access token hết hạn: ${vn(expiries.accessTokenExpiresAt!)}`);
    expect(details).toContain(`Refresh token hết hạn: ${vn(expiries.refreshTokenExpiresAt!)}`);

    const md = page.locator('#document-reports tr[data-path="procedures/thu-tuc-markdown.md"]');
    await md.waitFor({ timeout: 10_000 });
    expect(await md.getAttribute('data-outcome')).toBe('added');
    const procedures = await md.locator('td.procedures').innerText();
    const report = server.runtime.reindexer.documentReports().find((r) => r.path === 'procedures/thu-tuc-markdown.md')!;
    expect(report.procedures.length).toBeGreaterThan(0);
    for (const part of report.procedures[0]!.parts) expect(procedures).toContain(part);
    const scan = page.locator('#document-reports tr[data-path="procedures/thu-tuc-ban-scan.pdf"] td.ocr');
    expect(await scan.getAttribute('data-ocr')).not.toBe('none');
    expect(await scan.innerText()).toMatch(/OCR/);
  });

  it('says re-authorization is needed when the refresh token is dead', async () => {
    zalo.refreshToken = 'revoked-elsewhere';
    const tokens = server.app.hoidap.oaTokens!;
    await tokens.refresh(await tokens.accessToken()).catch(() => undefined);
    expect(tokens.status().problem).toBe('E_ZALO_TOKEN_DEAD');
    await page.reload();
    await expect.poll(() => page.locator('#oa-status').getAttribute('data-state')).toBe('reauthorize');
    expect(await page.locator('#oa-status').innerText()).toContain('Cần cấp quyền lại');
    expect(await page.locator('#oa-details').innerText()).toContain('npm run zalo:oa-auth');
  });
});
