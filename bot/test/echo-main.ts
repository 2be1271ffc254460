/**
 * Test entry: the real service (config from the environment, SQLite, worker, Zalo clients, signals) with a
 * small real answerer that echoes the question with a fixed citation. Crash tests run it as a child process
 * and SIGKILL it. `--delay <ms>` makes each answer take that long, to kill it while answering.
 */
import { loadConfig } from '../config.ts';
import { isBotError } from '../errors.ts';
import { startService } from '../service.ts';
import { echoAnswer } from './helpers.ts';

const delayArg = process.argv.indexOf('--delay');
const delayMs = delayArg >= 0 ? Number(process.argv[delayArg + 1]) : 0;

try {
  const config = loadConfig(process.env);
  await startService(config, { answer: echoAnswer(delayMs) });
} catch (err) {
  process.stderr.write(`${isBotError(err) ? err.message : String(err)}\n`);
  process.exit(2);
}
