/**
 * npm run bench:cluster — the bot service as separate processes on loopback, measured and checked:
 *   1. one instance on SQLite, 2. one on PostgreSQL, 3. two on one PostgreSQL behind a round-robin proxy,
 *   4. the same two with one SIGKILLed at a random moment and restarted, 5. as 4 plus a −216 storm at Zalo.
 * Signed Zalo OA events arrive at --rate per second from --users users for --seconds (each user's next
 * message after the previous was acknowledged). At the Zalo stand-in every acknowledged event must be answered
 * once, in order per user; runs 4–5 also count duplicates (at least once: a reply on the wire at the kill may
 * go out again) and refresh calls. Prints a Markdown table for bot/README.md. Not part of npm test.
 *
 * Usage: tsx bot/bench-cluster-cli.ts [--rate 200] [--seconds 60] [--users 5000] [--only 1,3,5]
 * PostgreSQL: a fresh database per run on TEST_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import os from 'node:os';
import { runCluster, type ClusterOptions, type ClusterResult } from './test/cluster-harness.ts';
import { freshDatabase } from './test/postgres.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const RATE = Number(arg('rate', '200'));
const SECONDS = Number(arg('seconds', '60'));
const USERS = Number(arg('users', '5000'));
const ONLY = new Set(arg('only', '1,2,3,4,5').split(',').map(Number));
const out = (line = '') => process.stdout.write(`${line}\n`);

interface Run {
  n: number;
  label: string;
  engine: 'sqlite' | 'postgres';
  opts: Partial<ClusterOptions> & { instances: 1 | 2 };
}

const RUNS: Run[] = [
  { n: 1, label: '1 instance, SQLite', engine: 'sqlite', opts: { instances: 1 } },
  { n: 2, label: '1 instance, PostgreSQL', engine: 'postgres', opts: { instances: 1 } },
  { n: 3, label: '2 instances, PostgreSQL', engine: 'postgres', opts: { instances: 2 } },
  {
    n: 4,
    label: '2 instances, PostgreSQL, kill -9 + restart',
    engine: 'postgres',
    opts: { instances: 2, killWithin: [0.1, 0.7] },
  },
  {
    n: 5,
    label: '2 instances, PostgreSQL, kill -9 + −216 storm',
    engine: 'postgres',
    opts: { instances: 2, killWithin: [0.1, 0.5], stormAt: 0.6 },
  },
];

const results: Array<{ run: Run; r: ClusterResult }> = [];
out(
  `# bench:cluster — ${RATE}/s for ${SECONDS} s from ${USERS} users; ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} at start`,
);
for (const run of RUNS.filter((r) => ONLY.has(r.n))) {
  out(`\n## ${run.n}. ${run.label}`);
  const db = run.engine === 'postgres' ? await freshDatabase() : null;
  try {
    const r = await runCluster({
      databaseUrl: db?.url ?? null,
      rate: RATE,
      seconds: SECONDS,
      users: USERS,
      drainMs: 180_000,
      log: out,
      ...run.opts,
    });
    results.push({ run, r });
    out(`  ${JSON.stringify(r)}`);
  } finally {
    await db?.drop();
  }
}

const f = (n: number, d = 0) => n.toFixed(d);
out(
  `\n| run | acked/s | answered/s | ack p50 ms | ack p99 ms | acked | answered once | twice | lost | users out of order | refresh calls | killed at / back at |`,
);
out(`|---|---|---|---|---|---|---|---|---|---|---|---|`);
for (const { run, r } of results) {
  const kill =
    r.killedAtS === null ? '—' : `${f(r.killedAtS, 1)} s / ${r.restartS === null ? '?' : `${f(r.restartS, 1)} s`}`;
  out(
    `| ${run.label} | ${f(r.ackedPerSecond, 1)} | ${f(r.answeredPerSecond, 1)} | ${f(r.ackMs.p50, 1)} | ${f(r.ackMs.p99, 1)} | ${r.acked} | ${r.answeredOnce} | ${r.twice} | ${r.lost} | ${r.outOfOrderUsers} | ${r.refreshes} | ${kill} |`,
  );
}
out(
  `\nload average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const bad = results.filter(
  ({ r }) => r.lost > 0 || r.outOfOrderUsers > 0 || r.twiceUnexplained > 0 || r.refreshes > 1 || r.startRefreshes > 1,
);
if (bad.length) {
  out(`FAILED: ${bad.map(({ run }) => run.label).join('; ')}`);
  process.exitCode = 1;
}
