/**
 * Test entry for the web tests: the real service (bot's buildApp, as `npm start` wires it) with the web
 * runtime over a real index built in a temp folder from a copy of knowledge/sources. POST /api/ask is the
 * bot's own route, so the tests see exactly what the chat page sees in production.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadConfig } from '../../index.ts';
import { ensureIndex } from '../../../ingest/index.ts';
import { createEmbedder } from '../../../knowledge/index.ts';
import { createWebRuntime, toWebAskJson, type WebRuntime } from '../../runtime/index.ts';
import { openWebStore } from '../../storage/index.ts';

export const REPO_SOURCES = resolve(import.meta.dirname, '..', '..', '..', 'knowledge', 'sources');
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  runtime: WebRuntime;
  /** The temp root: sources/, index/, data/. */
  dir: string;
  sourcesDir: string;
  indexDir: string;
  close(): Promise<void>;
}

/** Builds the index, starts the app on 127.0.0.1 (port 0 unless given) and returns its URL. */
export async function startTestServer(
  opts: { port?: number; uploadLimitBytes?: number; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidap-web-'));
  const sourcesDir = join(dir, 'sources');
  const indexDir = join(dir, 'index');
  await cp(REPO_SOURCES, sourcesDir, { recursive: true });
  const embedder = createEmbedder({ provider: 'hashed' });
  await ensureIndex({ sourcesDir, indexDir, embedder });
  // The web store the configuration picks (DATABASE_URL in opts.env: PostgreSQL), as npm start does.
  const store = await openWebStore({ dataDir: join(dir, 'data'), databaseUrl: opts.env?.DATABASE_URL ?? null });
  const runtime = await createWebRuntime({
    store,
    dataDir: join(dir, 'data'),
    sourcesDir,
    indexDir,
    embedder,
    uploadLimitBytes: opts.uploadLimitBytes,
  });
  const dataDir = join(dir, 'data');
  const config = loadConfig({
    PORT: String(opts.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    INDEX_DIR: indexDir,
    SOURCES_DIR: sourcesDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    API_RATE_LIMIT_PER_MIN: '10000',
    LOG_LEVEL: 'warn',
    ...opts.env,
  });
  const app = await buildApp(config, {
    answer: (question, ctx) => runtime.answer(question, ctx),
    toJson: toWebAskJson,
    web: runtime,
    logStream: false,
    ready: () => runtime.holder.current().documents().length > 0,
  });
  const url = await app.listen({ host: '127.0.0.1', port: config.port });
  return {
    url,
    app,
    runtime,
    dir,
    sourcesDir,
    indexDir,
    async close() {
      await app.close(); // closes the runtime too
      await rm(dir, { recursive: true, force: true });
    },
  };
}
