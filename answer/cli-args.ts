/**
 * Argument parsing shared by the ask and chat programs. Problems are AnswerError E_ARGS; the CLIs print the
 * message with the usage line and exit 2.
 */
import { AnswerError } from './errors.ts';

export interface CliArgs {
  json: boolean;
  k: number | undefined;
  asOf: string | undefined;
  help: boolean;
  /** The rest of the words, joined: the question. */
  question: string;
}

const isDay = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Parses `[--json] [--k N] [--as-of YYYY-MM-DD] words…`; `allowQuestion: false` rejects stray words. */
export function parseCliArgs(argv: readonly string[], opts: { allowJson: boolean; allowQuestion: boolean }): CliArgs {
  const out: CliArgs = { json: false, k: undefined, asOf: undefined, help: false, question: '' };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new AnswerError('E_ARGS', `${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--json' && opts.allowJson) out.json = true;
    else if (flag === '--k') out.k = parseK(value());
    else if (flag === '--as-of') out.asOf = parseDay(value());
    else if (flag === '--') {
      words.push(...argv.slice(i + 1));
      break;
    } else if (flag.startsWith('--')) throw new AnswerError('E_ARGS', `unknown option ${flag}`);
    else words.push(arg);
  }
  out.question = words.join(' ').trim();
  if (!opts.allowQuestion && out.question) throw new AnswerError('E_ARGS', `unexpected argument "${out.question}"`);
  return out;
}

function parseK(v: string): number {
  const k = Number(v);
  if (!Number.isInteger(k) || k < 1 || k > 50)
    throw new AnswerError('E_ARGS', `--k must be a whole number from 1 to 50, got "${v}"`);
  return k;
}

function parseDay(v: string): string {
  if (!isDay(v)) throw new AnswerError('E_ARGS', `--as-of must be a real date YYYY-MM-DD, got "${v}"`);
  return v;
}
