/**
 * ERRORS.md is the operator's table of every error code; this keeps it from drifting behind the code
 * (the Fastify habit of a docs table checked by a test).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function codesIn(file: string): string[] {
  return [...new Set(readFileSync(file, 'utf8').match(/\bE_[A-Z][A-Z_]+\b/g) ?? [])];
}

describe('ERRORS.md', () => {
  const doc = readFileSync(join(ROOT, 'ERRORS.md'), 'utf8');
  const folders = [...readdirSync(ROOT), 'bot/runtime'].filter((d) => existsSync(join(ROOT, d, 'errors.ts')));

  it('finds the error registries of every folder that has one', () => {
    expect(folders.sort()).toEqual(['answer', 'bot', 'bot/runtime', 'eval', 'ingest', 'knowledge']);
  });

  it('documents every code that any errors.ts defines', () => {
    const missing = folders.flatMap((d) => codesIn(join(ROOT, d, 'errors.ts')).filter((c) => !doc.includes(`\`${c}\``)).map((c) => `${d}: ${c}`));
    expect(missing).toEqual([]);
  });
});
