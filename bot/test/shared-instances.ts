/**
 * Two service instances as a multi-instance deployment runs them: real apps from buildApp with the real web
 * runtime, on real sockets, sharing one fresh PostgreSQL database, one SOURCES_DIR/INDEX_DIR (a copy of the
 * repository's sources) and one Zalo stand-in, each with its own DATA_DIR and INSTANCE_ID (inst-a, inst-b).
 */
import type { FastifyInstance } from 'fastify';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureIndex } from '../../ingest/index.ts';
import { createEmbedder } from '../../knowledge/index.ts';
import { createWebRuntime, toWebAskJson } from '../runtime/index.ts';
import { openWebStore } from '../storage/index.ts';
import { REPO_SOURCES } from '../web/test/server.ts';
import { buildApp } from '../app.ts';
import { APP_SECRET, BOT_TOKEN, testConfig } from './helpers.ts';
import { freshDatabase, type TestDatabase } from './postgres.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

export interface SharedInstances {
  /** Base URLs of instance A and instance B. */
  a: string;
  b: string;
  db: TestDatabase;
  close(): Promise<void>;
}

export async function startSharedInstances(tmpPrefix: string, adminToken: string): Promise<SharedInstances> {
  const apps: FastifyInstance[] = [];
  const dir = await mkdtemp(join(tmpdir(), tmpPrefix));
  let db: TestDatabase | undefined;
  let zalo: ZaloStandIn | undefined;
  const close = async () => {
    for (const app of apps) await app.close();
    await zalo?.stop();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const sourcesDir = join(dir, 'sources');
    const indexDir = join(dir, 'index');
    await cp(REPO_SOURCES, sourcesDir, { recursive: true });
    const embedder = createEmbedder({ provider: 'hashed' });
    await ensureIndex({ sourcesDir, indexDir, embedder });
    db = await freshDatabase();
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
    const urls: string[] = [];
    for (const name of ['a', 'b']) {
      const dataDir = join(dir, `data-${name}`);
      // As npm start does: the configuration's DATABASE_URL picks the web store's engine.
      const store = await openWebStore({ dataDir, databaseUrl: db.url });
      const web = await createWebRuntime({ store, dataDir, sourcesDir, indexDir, embedder });
      const config = testConfig(dataDir, zalo.url, {
        DATABASE_URL: db.url,
        ADMIN_TOKEN: adminToken,
        INSTANCE_ID: `inst-${name}`,
      });
      const app = await buildApp(config, {
        answer: (q, ctx) => web.answer(q, ctx),
        toJson: toWebAskJson,
        ready: () => web.holder.current().documents().length > 0,
        web,
        logStream: false,
      });
      apps.push(app);
      urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
    }
    const [a, b] = urls as [string, string];
    return { a, b, db, close };
  } catch (err) {
    await close();
    throw err;
  }
}
