/**
 * Shared helpers for ingest's tests: temp folders, fixture copies, the offline embedder, and a way
 * to run the CLIs as real child processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmbedder, type Embedder } from '../knowledge/index.ts';

export const INGEST_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = resolve(INGEST_DIR, '..');
export const FIXTURES = join(INGEST_DIR, 'fixtures');
export const PLAN_FILE = join(REPO_DIR, 'knowledge/sources/plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai.txt');
export const PLAN_NAME = 'ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai.txt';

/** The offline embedder every test uses (deterministic, no network). */
export function testEmbedder(): Embedder {
  return createEmbedder({ provider: 'hashed', dimensions: 64 });
}

/** A fresh temp folder with `sources/` and an `index/` path inside; `cleanup()` removes it. */
export async function tempWorkspace(): Promise<{
  root: string;
  sources: string;
  index: string;
  cleanup: () => Promise<void>;
}> {
  const root = await mkdtemp(join(tmpdir(), 'hoidap-ingest-'));
  const sources = join(root, 'sources');
  await mkdir(sources, { recursive: true });
  return { root, sources, index: join(root, 'index'), cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Copies a fixture (or any file) into `dir`, optionally under another relative name. */
export async function copyInto(dir: string, from: string, as?: string): Promise<string> {
  const to = join(dir, as ?? from.split('/').at(-1)!);
  await mkdir(dirname(to), { recursive: true });
  await cp(from, to);
  return to;
}

export async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** Every file under `dir` with its size and mtime, to prove a run wrote nothing. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else {
        const s = await stat(full);
        out[full.slice(dir.length)] = `${s.size}:${s.mtimeMs}`;
      }
    }
  };
  await walk(dir);
  return out;
}

export const readCurrent = (indexDir: string) => readFile(join(indexDir, 'CURRENT'), 'utf8');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `ingest/<script>` with tsx as a real child process (environment cleared of EMBEDDINGS_*). */
export function spawnCli(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('EMBEDDINGS_')));
  return spawn(process.execPath, ['--import', 'tsx', join(INGEST_DIR, script), ...args], {
    cwd: REPO_DIR,
    env: { ...clean, EMBEDDINGS_PROVIDER: 'hashed', EMBEDDINGS_DIMENSIONS: '64', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a CLI to completion and collects its output. */
export function runCli(script: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawnCli(script, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}
