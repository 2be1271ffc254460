/**
 * Test entry for the browser tests: a Fastify app with the two web plugins and a POST /api/ask that calls
 * the real answer() (through the runtime's curated + question-log wrappers) over a real index built in a
 * temp folder from a copy of knowledge/sources. It mirrors bot/routes-api.ts's /api/ask contract
 * ({ question, sessionId } → toJson(result), here toWebAskJson) so the tests do not depend on the bot being wired yet.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Turn } from '../../../answer/index.ts';
import { ensureIndex } from '../../../ingest/index.ts';
import { createEmbedder } from '../../../knowledge/index.ts';
import { createWebRuntime, httpBasics, toWebAskJson, type WebRuntime } from '../../runtime/index.ts';
import { adminPlugin, webChatPlugin } from '../index.ts';

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

const askSchema = z.object({ question: z.string().trim().min(1).max(2000), sessionId: z.string().trim().min(1).max(100).optional() });

/** Builds the index, starts the app on 127.0.0.1 (port 0 unless given) and returns its URL. */
export async function startTestServer(opts: { port?: number; uploadLimitBytes?: number } = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidap-web-'));
  const sourcesDir = join(dir, 'sources');
  const indexDir = join(dir, 'index');
  await cp(REPO_SOURCES, sourcesDir, { recursive: true });
  const embedder = createEmbedder({ provider: 'hashed' });
  await ensureIndex({ sourcesDir, indexDir, embedder });
  const runtime = await createWebRuntime({ dataDir: join(dir, 'data'), sourcesDir, indexDir, embedder, uploadLimitBytes: opts.uploadLimitBytes });
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  await httpBasics(app);
  await app.register(webChatPlugin, { store: runtime.store, holder: runtime.holder });
  await app.register(adminPlugin, { token: TEST_ADMIN_TOKEN, ...runtime });
  askRoute(app, runtime);
  const url = await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  return {
    url, app, runtime, dir, sourcesDir, indexDir,
    async close() {
      await app.close();
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** POST /api/ask as the bot serves it, with the last turns of each sessionId as history. */
function askRoute(app: FastifyInstance, runtime: WebRuntime): void {
  const sessions = new Map<string, Turn[]>();
  app.post('/api/ask', async (req, reply) => {
    const parsed = askSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ code: 'E_BAD_REQUEST', message: parsed.error.issues.map((i) => i.message).join('; ') });
    const { question, sessionId } = parsed.data;
    const history = sessionId ? (sessions.get(sessionId) ?? []) : [];
    const at = new Date();
    const result = await runtime.answer(question, { history, sessionId, asOf: new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10) });
    if (sessionId) sessions.set(sessionId, [...history, { question, topicDocumentId: result.topicDocumentId, at: at.toISOString() }].slice(-5));
    return toWebAskJson(result);
  });
}
