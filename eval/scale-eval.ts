/**
 * Runs the eval on the scale corpus (our sources + ≥ 300 synthetic procedures, eval/scale-corpus.ts) with
 * eval/questions/scale.jsonl: the refusal calibration set. The corpus and its index live in a work folder
 * (default: the system temp dir), rebuilt incrementally; every other argument goes to `npm run eval`.
 *
 *   npx tsx eval/scale-eval.ts [--dir DIR] [--questions SET.jsonl] [--json out.json] [--report out.md]
 *
 * --questions picks the set asked on that corpus (default eval/questions/scale.jsonl; scale-style2.jsonl is the
 * same kind of set in residents' phrasing, written apart from the generator so the refusal rule is not fitted to it).
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScaleCorpus } from './scale-corpus.ts';

/** The value of `flag` and the arguments without it (the rest go to `npm run eval`). */
function takeFlag(list: readonly string[], flag: string): { value: string | undefined; rest: string[] } {
  const at = list.indexOf(flag);
  if (at < 0 || !list[at + 1]) return { value: undefined, rest: [...list] };
  return { value: list[at + 1], rest: [...list.slice(0, at), ...list.slice(at + 2)] };
}

const byDir = takeFlag(process.argv.slice(2), '--dir');
const bySet = takeFlag(byDir.rest, '--questions');
const dir = byDir.value ?? join(tmpdir(), 'hoidap-scale');
const questions = bySet.value ?? 'eval/questions/scale.jsonl';
const rest = bySet.rest;
const n = await writeScaleCorpus(dir, 'knowledge/sources');
process.stderr.write(`scale corpus: ${n} synthetic procedures + knowledge/sources in ${join(dir, 'sources')}\n`);
const passes = rest.includes('--report') ? rest : [...rest, '--report', join(dir, 'report.md')];
const child = spawn(process.execPath, ['--import', 'tsx', 'eval/eval-cli.ts', '--questions', questions, ...passes], {
  stdio: 'inherit',
  env: { ...process.env, SOURCES_DIR: join(dir, 'sources'), INDEX_DIR: join(dir, 'index') },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
