/**
 * Quick performance check of the index on synthetic chunks (not a test: timings vary by machine).
 *
 *   npx tsx knowledge/search-bench-cli.ts 10000 [indexDir]
 *
 * Builds (or re-uses) an index of N synthetic chunks whose syllables follow a Zipf law over the plan's
 * vocabulary, then, in a fresh child process, measures open time, resident memory and search latency.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  KnowledgeBase,
  createEmbedder,
  indexTextOf,
  normalizeText,
  writeIndex,
  type Chunk,
  type DocumentMeta,
} from './index.ts';

const QUERIES = [
  'tỷ lệ hồ sơ giải quyết trực tuyến cấp xã',
  'ty le ho so giai quyet truc tuyen cap xa',
  'cds',
  'dvcqg',
  'tthc',
  'le phi lam cccd',
  'lam giay khai sinh can giay to gi',
  'kế hoạch 53/KH-UBND',
  'an toàn thông tin mạng',
  'dữ liệu dùng chung của tỉnh',
  'chu ky so ca nhan',
  'dk kh o dau ad',
  'cổng dịch vụ công quốc gia thanh toán',
  'nhân lực công nghệ thông tin',
  'hạ tầng số băng rộng',
];

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same corpus. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticCorpus(n: number): { meta: DocumentMeta; chunks: Chunk[] }[] {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const plan = readFileSync(join(here, 'sources/plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai.txt'), 'utf8');
  const counts = new Map<string, number>();
  for (const w of normalizeText(plan)
    .toLowerCase()
    .match(/\p{L}+/gu) ?? [])
    counts.set(w, (counts.get(w) ?? 0) + 1);
  const vocab = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const cumulative: number[] = [];
  let total = 0;
  vocab.forEach((_, i) => cumulative.push((total += 1 / (i + 1))));
  const random = rng(42);
  const pick = () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo] as string;
  };
  const docs: { meta: DocumentMeta; chunks: Chunk[] }[] = [];
  const perDoc = 50;
  for (let d = 0; d * perDoc < n; d++) {
    const meta: DocumentMeta = {
      id: `synthetic/doc-${d}`,
      title: `Văn bản ${d} ${pick()} ${pick()}`,
      number: `${d}/KH-UBND`,
      issuer: null,
      issueDate: null,
      effectiveDate: null,
      expiryDate: null,
      supersededBy: null,
      type: 'plan',
      sourceUrl: null,
      audience: 'both',
      sourcePath: `synthetic/doc-${d}.txt`,
      inferred: [],
    };
    const chunks: Chunk[] = [];
    for (let i = 0; i < perDoc && d * perDoc + i < n; i++) {
      const words = Array.from({ length: 60 + Math.floor(random() * 120) }, pick);
      chunks.push({
        id: `c-${d}-${i}`,
        documentId: meta.id,
        sectionPath: [`${i + 1}. ${pick()} ${pick()}`],
        page: null,
        ordinal: i,
        text: `${words.join(' ')} ${random() < 0.3 ? '80%' : ''}.`,
      });
    }
    docs.push({ meta, chunks });
  }
  return docs;
}

async function build(n: number, dir: string): Promise<void> {
  const t0 = performance.now();
  const docs = syntheticCorpus(n);
  const embedder = createEmbedder({ provider: 'hashed' });
  const vectors = new Map<string, number[]>();
  for (const d of docs) {
    const vs = await embedder.embedDocuments(d.chunks.map((c) => indexTextOf(c, d.meta)));
    d.chunks.forEach((c, i) => vectors.set(c.id, vs[i] as number[]));
  }
  const t1 = performance.now();
  await writeIndex(dir, {
    documents: docs.map((d) => ({ ...d, contentHash: d.meta.id })),
    vectors,
    embedder: embedder.info,
  });
  console.log(
    `built ${n} chunks: embed ${((t1 - t0) / 1000).toFixed(1)} s, writeIndex ${((performance.now() - t1) / 1000).toFixed(1)} s`,
  );
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;

async function measure(dir: string): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const kb = await KnowledgeBase.open(dir);
  const openMs = performance.now() - t0;
  const openCpu = process.cpuUsage(c0);
  const rss = process.memoryUsage().rss;
  console.log(
    `open ${openMs.toFixed(0)} ms wall, ${((openCpu.user + openCpu.system) / 1000).toFixed(0)} ms cpu; RSS ${(rss / 2 ** 20).toFixed(0)} MB (process start ${(rssBefore / 2 ** 20).toFixed(0)} MB)`,
  );
  for (const [label, legs] of [
    ['hybrid', undefined],
    ['lexical only', { vector: false }],
  ] as const) {
    for (const q of QUERIES) await kb.search(q, { legs }); // warm-up
    const times: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const q of QUERIES) {
        const c = process.cpuUsage();
        const s = performance.now();
        await kb.search(q, { legs });
        times.push(performance.now() - s);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    // CPU time is reported too: on a shared 2-core machine wall time mostly measures the neighbours.
    const fmt = (xs: number[]) => `p50 ${percentile(xs, 0.5).toFixed(2)} ms, p95 ${percentile(xs, 0.95).toFixed(2)} ms`;
    console.log(
      `${label}: wall ${fmt(times)}, max ${Math.max(...times).toFixed(2)} ms; cpu ${fmt(cpu)} (${times.length} searches)`,
    );
  }
  console.log(`RSS after searches ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
}

const [arg, dirArg] = process.argv.slice(2);
if (arg === '--measure' && dirArg) {
  await measure(dirArg);
} else {
  const n = Number(arg ?? 10000);
  const dir = dirArg ?? join(tmpdir(), `hoidap-bench-${n}`);
  if (!existsSync(join(dir, 'CURRENT'))) await build(n, dir);
  else console.log(`re-using ${dir}`);
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--measure', dir], {
    stdio: 'inherit',
  });
  process.exitCode = child.status ?? 1;
}
