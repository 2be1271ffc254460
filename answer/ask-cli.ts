/**
 * npm run ask -- [--json] [--k N] [--as-of YYYY-MM-DD] "question"
 * Prints the answer with its citations; --json prints the stable shape other tools read (see ask-json.ts).
 */
import { parseCliArgs } from './cli-args.ts';
import { codeOf } from './errors.ts';

const USAGE = 'Usage: npm run ask -- [--json] [--k N] [--as-of YYYY-MM-DD] "câu hỏi"';

async function main(): Promise<number> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2), { allowJson: true, allowQuestion: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (!args.question) {
    console.error(`E_ARGS: no question given.\n${USAGE}`);
    return 2;
  }
  // Loaded after the arguments are checked: a usage error answers at once, without loading LangChain.
  const [{ answer }, { readAnswerConfig }, { createGenerator }, { openKnowledge }, extra] = await Promise.all([
    import('./answer.ts'),
    import('./config.ts'),
    import('./generator.ts'),
    import('./open-knowledge.ts'),
    import('./ask-json.ts'),
  ]);
  const cfg = readAnswerConfig();
  const kb = await openKnowledge(cfg, (line) => console.error(line));
  const generator = cfg.llm ? createGenerator(cfg.llm) : null;
  const result = await answer(args.question, { kb, k: args.k, asOf: args.asOf, generator });
  if (args.json) console.log(JSON.stringify(extra.toAskJson(result)));
  else console.log(result.answer);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`${codeOf(err)}: ${(err as Error).message}`);
    process.exitCode = codeOf(err) === 'E_CONFIG' || codeOf(err) === 'E_ARGS' ? 2 : 1;
  },
);
