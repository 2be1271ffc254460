/**
 * Old code against new code on a busy machine: loads an index with each of two checkouts into the same
 * process and alternates them query by query (and open by open), so both see the same load at the same
 * moment. Absolute times on a shared machine drift with the load average; the ratio between the two does not
 * much. Prints open time, search p50/p95 (wall and CPU) and total CPU per checkout.
 *
 *   node --expose-gc --import tsx eval/bench-ab.ts <oldRoot> <oldIndex> <newRoot> <newIndex> [hybrid|lexical|vector]
 *
 * (A baseline checkout: `git worktree add ../base <commit>` and copy node_modules; build its index with its
 * own eval/bench-measure.ts buildScaled.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from './metrics.ts';

interface Searchable {
  search(q: string, opts: object): Promise<unknown>;
  close(): void;
}
interface Opener {
  open(dir: string): Promise<Searchable>;
}

const LEGS: Record<string, object> = {
  hybrid: { k: 10 },
  lexical: { k: 10, legs: { vector: false } },
  vector: { k: 10, legs: { lexical: false } },
};

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const r2 = (x: number) => Number(x.toFixed(2));

async function main(): Promise<void> {
  const [oldRoot, oldIndex, newRoot, newIndex, legs = 'hybrid'] = process.argv.slice(2);
  if (!oldRoot || !oldIndex || !newRoot || !newIndex || !LEGS[legs])
    throw new Error('usage: eval/bench-ab.ts <oldRoot> <oldIndex> <newRoot> <newIndex> [hybrid|lexical|vector]');
  const sides = [
    {
      name: 'old',
      dir: oldIndex,
      kb: null as Searchable | null,
      open: [] as number[],
      wall: [] as number[],
      cpu: [] as number[],
    },
    {
      name: 'new',
      dir: newIndex,
      kb: null as Searchable | null,
      open: [] as number[],
      wall: [] as number[],
      cpu: [] as number[],
    },
  ];
  const openers = [
    (await import(join(oldRoot, 'knowledge', 'index.ts'))).KnowledgeBase as Opener,
    (await import(join(newRoot, 'knowledge', 'index.ts'))).KnowledgeBase as Opener,
  ];
  const questions = ['plan.jsonl', 'procedures.jsonl'].flatMap((f) =>
    readFileSync(join(newRoot, 'eval', 'questions', f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { question: string }).question),
  );
  const queries = Array.from({ length: 300 }, (_, i) => questions[i % questions.length] as string);
  for (let round = 0; round < 3; round++) {
    for (const i of round % 2 ? [1, 0] : [0, 1]) {
      const side = sides[i]!;
      side.kb?.close();
      side.kb = null;
      (globalThis as { gc?: () => void }).gc?.();
      const t = performance.now();
      side.kb = await openers[i]!.open(side.dir);
      side.open.push(Math.round(performance.now() - t));
    }
  }
  const opts = LEGS[legs] as object;
  for (const q of queries.slice(0, 20)) for (const s of sides) await s.kb!.search(q, opts);
  for (const [n, q] of queries.entries()) {
    for (const s of n % 2 ? [sides[1]!, sides[0]!] : sides) {
      const c = cpuMs();
      const t = performance.now();
      await s.kb!.search(q, opts);
      s.wall.push(performance.now() - t);
      s.cpu.push(cpuMs() - c);
    }
  }
  for (const s of sides) {
    const total = s.cpu.reduce((a, b) => a + b, 0);
    console.log(
      `${s.name} ${legs}: open ${s.open.join('/')} ms; wall p50 ${r2(percentile(s.wall, 50))} p95 ${r2(percentile(s.wall, 95))} ms; cpu p50 ${r2(percentile(s.cpu, 50))} p95 ${r2(percentile(s.cpu, 95))} ms; cpu total ${Math.round(total)} ms`,
    );
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
