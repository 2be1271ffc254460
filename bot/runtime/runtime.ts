/**
 * createWebRuntime: the store, knowledge holder, content library and re-indexer the two plugins share,
 * built from the service's folders. The bot calls it once at start-up (see README "Wiring into buildApp").
 */
import { join } from 'node:path';
import { answer as composeAnswer, prepareBaseTables, type AnswerGenerator } from '../../answer/index.ts';
import type { Embedder, EmbedderConfig } from '../../knowledge/index.ts';
import { withCurated, withQuestionLog, type AnswerCallContext, type WebAnswerResult } from './answer-wrappers.ts';
import { ContentLibrary } from './content-library.ts';
import { KnowledgeHolder } from './knowledge-holder.ts';
import { Reindexer, type ReindexLock } from './reindexer.ts';
import type { ReindexCaps } from './reindex-worker.ts';
import type { ParseCaps } from './upload-sandbox.ts';
import type { WebStore } from './web-store.ts';

export interface WebRuntimeOptions {
  /** DATA_DIR: staging/ (upload checks) and withdrawn/ (withdrawn files) live here. */
  dataDir: string;
  /**
   * The question log, feedback, curated answers and indexed-at notes: bot/storage's openWebStore picks the
   * engine from the configuration (web.sqlite in DATA_DIR, or PostgreSQL shared by every instance). The
   * runtime closes it.
   */
  store: WebStore;
  /** SOURCES_DIR: the folder ingest reads and the console edits. Must be writable. */
  sourcesDir: string;
  /** INDEX_DIR: must already hold an index (run ensureIndex first) unless `allowMissingIndex`. */
  indexDir: string;
  embedder: Embedder;
  /** The embedder's settings as data, for the re-index process (required for a remote embedder). */
  embedderConfig?: EmbedderConfig;
  /** Start on an empty placeholder when INDEX_DIR holds no usable index (npm start builds it in the background). */
  allowMissingIndex?: boolean;
  /** Time and heap caps of the re-index process. */
  reindexCaps?: Partial<ReindexCaps>;
  /** Serializes re-indexes across instances sharing INDEX_DIR (can also be set later: reindexer.serializeWith). */
  reindexLock?: ReindexLock;
  /** Optional LLM writer passed to answer() (LLM_* settings); extractive when absent. */
  generator?: AnswerGenerator | null;
  uploadLimitBytes?: number;
  /** Caps of the upload parser process (e.g. maxPdfPages from UPLOAD_MAX_PDF_PAGES). */
  parseCaps?: Partial<ParseCaps>;
  /** How often to look for a knowledge version published by another instance (default 1000 ms). */
  followIntervalMs?: number;
}

export interface WebRuntime {
  store: WebStore;
  holder: KnowledgeHolder;
  library: ContentLibrary;
  reindexer: Reindexer;
  /** answer() over the live base, curated answers first, every question logged for the console. */
  answer: (question: string, ctx: AnswerCallContext) => Promise<WebAnswerResult>;
  /**
   * Hears a store failure the runtime worked around (a question not logged, a curated lookup or an
   * indexed-at note that failed); app.ts points it at the service log. Default: one line on stderr.
   */
  onStoreError: (err: unknown) => void;
  /** Stops a running re-index (the live version stays), then closes the knowledge bases and the store. */
  close(): Promise<void>;
}

export async function createWebRuntime(o: WebRuntimeOptions): Promise<WebRuntime> {
  // Every base gets answer's per-base tables before it goes live: no question pays for them.
  const knowledge = { indexDir: o.indexDir, embedder: o.embedder, prepare: prepareBaseTables };
  const holder = o.allowMissingIndex
    ? await KnowledgeHolder.openOrPlaceholder({ ...knowledge, placeholderDir: join(o.dataDir, 'empty-index') })
    : await KnowledgeHolder.open(knowledge);
  const store = o.store;
  // Late-bound so app.ts can point it at the service log after this returns.
  const reportStoreError = (err: unknown) => runtime.onStoreError(err);
  const noteIndexed = (docs: ReadonlyArray<{ id: string; contentHash: string }>): void =>
    void store.noteIndexed(docs).catch(reportStoreError);
  await store.noteIndexed(holder.live().manifest.documents.map((d) => ({ id: d.meta.id, contentHash: d.contentHash })));
  const library = new ContentLibrary({
    sourcesDir: o.sourcesDir,
    dataDir: join(o.dataDir),
    uploadLimitBytes: o.uploadLimitBytes,
    parseCaps: o.parseCaps,
  });
  await library.cleanStaging();
  const reindexer = new Reindexer({
    sourcesDir: o.sourcesDir,
    indexDir: o.indexDir,
    embedder: o.embedder,
    embedderConfig: o.embedderConfig,
    caps: o.reindexCaps,
    serialize: o.reindexLock,
    holder,
    onSwap: noteIndexed,
  });
  // Another instance sharing INDEX_DIR may publish a new version: swap to it within about a second.
  holder.follow(o.followIntervalMs ?? 1000, undefined, (kb) =>
    noteIndexed(kb.manifest.documents.map((d) => ({ id: d.meta.id, contentHash: d.contentHash }))),
  );
  const curated = withCurated(
    (q: string, ctx: AnswerCallContext) =>
      composeAnswer(q, { kb: holder.current(), generator: o.generator ?? null, history: ctx.history, asOf: ctx.asOf }),
    store,
    { holder, onError: reportStoreError },
  );
  // The channel and session come with each call (bot's worker and /api/ask pass them); 'api' only as a default.
  const logged = withQuestionLog(curated, store, { holder, onError: reportStoreError });
  const runtime: WebRuntime = {
    store,
    holder,
    library,
    reindexer,
    answer: logged,
    onStoreError: (err) =>
      void process.stderr.write(
        `${(err as { code?: string }).code ?? 'E_STORE'}: web store failed; answering went on without it\n`,
      ),
    async close() {
      await reindexer.stop();
      holder.close();
      await store.close();
    },
  };
  return runtime;
}
