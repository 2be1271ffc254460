/**
 * `npm run eval -- --questions eval/questions/plan.jsonl [...]`: scores our answer() on dev sets, optionally
 * beside the baselines, with the ablation and the tuning grid; writes a Markdown report and optional JSON.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensureIndex } from '../ingest/index.ts';
import { createEmbedder, KnowledgeBase } from '../knowledge/index.ts';
import { defaultTuning, runAblation, scoreSearch, tuneSearch } from './ablation.ts';
import { runBaselines } from './baselines.ts';
import { floorFailures, parseEvalArgs } from './cli-args.ts';
import { readEvalConfig } from './config.ts';
import { loadQuestionSets } from './question-set.ts';
import { renderReport, renderTerminal, type ReportInput } from './report-md.ts';
import { runOurs } from './run-eval.ts';

async function main(): Promise<number> {
  const args = parseEvalArgs(process.argv.slice(2));
  const cfg = readEvalConfig();
  const questions = await loadQuestionSets(args.questions);
  const embedder = createEmbedder(cfg.embedder);
  const built = await ensureIndex({ sourcesDir: cfg.sourcesDir, indexDir: cfg.indexDir, embedder });
  if (built) console.error(`Index built: ${built.chunks} chunks in ${built.seconds.toFixed(1)} s.`);
  const kb = await KnowledgeBase.open(cfg.indexDir, { embedder });
  console.error(`Evaluating ${questions.length} questions from ${args.questions.join(', ')} …`);

  const ours = await runOurs(questions, {
    kb,
    k: args.k,
    ...(args.asOf ? { asOf: args.asOf } : {}),
    onProgress: (done, total) => {
      if (done % 20 === 0 || done === total) process.stderr.write(`  ${done}/${total}\n`);
    },
  });
  const input: ReportInput = {
    meta: {
      date: new Date().toISOString(),
      sets: args.questions,
      k: args.k,
      asOf: args.asOf,
      index: `format ${kb.manifest.formatVersion} · analyser ${kb.manifest.analyserVersion} · ${kb.manifest.documents.length} documents · ${kb.manifest.chunkCount} chunks · embedder ${kb.manifest.embedder.id}`,
    },
    runs: [ours],
  };
  if (args.baselines) {
    console.error('Running baselines and ablation …');
    input.runs.push(...(await runBaselines(kb, questions, args.k)));
    input.ablation = await runAblation(kb, questions, args.k);
    if (!args.noTune) {
      console.error('Tuning grid …');
      const rows = await tuneSearch(kb, questions, args.k);
      const tuning = defaultTuning();
      input.tuning = { rows, defaults: { tuning, ...(await scoreSearch(kb, questions, {}, args.k)) } };
    }
  }

  console.log(renderTerminal(input));
  await writeOut(args.report, renderReport(input));
  console.error(`Report: ${args.report}`);
  if (args.json) {
    const json = {
      summary: ours.summary,
      baselines: input.runs.slice(1).map((r) => ({ system: r.system, summary: r.summary })),
      questions: ours.questions,
    };
    await writeOut(args.json, `${JSON.stringify(json, null, 2)}\n`);
    console.error(`JSON: ${args.json}`);
  }
  const failures = floorFailures(ours.summary, args);
  for (const f of failures) console.error(`BELOW FLOOR: ${f}`);
  return failures.length > 0 ? 1 : 0;
}

async function writeOut(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const e = err as { code?: string; message?: string };
    console.error(e.message ?? String(err));
    process.exit(e.code === 'E_EVAL_ARGS' ? 2 : 1);
  },
);
