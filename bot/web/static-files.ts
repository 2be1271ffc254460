/**
 * The pages and their assets: plain files in web/static, read once at start-up and served from memory.
 * No build step and nothing fetched at run time; the CSP (set by @fastify/helmet, see bot/runtime/http-basics.ts)
 * forbids anything not served from this origin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';

const DIR = join(import.meta.dirname, 'static');

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

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

/** Sends web/static/<name> with its type (helmet adds the security headers to every reply). */
export function sendStatic(reply: FastifyReply, name: string, status = 200): FastifyReply {
  const ext = name.split('.').pop() ?? '';
  return reply
    .code(status)
    .type(TYPES[ext] ?? 'application/octet-stream')
    .header('cache-control', 'no-cache')
    .send(staticFile(name));
}

/** Whether `name` is one of the public assets a route may serve (no path tricks). */
export function isAsset(name: string, allowed: readonly string[]): boolean {
  return allowed.includes(name);
}
