/**
 * npm run bench (second half): load on the bot service over 127.0.0.1.
 *
 * The service runs as its own process (the real wiring of bot/test/echo-main.ts: SQLite inbox/outbox, worker,
 * OA client) with a light answerer, so the numbers measure the service, not retrieval (eval/bench-cli.ts measures
 * answer() itself). A Zalo stand-in in this process counts what is delivered. An open-loop generator
 * (test/open-loop-load.ts: evenly spaced, latency from each request's due time) sends signed user_send_text
 * events; we report webhook ack latency, the event-loop delay of the service and of this process (so a tail can
 * be placed), answered messages per second, and check that every acknowledged event was answered exactly once.
 *
 * Usage: tsx bot/bench-load.ts [--rate 200] [--seconds 60] [--sync FULL|FSYNC_ACK|NORMAL] [--profile (CPU profile of the service into data/profiles)]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openLoopLoad } from './test/open-loop-load.ts';
import { APP_SECRET, BOT_TOKEN, oaTextEvent, signOa, tempDir, testEnv, waitFor } from './test/helpers.ts';
import { ZaloStandIn } from './test/zalo-stand-in.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const RATE = Number(arg('rate', '200'));
const SECONDS = Number(arg('seconds', '60'));
const SYNC = arg('sync', 'FULL');
const USERS = 5000;

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function main(): Promise<void> {
  const zalo = new ZaloStandIn({
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    appSecret: APP_SECRET,
    botToken: BOT_TOKEN,
  });
  await zalo.start();
  const port = await freePort();
  const env = testEnv(await tempDir('hoidap-bench-'), zalo.url, {
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DB_SYNCHRONOUS: SYNC,
    WEBHOOK_RATE_LIMIT_PER_MIN: '1000000',
    USER_RATE_LIMIT_PER_MIN: '100',
    SEND_CONCURRENCY: '16',
    ANSWER_CONCURRENCY: '8',
  });
  const profile = process.argv.includes('--profile')
    ? ['--cpu-prof', '--cpu-prof-dir', path.join(process.cwd(), 'data', 'profiles')]
    : [];
  const loopFile = path.join(env.DATA_DIR!, 'loop-delay.json');
  const child = spawn(
    process.execPath,
    [
      ...profile,
      '--import',
      'tsx',
      '--import',
      path.join(import.meta.dirname, 'test', 'loop-delay-probe.ts'),
      path.join(import.meta.dirname, 'test', 'echo-main.ts'),
      '--loop-delay-out',
      loopFile,
    ],
    {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${base}/healthz`);

  const ackedIds = new Set<string>();
  const acked = { queued: 0, other: 0 };
  const deliveriesAt: number[] = [];
  const origPush = zalo.oaDeliveries.push.bind(zalo.oaDeliveries);
  zalo.oaDeliveries.push = (...items) => {
    deliveriesAt.push(Date.now());
    return origPush(...items);
  };

  out(
    `bot load: ${RATE} signed OA events/s for 1 s warm-up (not timed) + ${SECONDS} s, ${USERS} users, SQLite synchronous=${SYNC}`,
  );
  const started = Date.now();
  const cpuBefore = cpuMsOf(child.pid!);
  const benchLoop = monitorEventLoopDelay({ resolution: 1 });
  const result = await openLoopLoad({
    url: `${base}/webhooks/zalo-oa`,
    rate: RATE,
    seconds: SECONDS,
    warmupSeconds: 1,
    connections: 32,
    onMeasureStart: () => {
      child.kill('SIGUSR2'); // the service's loop-delay probe starts measuring now
      benchLoop.enable();
    },
    request: (i) => {
      const id = `q${i + 1}`;
      const { payload, headers } = signOa(
        oaTextEvent(`u${(i + 1) % USERS}`, `cau hoi ${id}`, { msgId: `bench-${id}` }),
      );
      return { body: payload, headers };
    },
    onResponse: (i, status, body) => {
      if (status === 200 && body.includes('"queued"')) {
        acked.queued += 1;
        ackedIds.add(`q${i + 1}`);
      } else acked.other += 1;
    },
  });
  benchLoop.disable();
  child.kill('SIGUSR2'); // the probe writes what it measured during the load
  const loadEnd = Date.now();
  await waitFor(() => zalo.oaDeliveries.length >= acked.queued, 'every acknowledged event answered', 120_000).catch(
    () => undefined,
  );
  await new Promise((r) => setTimeout(r, 1000));
  const drainedAt = deliveriesAt[deliveriesAt.length - 1] ?? loadEnd;
  const serviceCpuMs = cpuMsOf(child.pid!) - cpuBefore;
  await waitFor(() => fs.existsSync(loopFile), 'the service loop-delay report', 10_000).catch(() => undefined);
  const serviceLoop = fs.existsSync(loopFile)
    ? (JSON.parse(fs.readFileSync(loopFile, 'utf8')) as Record<string, number>)
    : null;
  const ms = (ns: number) => Number((ns / 1e6).toFixed(1));

  const counts = new Map<string, number>();
  for (const d of zalo.oaDeliveries) {
    const id = /cau hoi (q\d+)/.exec(d.text)?.[1] ?? '?';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const twice = [...counts.values()].filter((c) => c > 1).length;
  const missing = [...ackedIds].filter((id) => !counts.has(id)).length;
  const duringLoad = deliveriesAt.filter((t) => t <= loadEnd).length;
  const report = {
    at: new Date().toISOString(),
    rateTarget: RATE,
    seconds: SECONDS,
    synchronous: SYNC,
    generator: 'open-loop (bot/test/open-loop-load.ts)',
    requests: result.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    ackLatencyMs: result.latencyMs,
    warmupSeconds: 1,
    achievedRequestsPerS: Math.round(result.sent / ((loadEnd - started) / 1000)),
    generatorLagMs: result.sendLagMs,
    serviceLoopDelayMs: serviceLoop,
    benchLoopDelayMs: { p50: ms(benchLoop.percentile(50)), p99: ms(benchLoop.percentile(99)), max: ms(benchLoop.max) },
    acked: acked.queued,
    answered: counts.size,
    answeredTwice: twice,
    missing,
    answeredPerSDuringLoad: Math.round(duringLoad / ((loadEnd - started) / 1000)),
    answeredPerSOverall: Math.round(zalo.oaDeliveries.length / ((drainedAt - started) / 1000)),
    drainAfterLoadMs: Math.max(0, drainedAt - loadEnd),
    // Load-independent: CPU the service process spent per answered message (webhook + worker + send).
    serviceCpuMsPerMessage: Number((serviceCpuMs / Math.max(1, counts.size)).toFixed(2)),
    machineLoadAverage: os.loadavg()[0],
  };
  printTable(report);
  const dir = path.join(import.meta.dirname, '..', 'eval', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bot-load-${report.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  out(`saved ${path.relative(process.cwd(), file)}`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await zalo.stop();
  const ok = report.ackLatencyMs.p99 <= 20 && report.answeredPerSDuringLoad >= 100 && missing === 0 && twice === 0;
  out(ok ? 'targets met' : 'TARGETS NOT MET (ack p99 <= 20 ms, >= 100 answered/s, none lost, none twice)');
  process.exitCode = ok ? 0 : 1;
}

/** user + system CPU time of a process, in ms (Linux /proc; 0 elsewhere). */
function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

