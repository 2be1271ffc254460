/**
 * Opens the knowledge base for a program: builds or refreshes the index from the sources first (ingest's
 * ensureIndex), reporting what it did on stderr, so `npm run ask` works right after `npm ci`.
 */
import { ensureIndex } from '../ingest/index.ts';
import { createEmbedder, KnowledgeBase } from '../knowledge/index.ts';
import { prepareBaseTables } from './base-tables.ts';
import type { AnswerConfig } from './config.ts';

/** Ensures a fresh index, then opens it. `log` receives progress lines (the CLIs pass stderr). */
export async function openKnowledge(cfg: Readonly<AnswerConfig>, log: (line: string) => void): Promise<KnowledgeBase> {
  const embedder = createEmbedder(cfg.embedder);
  const report = await ensureIndex({ sourcesDir: cfg.sourcesDir, indexDir: cfg.indexDir, embedder });
  if (report) {
    log(
      `Index built in ${cfg.indexDir}: ${report.chunks} chunks (${report.added.length} added, ${report.updated.length} updated, ${report.removed.length} removed) in ${report.seconds.toFixed(1)} s.`,
    );
    for (const f of report.failed) log(`  skipped ${f.path}: ${f.code} ${f.reason}`);
  }
  const kb = await KnowledgeBase.open(cfg.indexDir, { embedder });
  // The CLIs and the eval answer right after opening: build the per-base tables now, as the bot's holder
  // does before a swap, so the first question does not pay for them (about 1.3 s CPU at 100k chunks).
  await prepareBaseTables(kb);
  return kb;
}
