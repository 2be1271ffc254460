import { describe, expect, it } from 'vitest';
import type { Chunk, DocumentMeta } from '../knowledge/index.ts';
import { readFrame } from './frame.ts';
import { asksOneThing, holdBackRest } from './narrow.ts';
import { renderDraft, type Draft } from './reply.ts';

const sheet = {
  id: 'procedures/tcTN',
  title: 'Hưởng trợ cấp thất nghiệp',
  number: null,
  type: 'procedure',
  issueDate: null,
} as DocumentMeta;
const items = [
  'Đã chấm dứt hợp đồng; không được hưởng nếu đơn phương chấm dứt trái luật hoặc đã đủ điều kiện hưởng lương hưu.',
  'Đã đóng bảo hiểm thất nghiệp đủ 12 tháng trong 24 tháng trước khi chấm dứt.',
  'Nộp hồ sơ trong 03 tháng kể từ ngày chấm dứt hợp đồng.',
  'Chưa có việc làm sau 10 ngày làm việc kể từ ngày nộp đủ hồ sơ.',
];
const conditions = {
  id: 'c',
  documentId: sheet.id,
  sectionPath: ['Hưởng trợ cấp thất nghiệp', 'Điều kiện'],
  page: null,
  ordinal: 0,
  field: 'conditions',
  text: `Điều kiện:\n- ${items.join('\n- ')}`,
} as Chunk;

const draftOf = (): Draft => ({
  lead: 'Thủ tục Hưởng trợ cấp thất nghiệp, áp dụng ngày 29/11/2026:',
  facts: [
    {
      text: `Điều kiện:\n- ${items.join('\n- ')}`,
      sources: [{ meta: sheet, chunk: conditions, used: [conditions.text] }],
    },
  ],
  notes: [],
});

describe('a yes/no answer keeps to its supporting line', () => {
  it('a yes/no question about one condition shows that condition and keeps the others behind xem thêm', () => {
    const draft = draftOf();
    holdBackRest(draft, readFrame('đã đủ điều kiện hưởng lương hưu thì có được lãnh trợ cấp thất nghiệp nữa không'));
    const reply = renderDraft(draft);
    expect(reply.text).toContain(`Điều kiện: ${items[0]}`);
    for (const other of items.slice(1)) expect(reply.text).not.toContain(other);
    expect(reply.text).toContain('Còn 3 mục (điều kiện khác) — hỏi "xem thêm".');
    expect(reply.text).toContain('Nguồn: Hưởng trợ cấp thất nghiệp — Điều kiện');
    // The items held back are whole and cited where "xem thêm" shows them.
    expect(reply.more?.lines.join('\n')).toContain(items[3]);
    expect(reply.more?.citations.length).toBeGreaterThan(0);
  });

  it('a question that asks for the whole list keeps every item in the reply', () => {
    const draft = draftOf();
    holdBackRest(draft, readFrame('lãnh trợ cấp thất nghiệp cần những điều kiện gì'));
    const reply = renderDraft(draft);
    for (const item of items) expect(reply.text).toContain(item);
    expect(reply.more).toBeFalsy();
  });

  it('a yes/no question that no single item answers better than the others keeps every item', () => {
    const draft = draftOf();
    holdBackRest(draft, readFrame('có được lãnh trợ cấp thất nghiệp không'));
    for (const item of items) expect(renderDraft(draft).text).toContain(item);
  });

  it('an item that names someone the question names stays shown beside the supporting line', () => {
    const draft = draftOf();
    const waiver = 'Khuyết tật nặng có thêm hỗ trợ theo quy định.';
    draft.facts[0]!.text += `\n- ${waiver}`;
    holdBackRest(
      draft,
      readFrame('người khuyết tật đã đủ điều kiện hưởng lương hưu thì có được lãnh trợ cấp thất nghiệp không'),
    );
    const reply = renderDraft(draft).text;
    expect(reply).toContain(items[0]);
    expect(reply).toContain(waiver);
    expect(reply).not.toContain(items[2]);
  });

  it('reads a question ending in "không" as yes/no however far its "có" is, but not one that asks for a list', () => {
    expect(
      asksOneThing(readFrame('đã đủ điều kiện hưởng lương hưu thì có được lãnh trợ cấp thất nghiệp nữa không')),
    ).toBe(true);
    expect(asksOneThing(readFrame('làm căn cước cần giấy tờ gì không'))).toBe(false);
    expect(asksOneThing(readFrame('hồ sơ và lệ phí đăng ký thường trú có cần không'))).toBe(false);
  });
});
