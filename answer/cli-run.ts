/**
 * What the ask and chat CLIs share: reading arguments (usage on error), opening the answering pieces after the
 * arguments are checked, and turning the outcome into an exit code.
 */
import { parseCliArgs, type CliArgs } from './cli-args.ts';
import { codeOf } from './errors.ts';

/** The parsed arguments, or the exit code after printing the usage (0 for --help, 2 for a mistake). */
export function argsOrExit(
  argv: readonly string[],
  opts: { allowJson: boolean; allowQuestion: boolean },
  usage: string,
): CliArgs | number {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, opts);
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (!args.help) return args;
  console.log(usage);
  return 0;
}

/**
 * answer(), the knowledge base (built or refreshed first, progress on stderr) and the optional LLM writer.
 * Loaded here, after the arguments are checked, so a usage error answers at once without loading LangChain.
 */
export async function openAnswering() {
  const [{ answer }, { readAnswerConfig }, { createGenerator }, { openKnowledge }] = await Promise.all([
    import('./answer.ts'),
    import('./config.ts'),
    import('./generator.ts'),
    import('./open-knowledge.ts'),
  ]);
  const cfg = readAnswerConfig();
  const kb = await openKnowledge(cfg, (line) => console.error(line));
  return { answer, kb, generator: cfg.llm ? createGenerator(cfg.llm) : null };
}

/** Runs a CLI's main and sets the exit code: 2 for bad arguments or configuration, 1 for any other failure. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`${codeOf(err)}: ${(err as Error).message}`);
      process.exitCode = codeOf(err) === 'E_CONFIG' || codeOf(err) === 'E_ARGS' ? 2 : 1;
    },
  );
}
