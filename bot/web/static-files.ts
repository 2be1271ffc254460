/**
 * The pages and their assets: plain files in web/static, read once at start-up and served from memory.
 * No build step and nothing fetched at run time; the CSP forbids anything not served from this origin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';

const DIR = join(import.meta.dirname, 'static');

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8',
};

/** Same-origin only; no inline script; no framing (clickjacking on the console). */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const cache = new Map<string, Buffer>();

/** The bytes of web/static/<name> (read once). */
export function staticFile(name: string): Buffer {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(join(DIR, name));
    cache.set(name, bytes);
  }
  return bytes;
}

/** Sends web/static/<name> with its type and the security headers. */
export function sendStatic(reply: FastifyReply, name: string, status = 200): FastifyReply {
  const ext = name.split('.').pop() ?? '';
  return reply
    .code(status)
    .type(TYPES[ext] ?? 'application/octet-stream')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .send(staticFile(name));
}

/** Whether `name` is one of the public assets a route may serve (no path tricks). */
export function isAsset(name: string, allowed: readonly string[]): boolean {
  return allowed.includes(name);
}
