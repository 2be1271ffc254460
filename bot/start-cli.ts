/**
 * npm start — the bot service. Loads the configuration, opens the knowledge base through the web runtime
 * (which swaps it live after a console re-index), listens at once, and serves the Zalo webhooks, the HTTP
 * API, the web chat and, with ADMIN_TOKEN, the content console, all with the real answer().
 *
 * The index is built or refreshed from the sources in the background, in the re-index process, never before
 * listening (issue 10: a 48 s rebuild after a restart made Zalo's webhooks fail meanwhile). With a loadable
 * index in INDEX_DIR the service answers from it at once and swaps when the refresh is done; with none,
 * /readyz says 503 "index building", webhooks are stored in the inbox as usual and answered once it is built.
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
  const [{ createEmbedder }, { createGenerator }, { createWebRuntime, toWebAskJson }, { openWebStore }] =
    await Promise.all([
      import('../knowledge/index.ts'),
      import('../answer/index.ts'),
      import('./runtime/index.ts'),
      import('./storage/index.ts'),
    ]);
  const embedder = createEmbedder(config.embeddings);
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
    embedderConfig: config.embeddings,
    allowMissingIndex: true,
    parseCaps: { maxPdfPages: config.uploadMaxPdfPages },
    generator,
  });
  const building = web.holder.isBuilding();
  const app = await startService(config, {
    // Curated answers first, every question logged (masked) for the console, over the live knowledge base.
    // While the first index is built, a question waits for it (the inbox row stays claimed by this worker).
    answer: async (question, ctx) => {
      await web.holder.whenServing();
      return web.answer(question, ctx);
    },
    toJson: toWebAskJson,
    ready: () => !web.holder.isBuilding() && web.holder.current().documents().length > 0,
    web,
    ...(process.stdout.isTTY
      ? { logStream: pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }) }
      : {}),
  });
  // Instances sharing INDEX_DIR over PostgreSQL take turns (an advisory lock). SQLite means one instance, and
  // its in-process token lock is one chain for every name: a re-index there would delay an OA token refresh.
  const botStore = app.hoidap.store;
  if (botStore.engine === 'postgres') web.reindexer.serializeWith((fn) => botStore.withTokenLock('reindex', fn));
  web.reindexer.request(building ? 'start-up: building the index' : 'start-up: refreshing the index');
  void web.reindexer.idle().then((s) => {
    if (s.state === 'failed') app.log.error({ code: s.error?.code }, `start-up re-index failed: ${s.error?.message}`);
  });
  if (building) {
    app.log.warn({ indexDir: config.indexDir }, 'no usable index yet: building it in the background');
    void web.holder.whenServing().then(() => {
      const s = web.reindexer.status();
      app.log.info({ chunks: s.report?.chunks, failed: s.report?.failed.length }, 'index built; answering');
    });
  }
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code;
  console.error(isBotError(err) || code ? (err as Error).message : err);
  process.exit(isBotError(err, 'E_CONFIG') ? 2 : 1);
});
