/**
 * ERRORS.md is the operator's table of every error code; this keeps it and the code in step both ways (the
 * Fastify habit of a docs table checked by a test). "In the code" means any E_… code written in product code
 * anywhere, not only in the errors.ts registries: codes sent in HTTP replies, recorded on outbox rows or
 * carried as `detail` count too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const PRODUCT = ['bot', 'knowledge', 'ingest', 'answer', 'eval', 'bin'];
const SKIP_DIRS = new Set(['node_modules', 'test', 'index', 'results', 'sources', 'fixtures', 'questions']);
const CODE = /\bE_[A-Z][A-Z0-9_]*[A-Z0-9]\b/g;

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : productFiles(path);
    return /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.test.ts') && !e.name.startsWith('test-') ? [path] : [];
  });
}

function codesInCode(): Map<string, string> {
  const where = new Map<string, string>();
  for (const file of PRODUCT.flatMap((d) => productFiles(join(ROOT, d)))) {
    for (const [code] of readFileSync(file, 'utf8').matchAll(CODE))
      if (!where.has(code)) where.set(code, file.slice(ROOT.length + 1));
  }
  return where;
}

describe('ERRORS.md', () => {
  const doc = readFileSync(join(ROOT, 'ERRORS.md'), 'utf8');
  const documented = new Set([...doc.matchAll(/`(E_[A-Z0-9_]+)`/g)].map((m) => m[1]!));
  const used = codesInCode();

  it('reads codes from every product folder, registries and routes alike', () => {
    expect(used.has('E_INDEX_VERSION')).toBe(true);
    expect(used.has('E_ANSWER_FAILED')).toBe(true);
    expect(used.has('E_TOO_OLD')).toBe(true);
  });

  it('documents every code the code uses', () => {
    const missing = [...used].filter(([code]) => !documented.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('lists no code that the code no longer uses', () => {
    expect([...documented].filter((code) => !used.has(code))).toEqual([]);
  });
});
