/**
 * Runs the real service as 1–2 child processes (bot/test/echo-main.ts: the real wiring with a light answerer) on
 * SQLite or one PostgreSQL database, behind a round-robin proxy, and sends signed Zalo OA events from many users.
 * Optionally SIGKILLs one instance at a random moment and restarts it, and turns the access token invalid at the
 * Zalo stand-in (a −216 storm). Then it checks at the stand-in: every acknowledged event answered exactly once,
 * each user's answers in the order they were sent, and counts refresh calls. Used by `npm run bench:cluster` and,
 * shorter, by cluster.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PostgresStorage, SqliteStorage, type BotStorage } from '../storage/index.ts';
import { APP_SECRET, BOT_TOKEN, oaTextEvent, signOa, tempDir, testEnv, waitFor } from './helpers.ts';
import { percentiles, type Percentiles } from './open-loop-load.ts';
import { RoundRobinProxy } from './round-robin-proxy.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const ENTRY = path.join(import.meta.dirname, 'echo-main.ts');

export interface ClusterOptions {
  /** null: SQLite in a temp DATA_DIR (one instance only). */
  databaseUrl: string | null;
  instances: 1 | 2;
  rate: number;
  seconds: number;
  users: number;
  /** SIGKILL instance 0 at a random moment within this fraction of the run, e.g. [0.2, 0.6], then restart it. */
  killWithin?: [number, number];
  /** Invalidate the access token at the stand-in at this fraction of the run. */
  stormAt?: number;
  /** How long to wait for the last answers after the load, ms. */
  drainMs?: number;
  log?: (line: string) => void;
}

/** How late after the kill the stand-in may read a request the killed instance had already written. */
const ON_THE_WIRE_GRACE_MS = 1000;

export interface ClusterResult {
  sent: number;
  acked: number;
  answeredOnce: number;
  twice: number;
  lost: number;
  outOfOrderUsers: number;
  /** Answered twice although the first copy did NOT reach Zalo before the kill: never allowed. */
  twiceUnexplained: number;
  unackedAnswered: number;
  /** OA token refreshes at the Zalo stand-in during the −216 storm (the start-up refresh of the pasted token is apart). */
  refreshes: number;
  /** Refreshes before the storm: the pasted token of unknown age is refreshed once at start, by one instance. */
  startRefreshes: number;
  killedAtS: number | null;
  restartS: number | null;
  ackMs: Percentiles;
  ackedPerSecond: number;
  answeredPerSecond: number;
  drainS: number;
}

