/**
 * Runs the eval on the scale corpus (our sources + ≥ 300 synthetic procedures, eval/scale-corpus.ts) with
 * eval/questions/scale.jsonl: the refusal calibration set. The corpus and its index live in a work folder
 * (default: the system temp dir), rebuilt incrementally; every other argument goes to `npm run eval`.
 *
 *   npx tsx eval/scale-eval.ts [--dir DIR] [--json out.json] [--report out.md]
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScaleCorpus } from './scale-corpus.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--dir');
const dir = at >= 0 && args[at + 1] ? args[at + 1]! : join(tmpdir(), 'hoidap-scale');
const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
const n = await writeScaleCorpus(dir, 'knowledge/sources');
process.stderr.write(`scale corpus: ${n} synthetic procedures + knowledge/sources in ${join(dir, 'sources')}\n`);
const passes = rest.includes('--report') ? rest : [...rest, '--report', join(dir, 'report.md')];
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'eval/eval-cli.ts', '--questions', 'eval/questions/scale.jsonl', ...passes],
  {
    stdio: 'inherit',
    env: { ...process.env, SOURCES_DIR: join(dir, 'sources'), INDEX_DIR: join(dir, 'index') },
  },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
