/**
 * Command-line arguments of `npm run eval`, parsed without a library so every problem is reported at once.
 */
import { EvalError } from './errors.ts';

export interface EvalArgs {
  /** Question sets (JSONL); at least one. */
  questions: string[];
  /** Retrieved chunks per question (default 10). */
  k: number;
  /** Day the answers are given for, unless a question has its own asOf. */
  asOf: string | undefined;
  /** Where to write the per-question JSON. */
  json: string | undefined;
  /** Where to write the Markdown report (default eval/report.md). */
  report: string;
  /** Exit non-zero when hit@5 / answer accuracy fall below these. */
  minHit5: number | undefined;
  minAnswer: number | undefined;
  /** Exit non-zero when the share of questions judged correct as a whole (judge.ts) falls below this. */
  minCorrect: number | undefined;
  /** Also run the baselines, the ablation and the tuning grid. */
  baselines: boolean;
  /** Skip the tuning grid even with --baselines (it is the slow part). */
  noTune: boolean;
}

export const USAGE = `Usage: npm run eval -- --questions FILE.jsonl [--questions FILE2.jsonl] [--k 10] [--as-of YYYY-MM-DD]
       [--json OUT.json] [--report eval/report.md] [--min-hit5 0.8] [--min-answer 0.7] [--min-correct 0.85] [--baselines] [--no-tune]`;

const VALUE_FLAGS = new Set([
  '--questions',
  '--k',
  '--as-of',
  '--json',
  '--report',
  '--min-hit5',
  '--min-answer',
  '--min-correct',
]);

/** Parses argv (without node and script); throws E_EVAL_ARGS listing every problem. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const problems: string[] = [];
  const out: EvalArgs = {
    questions: [],
    k: 10,
    asOf: undefined,
    json: undefined,
    report: 'eval/report.md',
    minHit5: undefined,
    minAnswer: undefined,
    minCorrect: undefined,
    baselines: false,
    noTune: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--baselines') {
      out.baselines = true;
      continue;
    }
    if (flag === '--no-tune') {
      out.noTune = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) {
      problems.push(`unknown argument "${flag}"`);
      continue;
    }
    const value = argv[i + 1];
    i++;
    if (value === undefined || value.startsWith('--')) {
      problems.push(`${flag} needs a value`);
      if (value !== undefined) i--;
      continue;
    }
    applyValue(out, flag, value, problems);
  }
  if (out.questions.length === 0) problems.push('give at least one --questions FILE.jsonl');
  if (problems.length > 0) throw new EvalError('E_EVAL_ARGS', `${problems.join('; ')}\n${USAGE}`);
  return out;
}

function applyValue(out: EvalArgs, flag: string, value: string, problems: string[]): void {
  const fraction = (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 1) problems.push(`${flag} must be a number between 0 and 1, got "${v}"`);
    return n;
  };
  switch (flag) {
    case '--questions':
      out.questions.push(value);
      break;
    case '--k': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 100)
        problems.push(`--k must be an integer from 1 to 100, got "${value}"`);
      out.k = n;
      break;
    }
    case '--as-of':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
        problems.push(`--as-of must be YYYY-MM-DD, got "${value}"`);
      out.asOf = value;
      break;
    case '--json':
      out.json = value;
      break;
    case '--report':
      out.report = value;
      break;
    case '--min-hit5':
      out.minHit5 = fraction(value);
      break;
    case '--min-answer':
      out.minAnswer = fraction(value);
      break;
    case '--min-correct':
      out.minCorrect = fraction(value);
      break;
  }
}

/** The floors that failed, as readable lines; empty when all pass. */
export function floorFailures(
  summary: { hit5: number | null; answerAccuracy: number | null; correct?: number | null },
  args: Pick<EvalArgs, 'minHit5' | 'minAnswer'> & { minCorrect?: number | undefined },
): string[] {
  const out: string[] = [];
  if (args.minHit5 !== undefined && (summary.hit5 ?? 0) < args.minHit5)
    out.push(`hit@5 ${(summary.hit5 ?? 0).toFixed(3)} < --min-hit5 ${args.minHit5}`);
  if (args.minAnswer !== undefined && (summary.answerAccuracy ?? 0) < args.minAnswer) {
    out.push(`answer accuracy ${(summary.answerAccuracy ?? 0).toFixed(3)} < --min-answer ${args.minAnswer}`);
  }
  if (args.minCorrect !== undefined && (summary.correct ?? 0) < args.minCorrect) {
    out.push(`correct ${(summary.correct ?? 0).toFixed(3)} < --min-correct ${args.minCorrect}`);
  }
  return out;
}