interface Instance {
  proc: ChildProcess;
  port: number;
  id: string;
  output: string;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

function startInstance(env: Record<string, string>, port: number, id: string): Promise<Instance> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { PATH: process.env.PATH, ...env, PORT: String(port), INSTANCE_ID: id },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const inst: Instance = { proc, port, id, output: '' };
  const keep = (c: Buffer) => {
    inst.output = (inst.output + c.toString()).slice(-4000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return waitFor(async () => proc.exitCode !== null || (await healthy(port)), `instance ${id} to listen`, 90_000).then(
    () => {
      if (proc.exitCode !== null) throw new Error(`instance ${id} exited:\n${inst.output}`);
      return inst;
    },
  );
}

async function kill(inst: Instance): Promise<void> {
  if (inst.proc.exitCode !== null || inst.proc.signalCode !== null) return;
  const gone = new Promise((r) => inst.proc.once('exit', r));
  inst.proc.kill('SIGKILL');
  await gone;
}

const ANSWER = /Trả lời cho: (u\d+) #(\d+)/;

export async function runCluster(o: ClusterOptions): Promise<ClusterResult> {
  const log = o.log ?? (() => undefined);
  const zalo = new ZaloStandIn({
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    appSecret: APP_SECRET,
    botToken: BOT_TOKEN,
  });
  await zalo.start();
  const dataDir = await tempDir('hoidap-cluster-');
  const env = testEnv(dataDir, zalo.url, {
    LOG_LEVEL: 'warn',
    USER_RATE_LIMIT_PER_MIN: '1000',
    ANSWER_CONCURRENCY: '8',
    SEND_CONCURRENCY: '16',
    SEND_TIMEOUT_MS: '10000',
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
  });
  const ports = await Promise.all(Array.from({ length: o.instances }, () => freePort()));
  const instances = await Promise.all(ports.map((p, i) => startInstance(env, p, `inst-${i}`)));
  const proxy = new RoundRobinProxy(() => ports.map((p) => `http://127.0.0.1:${p}`));
  await proxy.start();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  let storage: BotStorage | null = null;
  try {
    const acked = new Set<string>();
    const ackMs: number[] = [];
    const chains = new Map<string, Promise<void>>();
    const nextSeq = new Map<string, number>();
    let sent = 0;
    const total = Math.round(o.rate * o.seconds);
    const started = performance.now();
    const killAt =
      o.killWithin && o.instances > 0
        ? (o.killWithin[0] + Math.random() * (o.killWithin[1] - o.killWithin[0])) * o.seconds * 1000
        : null;
    let killedAtS: number | null = null;
    let killedWall = -Infinity;
    let refreshesBeforeStorm: number | null = null;
    let restartS: number | null = null;
    let restarting: Promise<void> | null = null;
    let stormed = false;

    const postOnce = (payload: string, headers: Record<string, string>): Promise<number> =>
      new Promise((resolve) => {
        const req = http.request(`${proxy.url}/webhooks/zalo-oa`, { method: 'POST', headers, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        });
        req.on('error', () => resolve(0));
        req.end(payload);
      });

    // Like Zalo: an event not acknowledged is sent again (same msg_id, freshly signed) a little later.
    const deliver = async (user: string, seq: number): Promise<void> => {
      const msgId = `${user}-${seq}`;
      for (let attempt = 0; attempt < 6; attempt++) {
        const { payload, headers } = signOa(oaTextEvent(user, `${user} #${seq}`, { msgId }));
        const t0 = performance.now();
        const status = await postOnce(payload, headers);
        if (status === 200) {
          if (attempt === 0) ackMs.push(performance.now() - t0);
          acked.add(msgId);
          return;
        }
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
    };

    for (let i = 0; i < total; i++) {
      const due = (i * 1000) / o.rate;
      const wait = due - (performance.now() - started);
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const elapsed = performance.now() - started;
      if (killAt !== null && killedAtS === null && elapsed >= killAt) {
        killedAtS = elapsed / 1000;
        killedWall = Date.now();
        log(`  SIGKILL inst-0 at ${killedAtS.toFixed(1)} s`);
        restarting = kill(instances[0]!)
          .then(() => startInstance(env, ports[0]!, 'inst-0'))
          .then((inst) => {
            instances[0] = inst;
            restartS = (performance.now() - started) / 1000;
            log(`  inst-0 back at ${restartS.toFixed(1)} s`);
          });
      }
      if (o.stormAt !== undefined && !stormed && elapsed >= o.stormAt * o.seconds * 1000) {
        stormed = true;
        refreshesBeforeStorm = zalo.refreshes.length;
        zalo.accessToken = 'revoked-by-zalo';
        log(`  −216 storm from ${(elapsed / 1000).toFixed(1)} s`);
      }
      const user = `u${randomInt(o.users)}`;
      const seq = nextSeq.get(user) ?? 0;
      nextSeq.set(user, seq + 1);
      sent += 1;
      // A user's next message leaves after the previous one was acknowledged, as on a phone.
      const chain = (chains.get(user) ?? Promise.resolve()).then(() => deliver(user, seq));
      chains.set(user, chain);
    }
    await Promise.all(chains.values());
    await restarting;
    const loadEnd = performance.now();
    storage = o.databaseUrl ? await PostgresStorage.open(o.databaseUrl) : SqliteStorage.open(dataDir);
    const store = storage;
    const answered = () =>
      new Set(
        zalo.oaDeliveries
          .map((d) => ANSWER.exec(d.text))
          .filter(Boolean)
          .map((m) => `${m![1]}-${m![2]}`),
      );
    await waitFor(
      async () => {
        const got = answered();
        if (![...acked].every((id) => got.has(id))) return false;
        const c = await store.counts();
        return !c.inbox.queued && !c.inbox.answering && !c.outbox.pending && !c.outbox.sending;
      },
      'every acknowledged event answered and nothing left to send',
      o.drainMs ?? 120_000,
    ).catch((err: Error) => log(`  ${err.message}`));
    const drainS = (performance.now() - loadEnd) / 1000;
    const perEvent = new Map<string, number>();
    const firstAt = new Map<string, number>();
    const perUser = new Map<string, number[]>();
    for (const d of zalo.oaDeliveries) {
      const m = ANSWER.exec(d.text);
      if (!m) continue;
      const id = `${m[1]}-${m[2]}`;
      perEvent.set(id, (perEvent.get(id) ?? 0) + 1);
      if (!firstAt.has(id)) firstAt.set(id, d.at ?? 0);
      // Order is judged on first copies: a re-sent copy of an earlier reply (at least once) is not a reordering.
      if (perEvent.get(id) === 1) perUser.set(m[1]!, [...(perUser.get(m[1]!) ?? []), Number(m[2])]);
    }
    const outOfOrderUsers = [...perUser.values()].filter((seqs) =>
      seqs.some((s, i) => i > 0 && s <= seqs[i - 1]!),
    ).length;
    const counts = [...acked].map((id) => perEvent.get(id) ?? 0);
    const seconds = (loadEnd - started) / 1000;
    return {
      sent,
      acked: acked.size,
      answeredOnce: counts.filter((n) => n === 1).length,
      twice: [...perEvent.values()].filter((n) => n > 1).length,
      lost: counts.filter((n) => n === 0).length,
      outOfOrderUsers,
      // At least once: a reply on the wire when its instance was killed may go out again after the restart.
      // The stand-in shares this process's event loop with the load generator, so a request the killed instance
      // wrote before its death can be read (and time-stamped) a little after the kill: a short grace covers it.
      twiceUnexplained: [...perEvent.entries()].filter(
        ([id, n]) => n > 1 && !((firstAt.get(id) ?? 0) <= killedWall + ON_THE_WIRE_GRACE_MS),
      ).length,
      unackedAnswered: [...perEvent.keys()].filter((id) => !acked.has(id)).length,
      refreshes: zalo.refreshes.length - (refreshesBeforeStorm ?? zalo.refreshes.length),
      startRefreshes: refreshesBeforeStorm ?? zalo.refreshes.length,
      killedAtS,
      restartS,
      ackMs: percentiles(ackMs),
      ackedPerSecond: acked.size / seconds,
      answeredPerSecond: perEvent.size / ((loadEnd - started) / 1000 + drainS),
      drainS,
    };
  } finally {
    agent.destroy();
    await proxy.stop();
    for (const inst of instances) await kill(inst);
    await storage?.close();
    await zalo.stop();
  }
}
