/**
 * npm run chat [-- --as-of YYYY-MM-DD] [--k N]
 * An interactive session in the terminal with the same answer() as Zalo, keeping conversation context.
 * "bắt đầu lại" forgets the conversation; "thoát" (or Ctrl+D) ends it.
 */
import { createInterface } from 'node:readline/promises';
import { parseCliArgs } from './cli-args.ts';
import { codeOf } from './errors.ts';
import type { Turn } from './types.ts';

const USAGE = 'Usage: npm run chat -- [--k N] [--as-of YYYY-MM-DD]';
/** Turns kept as context: enough for "còn lệ phí thì sao?", short enough not to drag old topics along. */
const HISTORY_TURNS = 6;

async function main(): Promise<number> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2), { allowJson: false, allowQuestion: false });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  // Loaded after the arguments are checked: a usage error answers at once, without loading LangChain.
  const [{ answer }, { readAnswerConfig }, { createGenerator }, { openKnowledge }, extra] = await Promise.all([
    import('./answer.ts'),
    import('./config.ts'),
    import('./generator.ts'),
    import('./open-knowledge.ts'),
    import('../knowledge/index.ts'),
  ]);
  const cfg = readAnswerConfig();
  const kb = await openKnowledge(cfg, (line) => console.error(line));
  const generator = cfg.llm ? createGenerator(cfg.llm) : null;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  console.log('Hỏi đáp thủ tục hành chính Đồng Nai. Gõ "bắt đầu lại" để đổi chủ đề, "thoát" để kết thúc.');
  let history: Turn[] = [];
  rl.setPrompt('\nBạn: ');
  rl.prompt();
  // The async iterator buffers lines, so piped input is not lost while an answer is being computed.
  for await (const raw of rl) {
    const line = raw.trim();
    const folded = extra.foldText(line);
    if (folded === 'thoat' || folded === 'exit' || folded === 'quit') break;
    if (folded === 'bat dau lai') {
      history = [];
      console.log('Trợ lý: Đã bắt đầu lại cuộc trò chuyện.');
    } else if (line) {
      const result = await answer(line, { kb, history, k: args.k, asOf: args.asOf, generator });
      console.log(`Trợ lý: ${result.answer}`);
      history = [...history, { question: line, topicDocumentId: result.topicDocumentId, at: new Date().toISOString() }].slice(-HISTORY_TURNS);
    }
    rl.prompt();
  }
  rl.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`${codeOf(err)}: ${(err as Error).message}`);
    process.exitCode = codeOf(err) === 'E_CONFIG' ? 2 : 1;
  },
);
