/**
 * `npm run bench` (first half; bot/bench-load.ts runs after it): search and answer latency, load time, index
 * size and resident memory at 1k/10k/100k chunks, ingest speed (chunks/s and PDF pages/s), and the same
 * figures for the two baselines. Every measurement runs in a fresh child process. Prints a table and saves
 * eval/results/bench-<date>.json. Options: --sizes 1000,10000 (default 1000,10000,100000), --queries 300.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runIngest } from '../ingest/index.ts';
import { createEmbedder } from '../knowledge/index.ts';
import { benchPdfIngest } from './bench-pdf.ts';
import { buildScaled, measureBaseline, measureOurs, type BaselineResult, type OursResult } from './bench-measure.ts';
import { loadQuestionSets } from './question-set.ts';
import { mdTable } from './report-table.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const RESULTS = join(ROOT, 'eval', 'results');
const TARGETS = { search10k: 5, search100k: 25, answer10k: 30, load10kMs: 1000, rss100kMb: 600, pdfPagesPerSecond: 20 };

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** Runs one task of this file in a fresh Node process and returns its JSON result. */
function child<T>(task: string, args: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [...process.execArgv, '--max-old-space-size=6144', SELF, '--child', task, JSON.stringify(args)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`bench child ${task} exited with ${code}`)),
    );
  });
}

async function runChild(task: string, raw: string): Promise<void> {
  const a = JSON.parse(raw) as {
    real: string;
    dir: string;
    n: number;
    queries: string[];
    system: BaselineResult['system'];
  };
  let result: unknown;
  if (task === 'build') result = await buildScaled(a.real, a.dir, a.n);
  else if (task === 'ours') result = await measureOurs(a.dir, a.queries);
  else result = await measureBaseline(a.system, a.real, a.n, a.queries);
  process.stdout.write(JSON.stringify(result));
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const mb = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1e6).toFixed(1)} MB`);

async function main(): Promise<void> {
  const sizes = option('--sizes', '1000,10000,100000').split(',').map(Number);
  const questions = await loadQuestionSets(
    ['plan.jsonl', 'procedures.jsonl'].map((f) => join(ROOT, 'eval', 'questions', f)),
  );
  const count = Number(option('--queries', '300'));
  const queries = Array.from(
    { length: count },
    (_, i) => (questions[i % questions.length] as { question: string }).question,
  );
  const work = await mkdtemp(join(tmpdir(), 'hoidap-bench-'));
  const embedder = createEmbedder({ provider: 'hashed' });

  console.error('Ingesting the real sources …');
  const real = join(work, 'real-index');
  const ingest = await runIngest({ sourcesDir: join(ROOT, 'knowledge', 'sources'), indexDir: real, embedder });
  console.error('PDF ingest …');
  const pdf = await benchPdfIngest(
    join(work, 'pdf'),
    join(ROOT, 'knowledge', 'sources', 'plans', 'ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai.txt'),
    60,
    embedder,
  );

  const rows: Array<{
    n: number;
    build: { seconds: number; reused: boolean };
    ours: OursResult;
    baselines: BaselineResult[];
  }> = [];
  for (const n of sizes) {
    const dir = join(RESULTS, 'bench-index', String(n));
    await mkdir(dir, { recursive: true });
    console.error(`${n} chunks: building (cached between runs) …`);
    let build = await child<{ seconds: number; reused: boolean }>('build', { real, dir, n });
    console.error(`${n} chunks: measuring ours and the baselines …`);
    // The analyser may change under a long run (other work in progress): rebuild once and retry.
    const ours = await child<OursResult>('ours', { dir, queries }).catch(async () => {
      await rm(join(dir, 'bench-stamp.txt'), { force: true });
      build = await child<{ seconds: number; reused: boolean }>('build', { real, dir, n });
      return child<OursResult>('ours', { dir, queries });
    });
    const baselines = [
      await child<BaselineResult>('baseline', { system: 'generic-rag', real, n, queries }),
      await child<BaselineResult>('baseline', { system: 'minisearch', real, n, queries }),
    ];
    rows.push({ n, build, ours, baselines });
  }
  await rm(work, { recursive: true, force: true });

  const table = mdTable(
    [
      'chunks',
      'system',
      'search p50/p95 ms',
      'search q/s',
      'p95 lexical/vector only',
      'answer p50/p95 ms',
      'load ms',
      'index size',
      'RSS MB',
      'build s',
    ],
    rows.flatMap((r) => [
      [
        String(r.n),
        'hoidap',
        `${f2(r.ours.search.p50)} / ${f2(r.ours.search.p95)}`,
        String(r.ours.search.qps),
        `${f2(r.ours.searchLexicalOnly.p95)} / ${f2(r.ours.searchVectorOnly.p95)}`,
        `${f2(r.ours.answer.p50)} / ${f2(r.ours.answer.p95)}`,
        String(r.ours.loadMs),
        mb(r.ours.indexBytes),
        `${r.ours.rssAfterLoadMb} → ${r.ours.rssAfterQueriesMb}`,
        r.build.reused ? 'cached' : f1(r.build.seconds),
      ],
      ...r.baselines.map((b) => [
        String(r.n),
        b.system,
        `${f2(b.search.p50)} / ${f2(b.search.p95)}`,
        String(b.search.qps),
        '—',
        '—',
        '—',
        mb(b.indexBytes),
        String(b.rssMb),
        f1(b.buildSeconds),
      ]),
    ]),
  );
  const ingestLine = `Ingest of the real sources: ${ingest.chunks} chunks from ${ingest.added.length} documents in ${f2(ingest.seconds)} s (${Math.round(ingest.chunks / ingest.seconds)} chunks/s). PDF: ${pdf.pages} pages, full ingest ${f2(pdf.seconds)} s = ${f1(pdf.pagesPerSecond)} pages/s, parse+chunk only ${f1(pdf.loadPagesPerSecond)} pages/s (target ≥ ${TARGETS.pdfPagesPerSecond}; Vietnamese font: ${pdf.vietnameseFont}).`;
  console.log(table);
  console.log(ingestLine);
  console.log(
    `Targets: search p95 ≤ ${TARGETS.search10k} ms @10k, ≤ ${TARGETS.search100k} ms @100k; answer p95 ≤ ${TARGETS.answer10k} ms @10k; load ≤ ${TARGETS.load10kMs} ms @10k; RSS ≤ ${TARGETS.rss100kMb} MB @100k.`,
  );
  await mkdir(RESULTS, { recursive: true });
  const out = join(RESULTS, `bench-${new Date().toISOString().slice(0, 10)}.json`);
  await writeFile(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), queries: count, targets: TARGETS, ingest: { chunks: ingest.chunks, documents: ingest.added.length, seconds: ingest.seconds }, pdf, sizes: rows }, null, 2)}\n`,
  );
  console.error(`Saved ${out}`);
}

const childAt = process.argv.indexOf('--child');
const run = childAt >= 0 ? runChild(process.argv[childAt + 1] as string, process.argv[childAt + 2] as string) : main();
run.catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
