/**
 * Zalo ack latency while the console handles a bomb-sized upload (issue 10, defect 1):
 * `npx tsx bot/bench-upload-ack.ts`. Signed OA events are posted every 10 ms over a real socket while
 * (1) nothing else happens, (2) a DOCX holding ~28 MB of XML (under the 40 MiB inflate cap, over the text
 * cap) is uploaded and parsed in the child process, (3) a 60 MB-XML DOCX is refused by the inflate cap,
 * (4) a full re-index of the corpus runs (still in the service process). Prints p50/p99/max per phase.
 */
import { Document, Packer, Paragraph } from 'docx';
import { performance } from 'node:perf_hooks';
import { APP_ID, APP_SECRET, BOT_TOKEN, OA_SECRET, oaTextEvent, signOa } from './test/helpers.ts';
import { ZaloStandIn } from './test/zalo-stand-in.ts';
import { TEST_ADMIN_TOKEN, startTestServer } from './web/test/server.ts';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function docx(chars: number): Promise<Buffer> {
  const para = 'Thủ tục cấp lại căn cước công dân tại bộ phận một cửa. '.repeat(40);
  const children = Array.from({ length: Math.ceil(chars / para.length) }, () => new Paragraph(para));
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

const zalo = new ZaloStandIn({
  accessToken: 'access-0',
  refreshToken: 'refresh-0',
  appSecret: APP_SECRET,
  botToken: BOT_TOKEN,
});
await zalo.start();
const server = await startTestServer({
  env: {
    ZALO_OA_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_OA_ACCESS_TOKEN: 'access-0',
    ZALO_OA_REFRESH_TOKEN: 'refresh-0',
    ZALO_OA_API_BASE: zalo.url,
    ZALO_OAUTH_BASE: zalo.url,
    WEBHOOK_RATE_LIMIT_PER_MIN: '1000000',
  },
});
const big = await docx(20_000_000);
const bomb = await docx(60_000_000);
say(
  `upload sizes: ${(big.length / 1024).toFixed(0)} KB (parsed in the child), ${(bomb.length / 1024).toFixed(0)} KB (refused by the inflate cap)`,
);

async function measure(label: string, work: () => Promise<unknown>): Promise<void> {
  const lat: number[] = [];
  let running = true;
  let n = 0;
  const pump = (async () => {
    while (running) {
      const { payload, headers } = signOa(oaTextEvent(`u-${n % 50}`, 'le phi cccd', { msgId: `ack-${label}-${n++}` }));
      const t = performance.now();
      await fetch(`${server.url}/webhooks/zalo-oa`, { method: 'POST', body: payload, headers });
      lat.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const t0 = performance.now();
  const outcome = await work().then(
    (r) => r,
    (e: Error) => e.message,
  );
  const took = performance.now() - t0;
  running = false;
  await pump;
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!.toFixed(1);
  say(
    `${label}: ${(took / 1000).toFixed(1)} s, ${lat.length} acks, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${lat[lat.length - 1]!.toFixed(1)} ms — ${String(JSON.stringify(outcome) ?? '').slice(0, 160)}`,
  );
}

const upload = (name: string, bytes: Buffer) => async () => {
  const res = await fetch(`${server.url}/admin/api/documents?filename=${name}`, {
    method: 'POST',
    body: new Uint8Array(bytes),
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/octet-stream' },
  });
  return { status: res.status, body: (await res.json()) as unknown };
};
await measure('idle', () => new Promise((r) => setTimeout(r, 3000)));
await measure('28 MB-XML upload (child parse)', upload('lon.docx', big));
await measure('60 MB-XML upload (inflate cap)', upload('bom.docx', bomb));
await measure('full re-index (in process)', async () => {
  await fetch(`${server.url}/admin/api/reindex`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  return server.runtime.reindexer.idle().then((s) => s.state);
});
await server.close();
await zalo.stop();