async function waitUntilUp(url: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`service did not come up at ${url}`);
}

function fmt(p: unknown): string {
  return p && typeof p === 'object' ? Object.values(p).join(' / ') : 'n/a';
}

function printTable(r: Record<string, unknown>): void {
  const rows: Array<[string, string]> = [
    ['events sent / acked (200 queued)', `${r.requests} / ${r.acked}`],
    ['non-2xx / errors / timeouts', `${r.non2xx} / ${r.errors} / ${r.timeouts}`],
    ['achieved events/s', String(r.achievedRequestsPerS)],
    ['ack latency p50 / p90 / p99 / max (ms)', fmt(r.ackLatencyMs)],
    ['generator lateness p50 / p90 / p99 / max (ms)', fmt(r.generatorLagMs)],
    ['service event-loop delay p50 / p90 / p99 / max', fmt(r.serviceLoopDelayMs)],
    ['bench event-loop delay p50 / p99 / max (ms)', fmt(r.benchLoopDelayMs)],
    ['answered messages/s during load', String(r.answeredPerSDuringLoad)],
    ['answered messages/s incl. drain', String(r.answeredPerSOverall)],
    ['drain after load stopped (ms)', String(r.drainAfterLoadMs)],
    ['answered once / twice / missing', `${r.answered} / ${r.answeredTwice} / ${r.missing}`],
    ['service CPU per answered message (ms)', String(r.serviceCpuMsPerMessage)],
    ['machine load average (1 min, 2 cores)', String(r.machineLoadAverage)],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  out('');
  for (const [k, v] of rows) out(`${k.padEnd(w)}  ${v}`);
  out('');
}

await main();
