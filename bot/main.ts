/**
 * npm start — the bot service. Loads the configuration, builds or refreshes the search index from the
 * committed sources (so `npm ci && npm start` works with no keys), opens the knowledge base, and serves the
 * Zalo webhooks and the HTTP API with the real answer().
 */
import { loadConfig } from './config.ts';
import { isBotError } from './errors.ts';
import { startService } from './service.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Loaded after the configuration is checked: a bad setting is reported at once, without loading LangChain.
  const [{ ensureIndex }, { createEmbedder, KnowledgeBase }, { answer, createGenerator, toAskJson }] = await Promise.all([
    import('../ingest/index.ts'), import('../knowledge/index.ts'), import('../answer/index.ts'),
  ]);
  const embedder = createEmbedder(config.embeddings);
  const report = await ensureIndex({ sourcesDir: config.sourcesDir, indexDir: config.indexDir, embedder });
  if (report) console.error(`index built in ${config.indexDir}: ${report.chunks} chunks, ${report.failed.length} sources skipped`);
  const kb = await KnowledgeBase.open(config.indexDir, { embedder });
  const generator = config.llm ? createGenerator(config.llm) : null;
  await startService(config, {
    answer: (question, ctx) => answer(question, { kb, generator, ...ctx }),
    toJson: toAskJson,
    ready: () => kb.documents().length > 0,
  });
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code;
  console.error(isBotError(err) || code ? (err as Error).message : err);
  process.exit(isBotError(err, 'E_CONFIG') ? 2 : 1);
});
