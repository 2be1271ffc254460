/**
 * Console authentication: `Authorization: Bearer <ADMIN_TOKEN>` for API clients, or a login form that trades
 * the token for a session cookie. The session is stateless: the cookie holds its expiry, signed by
 * @fastify/cookie with a key derived from ADMIN_TOKEN, so every instance accepts it with no session table,
 * and changing ADMIN_TOKEN logs everyone out. HttpOnly + SameSite=Strict keep it from scripts and cross-site
 * forms; body-less POSTs are checked against Origin / Sec-Fetch-Site as well.
 *
 * Wrong tokens are counted per client address, through @fastify/rate-limit's store (Redis when configured,
 * so the count is shared by every instance). Only wrong tokens count: someone else guessing from the same
 * address never stops the real admin, whose right token is always accepted.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebError } from '../runtime/index.ts';

export const SESSION_COOKIE = 'hoidap_admin';
export const SESSION_TTL_MS = 12 * 3600_000;
/** Wrong tokens accepted from one address per minute before it gets 429 instead of 401. */
export const MAX_FAILURES_PER_MINUTE = 10;

/** True when `given` equals `expected`, in time independent of where they differ. */
export function tokenMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The cookie-signing key: derived from the token, so the token itself never signs anything sent out. */
export function sessionSecret(token: string): string {
  return createHmac('sha256', token).update('hoidap console session v1').digest('base64url');
}

export class AdminAuth {
  private readonly countFailure: ReturnType<FastifyInstance['createRateLimit']>;

  constructor(
    app: FastifyInstance,
    private readonly token: string,
    private readonly now: () => number,
    private readonly secure: 'auto' | 'always',
  ) {
    // createRateLimit exists once @fastify/rate-limit is registered (httpBasics); called only on a failure.
    this.countFailure = app.createRateLimit({
      max: MAX_FAILURES_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: (req) => `admin-fail:${req.ip}`,
    });
  }

  /** 'bearer' or 'session' when the request is authenticated; throws on a wrong bearer token; null otherwise. */
  async authenticate(req: FastifyRequest): Promise<'bearer' | 'session' | null> {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      if (tokenMatches(this.token, auth.slice(7).trim())) return 'bearer';
      await this.fail(req);
    }
    return this.hasSession(req) ? 'session' : null;
  }

  hasSession(req: FastifyRequest): boolean {
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) return false;
    const { valid, value } = req.unsignCookie(raw);
    return valid && value !== null && Number(value) > this.now();
  }

  /** Sets the session cookie for a right token; throws E_UNAUTHORIZED (or E_RATE_LIMITED) for a wrong one. */
  async login(req: FastifyRequest, reply: FastifyReply, candidate: string): Promise<void> {
    if (!tokenMatches(this.token, candidate)) await this.fail(req);
    reply.setCookie(SESSION_COOKIE, String(this.now() + SESSION_TTL_MS), {
      ...this.cookieOptions(req),
      maxAge: SESSION_TTL_MS / 1000,
      signed: true,
    });
  }

  logout(req: FastifyRequest, reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
  }

  private cookieOptions(req: FastifyRequest) {
    return {
      path: '/admin',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: this.secure === 'always' || req.protocol === 'https',
    };
  }

  private async fail(req: FastifyRequest): Promise<never> {
    const counted = await this.countFailure(req);
    throw 'isExceeded' in counted && counted.isExceeded
      ? new WebError('E_RATE_LIMITED', 'too many wrong tokens from this address; wait a minute')
      : new WebError('E_UNAUTHORIZED', 'wrong token');
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request check for cookie-authenticated changes. SameSite=Strict already keeps the cookie off
 * cross-site requests in current browsers; this also covers older ones and body-less POSTs (/admin/logout,
 * /admin/api/reindex) that need no JSON content type. Requests without either header (curl, scripts) pass.
 */
export function assertSameOrigin(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new WebError('E_CROSS_SITE', `refused a ${site} request; use the console page itself`);
  }
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== req.host)
      throw new WebError('E_CROSS_SITE', 'refused a request from another origin; use the console page itself');
  } else if (origin === 'null') {
    throw new WebError('E_CROSS_SITE', 'refused a request from an opaque origin');
  }
}
