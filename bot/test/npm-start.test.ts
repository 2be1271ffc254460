/**
 * `npm start` as an operator runs it: a SIGTERM (or Ctrl-C) sent to the npm process must stop the service,
 * not leave an orphaned server holding the port. The process tree is npm → sh → node (no tsx wrapper).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Whether nothing listens on 127.0.0.1:port (we can bind it ourselves). */
async function portIsFree(port: number): Promise<boolean> {
  const probe = createServer();
  const free = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (free) await new Promise((r) => probe.close(r));
  return free;
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  describe(`npm start and ${signal}`, { timeout: 180_000 }, () => {
    it(`stops the service when the npm process gets ${signal}, leaving the port free`, async () => {
      const dir = await tempDir('hoidap-start-');
      const port = await freePort();
      const npm = spawn('npm', ['start'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: path.join(dir, 'data'),
          INDEX_DIR: path.join(dir, 'index'),
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const listening = new Promise<void>((resolve, reject) => {
        npm.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (out.includes('Server listening')) resolve();
        });
        npm.once('exit', (code) => reject(new Error(`npm start exited (${code}) before listening:\n${out}`)));
      });
      await listening;
      expect(await portIsFree(port)).toBe(false);
      const exited = once(npm, 'exit');
      npm.kill(signal);
      await exited;
      // The service closed its socket before npm returned: nothing is left listening.
      expect(await portIsFree(port)).toBe(true);
    });
  });
}
