/**
 * The HTTP concerns every channel shares, from Fastify's own plugins: zod route schemas (validation and the
 * OpenAPI document through @fastify/swagger), security headers (@fastify/helmet, the same strict CSP the
 * pages always had), rate limits (@fastify/rate-limit; Redis when REDIS_URL is set, so every instance counts
 * together), and the one error handler with its one error shape `{ code, message, detail? }`.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';

/** Same-origin only; no inline script; no framing (clickjacking on the console). */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

/** What a route puts in `config` to be limited: requests per minute per client address, and a metric label. */
export interface RouteLimit {
  perMinute: number;
  scope: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Per-address limit for this route (applied by httpBasics). */
    limit?: RouteLimit;
    /** Code and message for a body over the route's limit (default E_BODY_TOO_LARGE). */
    tooLarge?: { code: string; message: string };
  }
}

export interface HttpBasicsOptions {
  /** REDIS_URL; null or absent keeps the counters in this process's memory. */
  redisUrl?: string | null;
  /** Called for every request refused by a limit, with the route's scope (for hoidap_rate_limited_total). */
  onLimited?: (scope: string) => void;
  /** Limits for routes that do not state their own `config.limit` (e.g. by URL prefix). */
  limitFor?: (method: string, url: string) => RouteLimit | undefined;
  /** Title of the generated OpenAPI document. */
  title?: string;
}

/**
 * Registers the shared plugins and the error handler on the root instance. Call it before any route: the
 * limits and the OpenAPI document see only routes registered after it.
 */
export async function httpBasics(app: FastifyInstance, o: HttpBasicsOptions = {}): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: o.title ?? 'hoidap HTTP API', version: '1', description: API_DESCRIPTION },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
  });

  // Routes say `config: { limit }`; this turns that into @fastify/rate-limit's per-route option. It must run
  // before the plugin's own onRoute hook, so it is added first.
  app.addHook('onRoute', (route) => {
    const method = Array.isArray(route.method) ? route.method.join(',') : route.method;
    const limit = route.config?.limit ?? o.limitFor?.(method, route.url);
    if (limit) route.config = { ...route.config, limit, rateLimit: { max: limit.perMinute, timeWindow: 60_000 } };
  });
  const redis = o.redisUrl
    ? new Redis(o.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false })
    : undefined;
  if (redis)
    app.addHook('onClose', async () => {
      await redis.quit();
    });
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis } : {}),
    nameSpace: 'hoidap-rl-',
    // Redis down must not stop residents being answered; the error is logged by the plugin.
    skipOnError: true,
    onExceeded: (req) => o.onLimited?.(req.routeOptions.config.limit?.scope ?? 'other'),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'E_RATE_LIMITED',
      message: `too many requests from this address; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
}

const API_DESCRIPTION =
  'POST /api/ask answers a question with citations. The /admin/api operations need ' +
  'Authorization: Bearer <ADMIN_TOKEN> or the console session cookie; otherwise 401 E_UNAUTHORIZED. ' +
  'Every error has the body { code, message, detail? } (codes in ERRORS.md).';

/** The one error shape of every HTTP reply that is not a success. */
export interface ErrorBody {
  code: string;
  message: string;
  detail?: string;
}

/** The one error handler: coded errors keep their code and status, anything unexpected is a logged 500. */
export function errorHandler(
  err: FastifyError & { status?: number; detail?: string | null },
  req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const { status, body } = errorReply(err, req);
  if (status >= 500) req.log.error({ code: err.code }, 'request failed');
  return reply.code(status).send(body);
}

export function errorReply(
  err: FastifyError & { status?: number; detail?: string | null },
  req: FastifyRequest,
): { status: number; body: ErrorBody } {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const message = err.validation
      .map(
        (v) =>
          `${v.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'body'}: ${v.message}`,
      )
      .join('; ');
    return { status: 400, body: { code: 'E_BAD_REQUEST', message } };
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const over = req.routeOptions.config?.tooLarge;
    return { status: 413, body: over ?? { code: 'E_BODY_TOO_LARGE', message: 'the request body is too large' } };
  }
  const status =
    typeof err.status === 'number' ? err.status : err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
  const coded = typeof err.code === 'string' && err.code.startsWith('E_') ? err.code : null;
  // A 5xx keeps its code (E_DB_UNREACHABLE tells Zalo's re-send apart from a bug) but never its message.
  if (status >= 500)
    return { status, body: { code: coded ?? 'E_INTERNAL', message: 'internal error; see the service log' } };
  const code = coded ?? 'E_BAD_REQUEST';
  return {
    status,
    body: err.detail ? { code, message: err.message, detail: err.detail } : { code, message: err.message },
  };
}

// Query parameters whose values are secrets (a token pasted into a URL must not reach the request log).
const SECRET_PARAM = /token|secret|key|password|code|signature/i;

/** The request URL with secret-looking query values replaced, for the request log. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of [...params.keys()]) if (SECRET_PARAM.test(name)) params.set(name, '<redacted>');
  return `${url.slice(0, q)}?${params.toString()}`;
}
