/**
 * End to end on the real plan: ingest it, then the phone-typed and the accented question both find
 * the II.2.2 target first — the acceptance check of the whole ingest → index → search path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase, type Embedder } from '../knowledge/index.ts';
import { runIngest } from './index.ts';
import { PLAN_FILE, PLAN_NAME, copyInto, tempWorkspace, testEmbedder } from './test-support.ts';

let ws: Awaited<ReturnType<typeof tempWorkspace>>;
let kb: KnowledgeBase;
let embedder: Embedder;

beforeAll(async () => {
  ws = await tempWorkspace();
  embedder = testEmbedder();
  await copyInto(ws.sources, PLAN_FILE, `plans/${PLAN_NAME}`);
  const report = await runIngest({ sourcesDir: ws.sources, indexDir: ws.index, embedder });
  expect(report.failed).toEqual([]);
  kb = await KnowledgeBase.open(ws.index, { embedder });
});
afterAll(() => ws.cleanup());

const TARGET = '80% tại cấp sở, 40% tại cấp huyện và 30% tại cấp xã';
const PATH = ['II. MỤC TIÊU', '2. Mục tiêu cụ thể', '2.2. Chính quyền số'];

describe('ingest then search the 2024 plan', () => {
  it.each([
    ['typed without diacritics', 'ty le ho so giai quyet truc tuyen cap xa'],
    ['typed with diacritics', 'tỷ lệ hồ sơ giải quyết trực tuyến cấp xã'],
  ])('puts the II.2.2 chunk first for the question %s', async (_how, query) => {
    const hits = await kb.search(query, { k: 5 });
    expect(hits[0]!.chunk.sectionPath).toEqual(PATH);
    expect(hits[0]!.chunk.text).toContain(TARGET);
    expect(hits[0]!.document.number).toBe('53/KH-UBND');
  });

  it('finds a bullet deep in the tasks section by its own words', async () => {
    const hits = await kb.search('tổ chức 01 cuộc diễn tập ứng cứu sự cố tấn công mạng', { k: 3 });
    expect(hits[0]!.chunk.sectionPath).toEqual(['III. NHIỆM VỤ', '7. An toàn thông tin mạng']);
  });
});
