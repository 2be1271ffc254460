/**
 * Writes the README screenshots (docs/screenshots/*.png) from the real pages: the test server (real index
 * over a copy of knowledge/sources in a temp folder) driven by Debian's Chromium.
 *   npx tsx bot/web/screenshots-cli.ts [outDir]
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HAS_CHROMIUM, CHROMIUM_PATH, askInChat, launchChromium, loginConsole } from './test/browser.ts';
import { TEST_ADMIN_TOKEN, startTestServer } from './test/server.ts';

const out = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots'));

async function main(): Promise<void> {
  if (!HAS_CHROMIUM) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  await mkdir(out, { recursive: true });
  const [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  try {
    const chat = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await chat.goto(server.url);
    const first = await askInChat(chat, 'lam cccd can giay to gi');
    await first.locator('details.source summary').first().click();
    await askInChat(chat, 'con le phi thi sao');
    const plan = await askInChat(chat, 'muc tieu chinh quyen so cua dong nai nam 2025');
    await plan.locator('button.fb-down').click();
    await plan.locator('.fb-comment textarea').fill('Cần thêm số liệu năm 2025');
    await plan.locator('button.fb-send').click();
    await plan.locator('.fb-thanks').waitFor();
    await askInChat(chat, 'xin giay phep ban phao hoa o dau');
    await chat.screenshot({ path: `${out}/chat-desktop.png`, fullPage: true });

    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await phone.goto(server.url);
    const a = await askInChat(phone, 'dk khai sinh o dau ad');
    await a.locator('details.source summary').first().click();
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.waitForTimeout(400); // let the smooth scroll settle before the picture
    await phone.screenshot({ path: `${out}/chat-phone.png` });

    const admin = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await loginConsole(admin, server.url, TEST_ADMIN_TOKEN);
    await admin.screenshot({ path: `${out}/console-documents.png` });
    await admin.click('[data-tab=search]');
    await admin.fill('#search-query', 'le phi lam can cuoc');
    await admin.click('#search-form button[type=submit]');
    await admin.locator('#search-results li.hit').first().waitFor();
    await admin.screenshot({ path: `${out}/console-search.png` });
    await admin.click('[data-tab=questions]');
    await admin.locator('#questions .q-item').first().waitFor();
    await admin.screenshot({ path: `${out}/console-questions.png` });
    console.log(`screenshots written to ${out}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
