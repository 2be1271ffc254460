import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES_DIR } from './test-support.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoidap-ask-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Runs the ask CLI as `npm run ask` would, with its own index folder; never throws on a non-zero exit. */
async function ask(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    INDEX_DIR: join(dir, 'index'),
    SOURCES_DIR,
  };
  try {
    const { stdout, stderr } = await run(TSX, ['answer/ask-cli.ts', ...args], { cwd: ROOT, env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('npm run ask', () => {
  it('builds the missing index, then prints exactly the stable JSON shape with --json', async () => {
    const r = await ask([
      '--json',
      '--k',
      '5',
      '--as-of',
      '2026-11-27',
      'ty le ho so giai quyet truc tuyen cap xa 2024 la bao nhieu',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Index built/);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['answer', 'refused', 'citations', 'retrieved', 'latencyMs']);
    const citations = json.citations as Array<Record<string, unknown>>;
    const retrieved = json.retrieved as Array<Record<string, unknown>>;
    expect(Object.keys(citations[0]!)).toEqual(['n', 'documentId', 'title', 'number', 'section', 'page', 'text']);
    expect(Object.keys(retrieved[0]!)).toEqual(['documentId', 'title', 'number', 'section', 'page', 'text', 'score']);
    expect(retrieved).toHaveLength(5);
    expect(json.answer).toContain('30%');
    expect(citations[0]).toMatchObject({
      number: '53/KH-UBND',
      section: expect.stringContaining('2.2. Chính quyền số'),
    });
  });

  it('prints the plain answer without --json and reuses the fresh index', async () => {
    const r = await ask(['--as-of', '2027-03-15', 'lam lai can cuoc bi mat het bao nhieu tien']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/Index built/);
    expect(r.stdout).toContain('70.000đ');
    expect(r.stdout).toMatch(/Nguồn(?: \([^)]*\))?: (?:\[1\] )?Cấp, cấp đổi, cấp lại thẻ căn cước — Phí, lệ phí/);
  });

  it.each([[['--k', '0', 'hello']], [['--as-of', '27/11/2026', 'le phi']], [['--bogus', 'le phi']], [[]]])(
    'exits 2 with a clear message for bad arguments %j',
    async (args) => {
      const r = await ask(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/E_ARGS/);
      expect(r.stderr).toMatch(/Usage: npm run ask/);
    },
  );
});
