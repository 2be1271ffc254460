#!/usr/bin/env node
// `npx hoidap <command> [args]`: one entry for every CLI, printing only the command's own output (no npm
// banner), so `npx hoidap ask --json "…" | jq` works. The commands are the folders' *-cli.ts files, run
// through tsx's loader in this same process.
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMMANDS = {
  start: ['bot/start-cli.ts', 'run the service (Zalo webhooks, HTTP API, web chat, console)'],
  ask: ['answer/ask-cli.ts', 'answer one question: hoidap ask [--json] [--as-of YYYY-MM-DD] "…"'],
  chat: ['answer/chat-cli.ts', 'chat in the terminal with follow-ups'],
  search: ['ingest/search-cli.ts', 'ranked chunks for a query: hoidap search [--json] [--k N] "…"'],
  ingest: ['ingest/ingest-cli.ts', 'build or refresh the index from the sources'],
  eval: ['eval/eval-cli.ts', 'run the question sets and write a report'],
};

const [command, ...rest] = process.argv.slice(2);
const entry = COMMANDS[command ?? ''];
if (!entry) {
  const lines = Object.entries(COMMANDS).map(([name, [, what]]) => `  ${name.padEnd(7)} ${what}`);
  process.stderr.write(`usage: hoidap <command> [args]\n${lines.join('\n')}\n`);
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2);
}
register();
process.argv = [process.argv[0], join(ROOT, entry[0]), ...rest];
await import(pathToFileURL(join(ROOT, entry[0])).href);
