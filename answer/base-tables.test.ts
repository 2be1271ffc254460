/**
 * The per-base tables come from the knowledge base's catalogue: no answer reads the whole base, and an
 * index without a stored catalogue (format 3) is read once, not once per table.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../knowledge/index.ts';
import { answer, prepareBaseTables } from './index.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let built: TestKnowledge;
beforeAll(async () => {
  built = await buildTestKnowledge();
});
afterAll(async () => built?.cleanup());

/** Questions that use all four tables: rarity, procedure names, name sharing, held document numbers. */
const QUESTIONS = [
  'làm lại căn cước bị mất ở đâu',
  'đăng ký khai sinh cho con cần giấy tờ gì',
  'Nghị định 13/2023 quy định gì',
  'kế hoạch chuyển đổi số năm 2025 có mục tiêu gì',
  'lệ phí cấp phiếu lý lịch tư pháp',
];

/** Opens the test index again and counts every chunk the base hands out. */
async function countingBase(): Promise<{ kb: KnowledgeBase; reads: () => number }> {
  const kb = await KnowledgeBase.open(built.indexDir);
  let reads = 0;
  const chunksOf = kb.chunksOf.bind(kb);
  kb.chunksOf = (id) => {
    const chunks = chunksOf(id);
    reads += chunks.length;
    return chunks;
  };
  return { kb, reads: () => reads };
}

/** Chunk reads of each answer to QUESTIONS. */
async function readsPerAnswer(base: { kb: KnowledgeBase; reads: () => number }): Promise<number[]> {
  const out: number[] = [];
  for (const q of QUESTIONS) {
    const before = base.reads();
    await answer(q, { kb: base.kb, asOf: '2026-11-29' });
    out.push(base.reads() - before);
  }
  return out;
}

describe('the per-base tables', () => {
  it('are prepared from the stored catalogue without reading a chunk', async () => {
    const base = await countingBase();
    await prepareBaseTables(base.kb);
    expect(base.reads()).toBe(0);
  });

  it('are never built by reading every chunk while answering, even when nothing prepared them', async () => {
    const base = await countingBase();
    const total = base.kb.manifest.chunkCount;
    // A table built per request (or on first use) from the chunks reads them all: the first answer would show it.
    for (const reads of await readsPerAnswer(base)) expect(reads).toBeLessThan(total / 2);
  });

  it('read a format-3 index once in all when prepared, and answers then read only their own chunks', async () => {
    const version = join(built.indexDir, (await readFile(join(built.indexDir, 'CURRENT'), 'utf8')).trim());
    const manifestPath = join(version, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      formatVersion: number;
      files: Record<string, unknown>;
    };
    manifest.formatVersion = 3;
    delete manifest.files['catalogue.json'];
    await writeFile(manifestPath, JSON.stringify(manifest));
    await rm(join(version, 'catalogue.json'));
    const base = await countingBase();
    const total = base.kb.manifest.chunkCount;
    await prepareBaseTables(base.kb);
    expect(base.reads()).toBe(total);
    for (const reads of await readsPerAnswer(base)) expect(reads).toBeLessThan(total / 2);
  });
});
