/**
 * npm run ask -- [--json] [--k N] [--as-of YYYY-MM-DD] "question"
 * Prints the answer with its citations; --json prints the stable shape other tools read (see ask-json.ts).
 */
import { argsOrExit, openAnswering, runCli } from './cli-run.ts';

const USAGE = 'Usage: npm run ask -- [--json] [--k N] [--as-of YYYY-MM-DD] "câu hỏi"';

async function main(): Promise<number> {
  const args = argsOrExit(process.argv.slice(2), { allowJson: true, allowQuestion: true }, USAGE);
  if (typeof args === 'number') return args;
  if (!args.question) {
    console.error(`E_ARGS: no question given.\n${USAGE}`);
    return 2;
  }
  const [{ answer, kb, generator }, extra] = await Promise.all([openAnswering(), import('./ask-json.ts')]);
  const result = await answer(args.question, { kb, k: args.k, asOf: args.asOf, generator });
  if (args.json) console.log(JSON.stringify(extra.toAskJson(result)));
  else console.log(result.answer);
  return 0;
}

runCli(main);
