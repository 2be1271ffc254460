/**
 * npm run chat [-- --as-of YYYY-MM-DD] [--k N]
 * An interactive session in the terminal with the same answer() as Zalo, keeping conversation context.
 * "bắt đầu lại" forgets the conversation; "thoát" (or Ctrl+D) ends it.
 */
import { createInterface } from 'node:readline/promises';
import { argsOrExit, openAnswering, runCli } from './cli-run.ts';
import type { Turn } from './types.ts';

const USAGE = 'Usage: npm run chat -- [--k N] [--as-of YYYY-MM-DD]';
/** Turns kept as context: enough for "còn lệ phí thì sao?", short enough not to drag old topics along. */
const HISTORY_TURNS = 6;

async function main(): Promise<number> {
  const args = argsOrExit(process.argv.slice(2), { allowJson: false, allowQuestion: false }, USAGE);
  if (typeof args === 'number') return args;
  const [{ answer, kb, generator }, extra] = await Promise.all([openAnswering(), import('../knowledge/index.ts')]);
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
      history = [
        ...history,
        { question: line, topicDocumentId: result.topicDocumentId, at: new Date().toISOString() },
      ].slice(-HISTORY_TURNS);
    }
    rl.prompt();
  }
  rl.close();
  return 0;
}

runCli(main);
