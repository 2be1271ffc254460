/**
 * One knowledge version for all instances: two service instances (real apps on real sockets) share one
 * PostgreSQL database and one INDEX_DIR/SOURCES_DIR. A document uploaded through instance A's console is cited
 * by instance B without a restart, and both /readyz say which version they serve.
 */
import type { FastifyInstance } from 'fastify';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureIndex } from '../../ingest/index.ts';
import { createEmbedder } from '../../knowledge/index.ts';
import { createWebRuntime, toWebAskJson } from '../runtime/index.ts';
import { openWebStore } from '../storage/index.ts';
import { UPLOAD_FACT } from '../web/test/fixtures.ts';
import { REPO_SOURCES } from '../web/test/server.ts';
import { buildApp } from '../app.ts';
import { APP_SECRET, BOT_TOKEN, testConfig, waitFor } from './helpers.ts';
import { freshDatabase, type TestDatabase } from './postgres.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

const ADMIN_TOKEN = 'shared-knowledge-admin-token-0123';

describe('two instances sharing one knowledge version', { timeout: 300_000 }, () => {
  const apps: FastifyInstance[] = [];
  let db: TestDatabase;
  let zalo: ZaloStandIn;
  let dir: string;
  afterAll(async () => {
    for (const app of apps) await app.close();
    await zalo?.stop();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("cites a document uploaded through one instance's console from the other instance within 5 s, without a restart", async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoidap-shared-'));
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
      const web = await createWebRuntime({
        store: await openWebStore({ dataDir, databaseUrl: db.url }),
        dataDir,
        sourcesDir,
        indexDir,
        embedder,
      });
      const config = testConfig(dataDir, zalo.url, { DATABASE_URL: db.url, ADMIN_TOKEN, INSTANCE_ID: `inst-${name}` });
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
    const readyz = async (url: string) =>
      (await (await fetch(`${url}/readyz`)).json()) as { knowledgeVersion: string; instance: string };
    const before = await readyz(b);
    expect(before.instance).toBe('inst-b');

    const md = `# ${UPLOAD_FACT.title}\n\n## ${UPLOAD_FACT.section}\n\n${UPLOAD_FACT.text}\n`;
    const upload = await fetch(`${a}/admin/api/documents?filename=the-thu-vien.md&folder=guides`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/octet-stream' },
      body: md,
    });
    expect(upload.status).toBe(202);
    await waitFor(
      async () => (await readyz(a)).knowledgeVersion !== before.knowledgeVersion,
      'instance A to swap to its new index',
      120_000,
    );
    const published = (await readyz(a)).knowledgeVersion;

    // From the moment A serves the new version, B has 5 s to serve and cite it.
    const cites = async () => {
      const res = await fetch(`${b}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: UPLOAD_FACT.question }),
      });
      const body = (await res.json()) as { citations?: Array<{ documentId: string }> };
      return (body.citations ?? []).some((c) => c.documentId === 'guides/the-thu-vien');
    };
    await waitFor(cites, 'instance B to cite the uploaded document', 5000);
    expect((await readyz(b)).knowledgeVersion).toBe(published);
  });
});
