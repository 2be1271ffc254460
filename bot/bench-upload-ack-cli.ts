/**
 * Zalo ack latency while the console handles a bomb-sized upload (issue 10, defect 1):
 * `npx tsx bot/bench-upload-ack-cli.ts`. Signed OA events are posted every 10 ms over a real socket while
 * (1) nothing else happens, (2) a DOCX holding ~28 MB of XML (under the 40 MiB inflate cap, over the text
 * cap) is uploaded and parsed in the child process, (3) a 60 MB-XML DOCX is refused by the inflate cap,
 * (4) a full re-index of the corpus runs in the re-index process (one new file, so a new version is written
 * and opened), (5) a bomb-sized DOCX that passes every cap (~1 M characters of text) is uploaded and the
 * re-index it triggers runs to the end, (6) the holder opens the current version again, alone (the part of a
 * re-index that stays on the service's loop). Prints p50/p99/max ack latency and the longest event-loop stall
 * per phase, and the re-index's swap time.
 */
import { Document, Packer, Paragraph } from 'docx';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
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
const accepted = await docx(1_000_000);
say(
  `upload sizes: ${(big.length / 1024).toFixed(0)} KB (parsed in the child), ${(bomb.length / 1024).toFixed(0)} KB (refused by the inflate cap), ${(accepted.length / 1024).toFixed(0)} KB (accepted, ~1 M characters)`,
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
  // The service runs in this process: the loop-delay histogram shows how long its loop stalled.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  const outcome = await work().then(
    (r) => r,
    (e: Error) => e.message,
  );
  const took = performance.now() - t0;
  running = false;
  loop.disable();
  await pump;
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!.toFixed(1);
  say(
    `${label}: ${(took / 1000).toFixed(1)} s, ${lat.length} acks, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${lat[lat.length - 1]!.toFixed(1)} ms, loop stall max ${(loop.max / 1e6).toFixed(0)} ms — ${String(JSON.stringify(outcome) ?? '').slice(0, 160)}`,
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
const reindexOutcome = () =>
  server.runtime.reindexer.idle().then((s) => ({
    state: s.state,
    error: s.error?.code,
    seconds: s.report?.seconds,
    chunks: s.report?.chunks,
    swapMs: s.swapMs,
  }));
await measure('full re-index in the worker', async () => {
  await writeFile(join(server.sourcesDir, 'guides', 'bench-note.md'), '# Ghi chú\n\nLịch tiếp dân sáng thứ bảy.\n');
  await fetch(`${server.url}/admin/api/reindex`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  return reindexOutcome();
});
await measure('bomb-sized accepted upload and its re-index', async () => {
  const res = await upload('rat-dai.docx', accepted)();
  const body = res.body as { code?: string; detail?: string };
  return { upload: res.status, code: body.code, detail: body.detail, reindex: await reindexOutcome() };
});
await measure('holder.reload() alone', async () => {
  const t = performance.now();
  await server.runtime.holder.reload();
  return { reloadMs: Math.round(performance.now() - t), chunks: server.runtime.holder.live().manifest.chunkCount };
});
await server.close();
await zalo.stop();
