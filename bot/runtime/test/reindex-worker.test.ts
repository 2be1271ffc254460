/**
 * Issue 10, defect 1: the whole re-index runs in a capped child process. A child that is killed or runs over
 * is a coded failure in the status, the live index stays loadable, and the next run succeeds.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../../ingest/index.ts';
import { createEmbedder, KnowledgeBase } from '../../../knowledge/index.ts';
import { KnowledgeHolder } from '../knowledge-holder.ts';
import { Reindexer } from '../reindexer.ts';

const SOURCES = resolve(import.meta.dirname, '..', '..', '..', 'knowledge', 'sources');
const embedder = createEmbedder({ provider: 'hashed' });

async function corpus(): Promise<{ sourcesDir: string; indexDir: string; holder: KnowledgeHolder }> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidap-reindex-'));
  const sourcesDir = join(dir, 'sources');
  const indexDir = join(dir, 'index');
  await cp(SOURCES, sourcesDir, { recursive: true });
  await runIngest({ sourcesDir, indexDir, embedder });
  return { sourcesDir, indexDir, holder: await KnowledgeHolder.open({ indexDir, embedder }) };
}

const NOTE = '# Lịch tiếp dân tháng 12\n\nBộ phận một cửa tiếp dân vào sáng thứ bảy, từ 7 giờ 30 đến 11 giờ 30.\n';
const current = (indexDir: string) => readFile(join(indexDir, 'CURRENT'), 'utf8');

describe('re-index in a child process', { timeout: 180_000 }, () => {
  it('reports progress and the ingest report, and swaps in the new version', async () => {
    const { sourcesDir, indexDir, holder } = await corpus();
    await writeFile(join(sourcesDir, 'lich-tiep-dan.md'), NOTE);
    const r = new Reindexer({ sourcesDir, indexDir, embedder, holder });
    const seen: number[] = [];
    const poll = setInterval(() => seen.push(r.status().progress.done), 5);
    r.request('test');
    const s = await r.idle();
    clearInterval(poll);
    expect(s.state).toBe('done');
    expect(s.report?.added).toContain('lich-tiep-dan.md');
    expect(s.progress.total).toBeGreaterThan(30);
    expect(s.progress.done).toBe(s.progress.total);
    // Progress came in steps while the child ran, not all at once at the end.
    expect(new Set(seen.filter((n) => n > 0 && n < s.progress.total)).size).toBeGreaterThan(0);
    expect(holder.current().document('lich-tiep-dan')).toBeDefined();
    expect(s.swapMs).toBeGreaterThanOrEqual(0);
    holder.close();
  });

  it('turns a killed child into E_REINDEX_CRASHED, keeps the live version loadable, and the next run succeeds', async () => {
    const { sourcesDir, indexDir, holder } = await corpus();
    const before = await current(indexDir);
    await writeFile(join(sourcesDir, 'lich-tiep-dan.md'), NOTE);
    const r = new Reindexer({ sourcesDir, indexDir, embedder, holder });
    r.request('test');
    while (r.status().progress.done === 0) await new Promise((ok) => setTimeout(ok, 2));
    process.kill(r.childPid!, 'SIGKILL');
    const failed = await r.idle();
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('E_REINDEX_CRASHED');
    expect(await current(indexDir)).toBe(before);
    const reopened = await KnowledgeBase.open(indexDir, { embedder });
    expect(reopened.document('lich-tiep-dan')).toBeUndefined();
    expect(reopened.documents().length).toBe(holder.current().documents().length);
    reopened.close();
    r.request('again');
    const ok = await r.idle();
    expect(ok.state).toBe('done');
    expect(await current(indexDir)).not.toBe(before);
    expect(holder.current().document('lich-tiep-dan')).toBeDefined();
    holder.close();
  });

  it('stops a run over its time cap with E_REINDEX_TIMEOUT and one over its heap cap with E_REINDEX_CRASHED', async () => {
    const { sourcesDir, indexDir, holder } = await corpus();
    const before = await current(indexDir);
    await writeFile(join(sourcesDir, 'lich-tiep-dan.md'), NOTE);
    const slow = new Reindexer({ sourcesDir, indexDir, embedder, holder, caps: { timeoutMs: 300 } });
    slow.request('test');
    expect((await slow.idle()).error?.code).toBe('E_REINDEX_TIMEOUT');
    const small = new Reindexer({ sourcesDir, indexDir, embedder, holder, caps: { maxHeapMb: 8 } });
    small.request('test');
    expect((await small.idle()).error?.code).toBe('E_REINDEX_CRASHED');
    expect(await current(indexDir)).toBe(before);
    expect(holder.generation()).toBe(1);
    holder.close();
  });

  it('refuses to guess a remote embedder in the child: E_REINDEX_CONFIG without its configuration', async () => {
    const { sourcesDir, indexDir, holder } = await corpus();
    const remote = Object.assign(Object.create(embedder) as typeof embedder, {
      info: { ...embedder.info, kind: 'openai' as const, id: 'openai:x', model: 'x' },
    });
    const r = new Reindexer({ sourcesDir, indexDir, embedder: remote, holder });
    r.request('test');
    expect((await r.idle()).error?.code).toBe('E_REINDEX_CONFIG');
    holder.close();
  });
});
