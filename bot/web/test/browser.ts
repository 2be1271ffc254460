/**
 * Browser helpers for the web tests and the screenshot CLI: Debian's Chromium driven by playwright-core
 * (no browser download, no network), and the few page actions the tests repeat.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/** Types a question in the chat, sends it, and returns the new answer once it is shown. */
export async function askInChat(page: Page, question: string): Promise<Locator> {
  const before = await page.locator('article.answer').count();
  await page.fill('#question', question);
  await page.click('#send');
  const answer = page.locator('article.answer').nth(before);
  await answer.waitFor({ state: 'visible', timeout: 20_000 });
  return answer;
}

/** Logs in to the console through the form and waits for the document table. */
export async function loginConsole(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.fill('#token', token);
  await page.click('#login-submit');
  await page.locator('#documents tbody tr').first().waitFor({ timeout: 20_000 });
}

/** Waits until the console shows a finished re-index (the table is reloaded after it). */
export async function waitForReindex(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('#reindex-status') as HTMLElement | null;
      return el?.dataset.state === 'done' || el?.dataset.state === 'failed';
    },
    undefined,
    // The re-index runs in a process of its own, which takes seconds to start on a loaded machine.
    { timeout: 50_000 },
  );
}
