/**
 * npm start — the bot service. Loads the configuration, builds or refreshes the search index from the
 * committed sources (so `npm ci && npm start` works with no keys), opens the knowledge base through the web
 * runtime (which swaps it live after a console re-index), and serves the Zalo webhooks, the HTTP API, the
 * web chat and, with ADMIN_TOKEN, the content console, all with the real answer().
 *
 * A `.env` file in the working folder is read first; variables already set in the environment win over it.
 * In a terminal the log is pretty-printed (pino-pretty); piped or under a process manager it stays JSON lines.
 */
import { existsSync } from 'node:fs';
import pinoPretty from 'pino-pretty';
import { loadConfig } from './config.ts';
import { isBotError } from './errors.ts';
import { startService } from './service.ts';

async function main(): Promise<void> {
  // process.loadEnvFile keeps what the environment already sets (Node ≥ 20.12).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  // Loaded after the configuration is checked: a bad setting is reported at once, without loading LangChain.
  const [
    { ensureIndex },
    { createEmbedder },
    { createGenerator },
    { createWebRuntime, toWebAskJson },
    { openWebStore },
  ] = await Promise.all([
    import('../ingest/index.ts'),
    import('../knowledge/index.ts'),
    import('../answer/index.ts'),
    import('./runtime/index.ts'),
    import('./storage/index.ts'),
  ]);
  const embedder = createEmbedder(config.embeddings);
  const report = await ensureIndex({ sourcesDir: config.sourcesDir, indexDir: config.indexDir, embedder });
  if (report)
    console.error(
      `index built in ${config.indexDir}: ${report.chunks} chunks, ${report.failed.length} sources skipped`,
    );
  const generator = config.llm ? createGenerator(config.llm) : null;
  // The same engine choice as the bot storage (buildApp): DATABASE_URL shares the question log, feedback and
  // curated answers between instances; without it they stay in DATA_DIR/web.sqlite.
  const store = await openWebStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onError: (err) => console.error(`${err.code}: web store lost a database connection; reconnecting`),
  });
  const web = await createWebRuntime({
    store,
    dataDir: config.dataDir,
    sourcesDir: config.sourcesDir,
    indexDir: config.indexDir,
    embedder,
    generator,
  });
  await startService(config, {
    // Curated answers first, every question logged (masked) for the console, over the live knowledge base.
    answer: (question, ctx) => web.answer(question, ctx),
    toJson: toWebAskJson,
    ready: () => web.holder.current().documents().length > 0,
    web,
    ...(process.stdout.isTTY
      ? { logStream: pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }) }
      : {}),
  });
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code;
  console.error(isBotError(err) || code ? (err as Error).message : err);
  process.exit(isBotError(err, 'E_CONFIG') ? 2 : 1);
});
