/**
 * Console authentication: `Authorization: Bearer <ADMIN_TOKEN>` for API clients, or a login form that
 * trades the token for a random session id in an HttpOnly, SameSite=Strict cookie (so the token itself is
 * never stored in the browser, and cross-site forms cannot act with it). Comparison is constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'hoidap_admin';
const SESSION_TTL_MS = 12 * 3600_000;
const MAX_FAILURES_PER_MINUTE = 10;

/** True when `given` equals `expected`, in time independent of where they differ. */
export function tokenMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export class AdminSessions {
  private readonly sessions = new Map<string, number>();
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly token: string, private readonly now: () => number = Date.now) {}

  /** Whether the request carries the bearer token or a live session cookie. */
  isAuthorized(req: FastifyRequest): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return tokenMatches(this.token, auth.slice(7).trim());
    const sid = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!sid) return false;
    const expires = this.sessions.get(sid);
    if (expires === undefined || expires < this.now()) {
      this.sessions.delete(sid);
      return false;
    }
    return true;
  }

  /** 'ok' with a new session id, 'wrong', or 'limited' after too many failures from this address. */
  login(candidate: string, ip: string): { result: 'ok'; sid: string } | { result: 'wrong' | 'limited' } {
    const t = this.now();
    const recent = (this.failures.get(ip) ?? []).filter((at) => at > t - 60_000);
    if (recent.length >= MAX_FAILURES_PER_MINUTE) return { result: 'limited' };
    if (!tokenMatches(this.token, candidate)) {
      this.failures.set(ip, [...recent, t]);
      return { result: 'wrong' };
    }
    const sid = randomBytes(24).toString('base64url');
    this.sessions.set(sid, t + SESSION_TTL_MS);
    return { result: 'ok', sid };
  }

  logout(req: FastifyRequest): void {
    const sid = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (sid) this.sessions.delete(sid);
  }

  /** The Set-Cookie value for a session (empty sid + Max-Age=0 clears it). */
  cookie(sid: string, secure: boolean): string {
    const maxAge = sid ? Math.floor(SESSION_TTL_MS / 1000) : 0;
    return `${SESSION_COOKIE}=${sid}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
  }
}
