/**
 * KnowledgeHolder over a real index built in a temp folder: the withdrawn-document view and the swap.
 */
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareBaseTables } from '../../answer/index.ts';
import { runIngest } from '../../ingest/index.ts';
import { createEmbedder, type KnowledgeBase } from '../../knowledge/index.ts';
import { KnowledgeHolder } from './knowledge-holder.ts';

const embedder = createEmbedder({ provider: 'hashed' });
let dir: string;
let holder: KnowledgeHolder;
const sources = () => join(dir, 'sources');
const index = () => join(dir, 'index');

async function writeGuide(name: string, body: string): Promise<void> {
  await writeFile(join(sources(), 'guides', `${name}.md`), `# ${name}\n\n## Nội dung\n\n${body}\n`);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoidap-holder-'));
  await mkdir(join(sources(), 'guides'), { recursive: true });
  await writeGuide('thu-vien', 'Thẻ thư viện số cấp trong ngày tại quầy thủ thư.');
  await writeGuide('be-boi', 'Vé bể bơi thành phố bán tại cổng từ 6 giờ sáng.');
  await runIngest({ sourcesDir: sources(), indexDir: index(), embedder });
  holder = await KnowledgeHolder.open({ indexDir: index(), embedder });
});

afterEach(async () => {
  holder.close();
  await rm(dir, { recursive: true, force: true });
});

describe('KnowledgeHolder', () => {
  it('hides a withdrawn document from search, documents() and chunksOf() at once', async () => {
    holder.withdraw('guides/thu-vien');
    const kb = holder.current();
    expect((await kb.search('the thu vien so', { k: 5 })).map((h) => h.document.id)).not.toContain('guides/thu-vien');
    expect(kb.documents().map((d) => d.id)).toEqual(['guides/be-boi']);
    expect([kb.document('guides/thu-vien'), kb.chunksOf('guides/thu-vien')]).toEqual([undefined, []]);
    // A search's own filter is kept and merged.
    expect(await kb.search('ve be boi', { filter: { documentIds: ['guides/thu-vien'] } })).toEqual([]);
    expect(holder.live().document('guides/thu-vien')?.id).toBe('guides/thu-vien');
  });

  it('swaps in the re-indexed base, and forgets a withdrawal once the index no longer holds the document', async () => {
    const before = holder.current();
    holder.withdraw('guides/thu-vien');
    await unlink(join(sources(), 'guides', 'thu-vien.md'));
    await writeGuide('ho-boi', 'Hồ bơi mới mở cửa từ thứ hai.');
    await runIngest({ sourcesDir: sources(), indexDir: index(), embedder });
    await holder.reload();
    expect(holder.withdrawn()).toEqual([]);
    expect(
      holder
        .current()
        .documents()
        .map((d) => d.id),
    ).toEqual(['guides/be-boi', 'guides/ho-boi']);
    expect(holder.generation()).toBe(2);
    // An answer that started on the old base can still read its chunks.
    expect(before.chunksOf('guides/thu-vien')[0]?.text).toContain('Thẻ thư viện số');
  });

  it('keeps filtering a withdrawn document that the new base still holds', async () => {
    holder.withdraw('guides/thu-vien');
    await holder.reload();
    expect(holder.withdrawn()).toEqual(['guides/thu-vien']);
    expect(holder.current().document('guides/thu-vien')).toBeUndefined();
    holder.restore('guides/thu-vien');
    expect(holder.current().document('guides/thu-vien')?.id).toBe('guides/thu-vien');
  });

  it('prepares a swapped-in base before it goes live, so its tables hold the new documents', async () => {
    holder.close(); // the holder of beforeEach prepares nothing: open one that does
    const prepared: Array<{ kb: KnowledgeBase; liveMeanwhile: KnowledgeBase | null; cites: string[] }> = [];
    holder = await KnowledgeHolder.open({
      indexDir: index(),
      embedder,
      prepare: async (kb) => {
        await prepareBaseTables(kb);
        const cites = [...kb.catalogue().documents.values()].flatMap((d) => d.cites);
        // At open there is no holder yet; at a swap, the old base must still be the live one.
        prepared.push({ kb, liveMeanwhile: prepared.length > 0 ? holder.live() : null, cites });
      },
    });
    const old = holder.live();
    await writeGuide('nghi-dinh', 'Thủ tục theo Nghị định 118/2025/NĐ-CP.');
    await runIngest({ sourcesDir: sources(), indexDir: index(), embedder });
    const next = await holder.reload();
    expect(prepared.map((p) => p.kb)).toEqual([old, next]);
    expect(prepared[1]?.liveMeanwhile).toBe(old);
    expect([prepared[0]?.cites, prepared[1]?.cites]).toEqual([[], ['118/2025']]);
    expect(holder.live()).toBe(next);
  });

  it('keeps the old base live when preparing the new one fails', async () => {
    holder.close();
    let fail = false;
    holder = await KnowledgeHolder.open({
      indexDir: index(),
      embedder,
      prepare: async () => {
        if (fail) throw new Error('tables could not be built');
      },
    });
    const old = holder.live();
    fail = true;
    await writeGuide('ho-boi', 'Hồ bơi mới mở cửa từ thứ hai.');
    await runIngest({ sourcesDir: sources(), indexDir: index(), embedder });
    await expect(holder.reload()).rejects.toThrow('tables could not be built');
    expect(holder.live()).toBe(old);
    expect(holder.generation()).toBe(1);
  });

  it('counts a withdrawn document out of the catalogue the answer layer reads', async () => {
    await writeGuide('nghi-dinh', 'Thủ tục theo Nghị định 118/2025/NĐ-CP.');
    await runIngest({ sourcesDir: sources(), indexDir: index(), embedder });
    await holder.reload();
    const words = (kb: KnowledgeBase) => kb.catalogue().wordChunks.get('nghi');
    expect([holder.current().catalogue().documents.has('guides/nghi-dinh'), words(holder.current())]).toEqual([
      true,
      1,
    ]);
    holder.withdraw('guides/nghi-dinh');
    expect([holder.current().catalogue().documents.has('guides/nghi-dinh'), words(holder.current())]).toEqual([
      false,
      undefined,
    ]);
    expect(holder.live().catalogue().documents.has('guides/nghi-dinh')).toBe(true);
  });
});
