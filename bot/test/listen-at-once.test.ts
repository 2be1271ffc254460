/**
 * Issue 10: after a restart the service listens at once. With a loadable index it answers from it and refreshes
 * it in the background (the re-index process), swapping when done; with none, /readyz is 503 "index building",
 * a Zalo webhook is still acknowledged and stored, and it is answered once the index is built.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/index.ts';
import { createEmbedder } from '../../knowledge/index.ts';
import { oaTextEvent, post, signOa, tempDir, testEnv, waitFor } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SOURCES = path.join(ROOT, 'knowledge', 'sources');
// The working folder is a temp folder (no .env of the repo), so tsx is named by its path.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Started {
  proc: ChildProcess;
  url: string;
  listenMs: number;
}

/** Runs bot/start-cli.ts as `npm start` does (node + tsx), with INDEX_DIR and SOURCES_DIR of its own. */
async function start(dir: string, standIn: string): Promise<Started> {
  const began = Date.now();
  const proc = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'bot', 'start-cli.ts')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      ...testEnv(path.join(dir, 'data'), standIn, {
        LOG_LEVEL: 'info',
        INDEX_DIR: path.join(dir, 'index'),
        SOURCES_DIR: path.join(dir, 'sources'),
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  await waitFor(() => /Server listening at/.test(out) || proc.exitCode !== null, 'the service to listen', 90_000);
  const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
  if (!m) throw new Error(`the service did not start:\n${out}`);
  running.push(proc);
  return { proc, url: m[1]!, listenMs: Date.now() - began };
}

let running: ChildProcess[] = [];
let zalo: ZaloStandIn;

async function readyz(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('listening at once after a restart', { timeout: 240_000 }, () => {
  beforeEach(async () => {
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: 'app-secret-for-tests',
      botToken: '12345:bot-token-for-tests',
    });
    await zalo.start();
  });
  afterEach(async () => {
    for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    running = [];
    await zalo.stop();
  });

  it('with no index: listens, says 503 "index building", stores a webhook and answers it once the index is built', async () => {
    const dir = await tempDir('hoidap-listen-');
    await cp(SOURCES, path.join(dir, 'sources'), { recursive: true });
    const svc = await start(dir, zalo.url);
    const building = await readyz(svc.url);
    expect(building.status).toBe(503);
    expect(building.body).toMatchObject({ index: false, knowledgeState: 'index building', knowledgeVersion: null });
    const { payload, headers } = signOa(oaTextEvent('u-start', 'Làm thẻ căn cước cần giấy tờ gì?'));
    expect((await post(`${svc.url}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    await waitFor(() => zalo.oaDeliveries.length >= 1, 'the answer once the index is built', 120_000);
    expect(zalo.oaDeliveries[0]!.text).toMatch(/căn cước/i);
    const serving = await readyz(svc.url);
    expect(serving.body).toMatchObject({ index: true, knowledgeState: 'serving' });
    expect(serving.body.knowledgeVersion).toMatch(/^v-/);
  });

  it('with a loadable index: serves it at once, then swaps to the refreshed one built in the background', async () => {
    const dir = await tempDir('hoidap-listen-');
    const sourcesDir = path.join(dir, 'sources');
    await cp(SOURCES, sourcesDir, { recursive: true });
    await runIngest({
      sourcesDir,
      indexDir: path.join(dir, 'index'),
      embedder: createEmbedder({ provider: 'hashed' }),
    });
    // Changed while the service was down: the start-up refresh must pick it up.
    await writeFile(path.join(sourcesDir, 'lich-tiep-dan.md'), '# Lịch tiếp dân\n\nTiếp dân sáng thứ bảy.\n');
    const svc = await start(dir, zalo.url);
    const first = await readyz(svc.url);
    expect(first.body).toMatchObject({ index: true, knowledgeState: 'serving', knowledgeGeneration: 1 });
    await waitFor(
      async () => (await readyz(svc.url)).body.knowledgeGeneration === 2,
      'the refreshed index to be swapped in',
      120_000,
    );
    expect((await readyz(svc.url)).body.knowledgeVersion).not.toBe(first.body.knowledgeVersion);
  });
});
