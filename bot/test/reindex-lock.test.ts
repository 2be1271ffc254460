/**
 * Two instances sharing INDEX_DIR and SOURCES_DIR over one PostgreSQL database never run a re-index at the
 * same time: each Reindexer serializes its run with the store's advisory lock 'reindex', as start-cli.ts wires it.
 */
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/index.ts';
import { createEmbedder } from '../../knowledge/index.ts';
import { KnowledgeHolder, Reindexer } from '../runtime/index.ts';
import { openStorage, type BotStorage } from '../storage/index.ts';
import { freshDatabase, type TestDatabase } from './postgres.ts';

const SOURCES = resolve(import.meta.dirname, '..', '..', 'knowledge', 'sources');
const embedder = createEmbedder({ provider: 'hashed' });
let db: TestDatabase | null = null;
const stores: BotStorage[] = [];

afterAll(async () => {
  for (const s of stores) await s.close();
  await db?.drop();
});

describe('re-indexes across instances', { timeout: 180_000 }, () => {
  it('never overlap when two instances on one PostgreSQL database start one together, and both are honoured', async () => {
    db = await freshDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'hoidap-reindex-lock-'));
    const sourcesDir = join(dir, 'sources');
    const indexDir = join(dir, 'index');
    await cp(SOURCES, sourcesDir, { recursive: true });
    await runIngest({ sourcesDir, indexDir, embedder });
    const spans: Array<{ who: string; start: number; end: number }> = [];
    const instance = async (who: string) => {
      const store = await openStorage({ dataDir: join(dir, who), databaseUrl: db!.url });
      stores.push(store);
      const holder = await KnowledgeHolder.open({ indexDir, embedder });
      const reindexer = new Reindexer({ sourcesDir, indexDir, embedder, holder });
      // The span is recorded inside the lock, around the child's whole run: without the lock they overlap.
      reindexer.serializeWith((fn) =>
        store.withTokenLock('reindex', async () => {
          const start = performance.now();
          try {
            return await fn();
          } finally {
            spans.push({ who, start, end: performance.now() });
          }
        }),
      );
      return { holder, reindexer };
    };
    const [a, b] = await Promise.all([instance('a'), instance('b')]);
    await writeFile(join(sourcesDir, 'lich-tiep-dan.md'), '# Lịch tiếp dân\n\nTiếp dân sáng thứ bảy.\n');
    a.reindexer.request('upload on a');
    b.reindexer.request('upload on b');
    const [sa, sb] = await Promise.all([a.reindexer.idle(), b.reindexer.idle()]);
    expect([sa.state, sb.state]).toEqual(['done', 'done']);
    expect(spans.map((s) => s.who).sort()).toEqual(['a', 'b']);
    const [first, second] = [...spans].sort((x, y) => x.start - y.start);
    expect(second!.start).toBeGreaterThanOrEqual(first!.end);
    // The first run wrote the new version; the second found nothing left to write and served it too.
    expect([sa.report?.wrote, sb.report?.wrote].sort()).toEqual([false, true]);
    for (const { holder } of [a, b]) {
      expect(holder.current().document('lich-tiep-dan')).toBeDefined();
      holder.close();
    }
  });
});
