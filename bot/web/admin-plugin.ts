/**
 * adminPlugin: the content-team console under /admin. Everything but the login form answers 401 without
 * the bearer token or a session cookie. Register it WITHOUT a prefix (it mounts itself on /admin):
 *   await app.register(adminPlugin, { token: config.adminToken, ...webRuntime });
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AdminSessions } from './admin-auth.ts';
import { documentRoutes } from './admin-documents.ts';
import { insightRoutes } from './admin-insights.ts';
import type { ContentLibrary } from '../runtime/content-library.ts';
import { WebError, errorBody, isWebError } from '../runtime/errors.ts';
import type { KnowledgeHolder } from '../runtime/knowledge-holder.ts';
import { openApiDocument } from './openapi.ts';
import type { Reindexer } from '../runtime/reindexer.ts';
import { sendStatic } from './static-files.ts';
import { UPLOAD_LIMIT_BYTES } from '../runtime/upload-check.ts';
import type { WebStore } from '../runtime/web-store.ts';

export interface AdminPluginOptions {
  /** ADMIN_TOKEN: at least 16 characters. */
  token: string;
  store: WebStore;
  holder: KnowledgeHolder;
  library: ContentLibrary;
  reindexer: Reindexer;
  /** Largest accepted upload (default UPLOAD_LIMIT_BYTES, 10 MiB). */
  uploadLimitBytes?: number;
  now?: () => number;
}

const MIN_TOKEN_LENGTH = 16;
const ASSETS = ['admin.js', 'admin.css', 'api-docs.js', 'login.js', 'base.css', 'dom.js'];
// The login form and what it loads; everything else needs the token.
const PUBLIC = new Set(['GET /admin/login', 'POST /admin/login', 'GET /admin/static/login.js', 'GET /admin/static/base.css']);

/** The console plugin (see the file comment for how to register it). Error: E_ADMIN_TOKEN_WEAK. */
export const adminPlugin: FastifyPluginAsync<AdminPluginOptions> = async (app, opts) => {
  if (!opts.token || opts.token.length < MIN_TOKEN_LENGTH) {
    throw new WebError('E_ADMIN_TOKEN_WEAK', `ADMIN_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters; generate one with: openssl rand -hex 24`);
  }
  await app.register(async (admin) => consoleRoutes(admin, opts), { prefix: '/admin' });
};

async function consoleRoutes(app: FastifyInstance, opts: AdminPluginOptions): Promise<void> {
  const sessions = new AdminSessions(opts.token, opts.now);
  const limit = opts.uploadLimitBytes ?? UPLOAD_LIMIT_BYTES;
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (isWebError(err)) return reply.code(err.status).send(errorBody(err));
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ code: 'E_UPLOAD_TOO_LARGE', message: `the upload is larger than ${Math.round(limit / 1024 / 1024)} MB` });
    }
    if (err.statusCode && err.statusCode < 500) return reply.code(err.statusCode).send({ code: 'E_BAD_REQUEST', message: err.message });
    req.log.error({ code: err.code }, 'console request failed');
    return reply.code(500).send({ code: 'E_INTERNAL', message: 'internal error; see the service log' });
  });

  app.addHook('onRequest', async (req, reply) => {
    if (PUBLIC.has(`${req.method} ${req.url.split('?')[0]}`) || sessions.isAuthorized(req)) return;
    await deny(req, reply);
  });

  // Unknown /admin paths: 401 before authentication, 404 after, so nothing about the console leaks.
  app.setNotFoundHandler(async (req, reply) => {
    if (!sessions.isAuthorized(req)) return deny(req, reply);
    return reply.code(404).send({ code: 'E_NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  app.get('/login', async (_req, reply) => sendStatic(reply, 'login.html'));
  app.post('/login', async (req, reply) => {
    const token = z.object({ token: z.string().max(500) }).safeParse(req.body);
    if (!token.success) throw new WebError('E_BAD_REQUEST', 'send {"token": "<ADMIN_TOKEN>"}');
    const outcome = sessions.login(token.data.token, req.ip);
    if (outcome.result !== 'ok') {
      throw outcome.result === 'limited'
        ? new WebError('E_RATE_LIMITED', 'too many wrong tokens from this address; wait a minute')
        : new WebError('E_UNAUTHORIZED', 'wrong token');
    }
    return reply.header('set-cookie', sessions.cookie(outcome.sid, req.protocol === 'https')).send({ ok: true });
  });
  app.post('/logout', async (req, reply) => {
    sessions.logout(req);
    return reply.header('set-cookie', sessions.cookie('', req.protocol === 'https')).send({ ok: true });
  });

  app.get('/', async (_req, reply) => sendStatic(reply, 'admin.html'));
  app.get('/static/:name', async (req, reply) => {
    const { name } = req.params as { name: string };
    if (!ASSETS.includes(name)) throw new WebError('E_NOT_FOUND', `no asset ${name}`);
    return sendStatic(reply, name);
  });
  app.get('/api/openapi.json', async () => openApiDocument(limit));
  app.get('/api/docs', async (_req, reply) => sendStatic(reply, 'api-docs.html'));
  await documentRoutes(app, opts);
  await insightRoutes(app, opts);
}

/** 401: the login page for a browser asking for a page, JSON for everything else. */
async function deny(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('www-authenticate', 'Bearer realm="hoidap-admin"');
  if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
    await sendStatic(reply, 'login.html', 401);
    return;
  }
  await reply.code(401).send({ code: 'E_UNAUTHORIZED', message: 'log in at /admin or send Authorization: Bearer <ADMIN_TOKEN>' });
}
