/**
 * The service is a child process running the real entry wiring (bot/test/echo-main.ts); it is SIGKILLed
 * after acknowledging an event and before the reply reached Zalo, then started again on the same DATA_DIR.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oaTextEvent, post, signOa, tempDir, testEnv, waitFor } from './helpers.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const ENTRY = path.join(import.meta.dirname, 'echo-main.ts');

interface Child {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

async function startChild(dataDir: string, standIn: string, args: string[] = []): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    env: { PATH: process.env.PATH, ...testEnv(dataDir, standIn, { LOG_LEVEL: 'info' }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  proc.stderr!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  await waitFor(
    () => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.test(out) || exited(proc),
    'the child to listen',
    90_000,
  );
  const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
  if (!m) throw new Error(`child did not start:\n${out}`);
  return { proc, url: m[1]!, output: () => out };
}

/** One read-only query on the child's database (WAL lets us read while it writes). */
function query<T>(dataDir: string, sql: string): T {
  const db = new Database(path.join(dataDir, 'bot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

/** The child has nothing left to answer or send: every inbox row done, no outbox row waiting or in flight. */
const childSettled = (dataDir: string) =>
  query<{ n: number }>(
    dataDir,
    `SELECT (SELECT COUNT(*) FROM inbox WHERE state <> 'done') + (SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')) AS n`,
  ).n === 0;

const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

async function kill(child: Child): Promise<void> {
  if (exited(child.proc)) return;
  const gone = new Promise((r) => child.proc.once('exit', r));
  child.proc.kill('SIGKILL');
  await gone;
}

describe('crash recovery with a killed process', { timeout: 240_000 }, () => {
  let zalo: ZaloStandIn;
  let children: Child[] = [];

  beforeEach(async () => {
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: 'app-secret-for-tests',
      botToken: '12345:bot-token-for-tests',
    });
    await zalo.start();
    children = [];
  });
  afterEach(async () => {
    for (const c of children) await kill(c);
    await zalo.stop();
  });

  async function ackThenKill(
    dataDir: string,
    args: string[],
    text: string,
    before: () => Promise<void> | void,
  ): Promise<void> {
    const first = await startChild(dataDir, zalo.url, args);
    children.push(first);
    const { payload, headers } = signOa(oaTextEvent('u-crash', text));
    expect((await post(`${first.url}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    await before();
    await kill(first);
    expect(zalo.oaDeliveries).toHaveLength(0);
  }

  async function restartAndExpectOne(dataDir: string, text: string): Promise<void> {
    const second = await startChild(dataDir, zalo.url);
    children.push(second);
    await waitFor(
      () => zalo.oaDeliveries.length >= 1 && childSettled(dataDir),
      'delivery after restart, nothing left to send',
      60_000,
    );
    expect(zalo.oaDeliveries.map((d) => d.text)).toEqual([expect.stringContaining(`Trả lời cho: ${text}`)]);
  }

  it('answers an event acknowledged just before the kill, while it was being answered', async () => {
    const dataDir = await tempDir();
    await ackThenKill(
      dataDir,
      ['--delay', '5000'],
      'dang tra loi thi chet',
      () => new Promise((r) => setTimeout(r, 300)),
    );
    await restartAndExpectOne(dataDir, 'dang tra loi thi chet');
  });

  it('delivers a reply whose send was in flight when the process was killed', async () => {
    const dataDir = await tempDir();
    zalo.script.push('hang');
    await ackThenKill(dataDir, [], 'dang gui thi chet', () =>
      waitFor(() => zalo.hangingCount === 1, 'the send to be in flight'),
    );
    await restartAndExpectOne(dataDir, 'dang gui thi chet');
  });

  it('delivers a reply queued while Zalo was unreachable, after a kill and a restart', async () => {
    const dataDir = await tempDir();
    await zalo.stop();
    await ackThenKill(dataDir, [], 'zalo sap luc do', async () => {
      await waitFor(
        () => query<{ n: number }>(dataDir, 'SELECT COALESCE(MAX(attempts), 0) AS n FROM outbox').n >= 1,
        'a failed send attempt',
      );
    });
    await zalo.start();
    await restartAndExpectOne(dataDir, 'zalo sap luc do');
  });

  it('shuts down on SIGTERM, keeping queued work for the next start', async () => {
    const dataDir = await tempDir();
    const first = await startChild(dataDir, zalo.url, ['--delay', '1500']);
    children.push(first);
    const { payload, headers } = signOa(oaTextEvent('u-term', 'tat may nhe nhang'));
    expect((await post(`${first.url}/webhooks/zalo-oa`, payload, headers)).status).toBe(200);
    const exited = new Promise<number | null>((r) => first.proc.once('exit', (code) => r(code)));
    first.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(first.output()).toContain('shutting down');
    // Whether the reply went out before the exit or after the restart, it goes out exactly once.
    await restartAndExpectOne(dataDir, 'tat may nhe nhang');
  });
});
