/**
 * The line that answers leads, read across a procedure sheet and the guide it points at (answering-line.ts),
 * and a plan answer leads with the line saying what sets the question apart (compose-passage.ts pickUnits).
 * Built on the real sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase, SearchHit } from '../knowledge/index.ts';
import { answerFromLines, isCompanion } from './answering-line.ts';
import type { Composed } from './compose.ts';
import { pickUnits, type Unit } from './compose-passage.ts';
import { readFrame } from './frame.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

const SHEET = 'procedures/dich-vu-cong-truc-tuyen-thanh-toan';
const GUIDE = 'guides/dich-vu-cong-truc-tuyen-dong-nai';
const AS_OF = '2026-11-29';
let built: TestKnowledge;
let kb: KnowledgeBase;
beforeAll(async () => {
  built = await buildTestKnowledge();
  kb = built.kb;
});
afterAll(async () => built?.cleanup());

/** The sheet's hits first (as routing puts a named sheet first), then the rest of the search. */
async function sheetFirst(q: string): Promise<SearchHit[]> {
  const hits = await kb.search(readFrame(q).searchText, { k: 10 });
  return [...hits.filter((h) => h.document.id === SHEET), ...hits.filter((h) => h.document.id !== SHEET)];
}

/** A stand-in for the sheet composer's overview (what the question got before). */
function overview(hits: readonly SearchHit[]): Composed {
  const top = hits[0] as SearchHit;
  return {
    draft: {
      lead: '',
      facts: [{ text: 'Cơ quan: Mỗi hồ sơ do cơ quan có thẩm quyền giải quyết.', sources: [] }],
      notes: [],
    },
    mode: 'procedure',
    topicDocumentId: top.document.id,
    notices: [],
  };
}

async function answerLines(q: string) {
  const hits = await sheetFirst(q);
  const before = overview(hits);
  const after = answerFromLines(kb, readFrame(q).intent, hits, AS_OF, before);
  if ('refuse' in after) throw new Error('refused');
  return { before, after };
}

describe('a question about the portal that no field of its sheet names', () => {
  it('is answered from the guide section whose line says it: "mấy loại thông báo" opens with the 9 kinds', async () => {
    const { after } = await answerLines('zalo báo hồ sơ có mấy loại thông báo vậy ad');
    expect(after.topicDocumentId).toBe(GUIDE);
    expect(after.draft.facts[0]?.text).toMatch(/^Có 9 loại thông báo:\n- Đã tiếp nhận/);
  });

  it("leads with the e-mail line when the hotline's e-mail is asked, the rest of the section after it", async () => {
    const { after } = await answerLines('tổng đài có email không');
    expect(after.draft.facts[0]?.text).toMatch(/^(?:- )?Gửi email tới 1022@dongnai\.gov\.vn\.$/);
    expect(after.draft.facts.map((f) => f.text).join('\n')).toContain('(0251) 1022');
  });

  it('answers where to follow an application with "Quản lý hồ sơ", without the source address', async () => {
    const { after } = await answerLines('ho so cua e nop online toi dau roi xem o dau');
    expect(after.draft.facts[0]?.text).toContain('Quản lý hồ sơ');
    expect(after.draft.facts.map((f) => f.text).join('\n')).not.toContain('https://');
  });

  it('keeps the sheet when a sheet line fits better, and leads with that line', async () => {
    const { after } = await answerLines('trang web tổng đài 1022');
    expect(after.topicDocumentId).toBe(SHEET);
    expect(after.draft.facts[0]?.text).toMatch(/email 1022@dongnai\.gov\.vn, trang 1022\.dongnai\.gov\.vn\.$/);
  });
});

describe('when the line answers nothing more than the sheet does', () => {
  it('leaves an answer to a field the question names as the sheet composed it', async () => {
    const { before, after } = await answerLines('nộp hồ sơ online thì lệ phí trả bằng cách nào, bao nhiêu tiền');
    expect(after).toBe(before);
    expect(after.draft.facts).toHaveLength(1);
  });

  it('leaves a yes/no question the sheet answers to the yes/no readers', async () => {
    const { before, after } = await answerLines('tổng đài dịch vụ công có email hay trang web không');
    expect(after).toBe(before);
  });

  it('never reads a guide the top sheet does not point at', () => {
    const birth = kb.document('procedures/dang-ky-khai-sinh');
    const guide = kb.document(GUIDE);
    if (!birth || !guide) throw new Error('sources changed');
    expect(isCompanion(kb, birth, guide)).toBe(false);
    expect(isCompanion(kb, kb.document(SHEET) as typeof birth, guide)).toBe(true);
  });
});

describe('which of the quoted plan lines leads', () => {
  const unit = (text: string, score: number, focus: number, at: number): Unit =>
    ({
      hit: { chunk: { text: 'x'.repeat(at) + text } },
      rank: 0,
      text,
      score,
      hasFigure: true,
      focus,
    }) as unknown as Unit;

  it('puts the line saying the rarer asked words first, whatever its place in the document', () => {
    const general = unit('Tỷ lệ hồ sơ giải quyết trực tuyến đạt 80%.', 16, 1, 0);
    const payment = unit('50% thanh toán trực tuyến trên Cổng Dịch vụ công.', 13, 3, 100);
    expect(pickUnits([general, payment]).map((u) => u.text)).toEqual([payment.text, general.text]);
  });

  it('keeps the best scored line first when no line says clearly more of the question', () => {
    const first = unit('Dòng một 60%.', 10, 2, 100);
    const second = unit('Dòng hai 70%.', 12, 2.2, 0);
    expect(pickUnits([first, second]).map((u) => u.text)).toEqual([second.text, first.text]);
  });
});
