import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndex } from '../ingest/index.ts';
import { createEmbedder, KnowledgeBase } from '../knowledge/index.ts';
import { answer, type AnswerResult, type Turn } from './index.ts';
import { isMoreRequest, morePage, NOTHING_MORE } from './more.ts';

// A hand-made sheet whose document list has 25 items: far more than one phone reply holds.
const FIXTURE = resolve(import.meta.dirname, 'fixtures', 'long-list');
const SHEET = join(FIXTURE, 'procedures', 'thu-vien-cong-dong.yaml');
const QUESTION = 'đăng ký hoạt động thư viện cộng đồng cần hồ sơ gì';

let dir: string;
let kb: KnowledgeBase;
let items: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoidap-more-'));
  const embedder = createEmbedder({ provider: 'hashed' });
  await ensureIndex({ sourcesDir: FIXTURE, indexDir: join(dir, 'index'), embedder });
  kb = await KnowledgeBase.open(join(dir, 'index'), { embedder });
  const yaml = await readFile(SHEET, 'utf8');
  const list = yaml.slice(yaml.indexOf('documents:'), yaml.indexOf('timeLimit:'));
  items = [...list.matchAll(/^ {2}- (.+)$/gm)].map((m) => m[1] as string);
}, 120_000);
afterAll(async () => rm(dir, { recursive: true, force: true }));

const ask = (q: string, history: Turn[] = []) => answer(q, { kb, asOf: '2026-11-29', history });
const turnOf = (q: string, r: AnswerResult, keepMore = true): Turn => ({
  question: q,
  topicDocumentId: r.topicDocumentId,
  at: '2026-11-29T08:00:00.000Z',
  ...(keepMore ? { more: r.more ?? null } : {}),
});
/** The fixture's items a reply shows, in order; every "- " line must be one whole item. */
function itemsShown(reply: string): string[] {
  const lines = reply.split('\n').filter((l) => l.startsWith('- ') || /^Hồ sơ: /.test(l));
  return lines.map((l) => {
    const text = l.replace(/^- |^Hồ sơ: /, '').replace(/\s*(\[\d+\])+$/, '');
    expect(items, `"${text}" is not a whole item`).toContain(text);
    return text;
  });
}

describe('a long document list on a phone', () => {
  it('shows the first whole items within 1000 characters and says how many are left', async () => {
    expect(items).toHaveLength(25);
    const r = await ask(QUESTION);
    expect(r.refused).toBe(false);
    expect(r.answer.length).toBeLessThanOrEqual(1000);
    expect(r.answer).not.toContain('…');
    const shown = itemsShown(r.answer);
    expect(shown).toEqual(items.slice(0, shown.length));
    expect(r.answer).toContain(`Còn ${25 - shown.length} mục — hỏi "xem thêm".`);
    expect(r.answer).toMatch(/Nguồn: (?:\[1\] )?Đăng ký hoạt động thư viện cộng đồng — Hồ sơ/);
  });

  it('"xem thêm" continues where the reply stopped until every item was shown once, in order', async () => {
    let r = await ask(QUESTION);
    const history = [turnOf(QUESTION, r)];
    const seen = itemsShown(r.answer);
    for (const ask2 of ['xem thêm', 'xem them', 'tiếp', 'more']) {
      if (!r.more) break;
      r = await ask(ask2, history);
      expect(r.answer.length).toBeLessThanOrEqual(2000);
      expect(r.citations.every((c) => c.documentId === 'procedures/thu-vien-cong-dong')).toBe(true);
      expect(r.answer).toContain('Nguồn:');
      seen.push(...itemsShown(r.answer));
      history.push(turnOf(ask2, r));
    }
    expect(seen).toEqual(items);
    const after = await ask('xem thêm', history);
    expect(after.answer).toBe(NOTHING_MORE);
  });

  it('replays the previous question when the channel kept no continuation (web API, eval)', async () => {
    const first = await ask(QUESTION);
    const stored = await ask('xem thêm', [turnOf(QUESTION, first)]);
    const replayed = await ask('xem thêm', [turnOf(QUESTION, first, false)]);
    expect(replayed.answer).toBe(stored.answer);
    // The 13 items left fit one page, so a second "xem tiếp" replays, skips that page and finds nothing more.
    expect(replayed.more ?? null).toBeNull();
    const third = await ask('xem tiếp', [turnOf(QUESTION, first, false), turnOf('xem thêm', replayed, false)]);
    expect(third.answer).toBe(NOTHING_MORE);
  });

  it('says there is nothing more when the previous reply showed everything', async () => {
    const r = await ask('thư viện cộng đồng lệ phí bao nhiêu');
    expect(r.more ?? null).toBeNull();
    expect((await ask('xem thêm', [turnOf('le phi', r)])).answer).toBe(NOTHING_MORE);
  });
});

describe('isMoreRequest', () => {
  it.each(['xem thêm', 'Xem them', 'tiếp', 'xem tiếp nhé', 'more', 'show more', 'còn lại'])(
    'reads "%s" as continue',
    (q) => expect(isMoreRequest(q)).toBe(true),
  );
  it.each(['xem thêm lệ phí khai sinh', 'tiếp theo cần làm gì để đăng ký kết hôn', 'thêm tên con vào hộ khẩu'])(
    'reads "%s" as a question of its own',
    (q) => expect(isMoreRequest(q)).toBe(false),
  );
});

describe('morePage', () => {
  it('never ends a page on a heading and cites only what the page shows', () => {
    const more = {
      lines: ['- a'.repeat(300), 'Phí, lệ phí (tiếp):', '- b [2]'],
      sources: ['[1] Thủ tục X — Thành phần hồ sơ; [2] Phí, lệ phí'],
      citations: [
        { n: 1, documentId: 'x', title: 'X', number: null, section: 'X > Thành phần hồ sơ', page: null, text: 'a' },
        { n: 2, documentId: 'x', title: 'X', number: null, section: 'X > Phí, lệ phí', page: null, text: 'b' },
      ],
    };
    const page = morePage(more, 1000);
    expect(page.text.split('\n')[0]).toBe(more.lines[0]);
    expect(page.text).not.toContain('(tiếp):');
    expect(page.text).toContain('Còn 1 mục — hỏi "xem thêm".');
    expect(page.more?.lines).toEqual(['Phí, lệ phí (tiếp):', '- b [2]']);
    expect(morePage(page.more as typeof more).citations.map((c) => c.n)).toEqual([2]);
  });
});
