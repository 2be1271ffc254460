import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../knowledge/index.ts';
import { answer } from './index.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let built: TestKnowledge;
let kb: KnowledgeBase;
beforeAll(async () => {
  built = await buildTestKnowledge();
  kb = built.kb;
}, 120_000);
afterAll(async () => built?.cleanup());

const ask = (q: string) => answer(q, { kb, asOf: '2026-11-29' });

describe('the refusal says which kind applies', () => {
  it('asks which procedure, offering both, when the exchange and the lost-licence re-issue fit equally', async () => {
    const r = await ask('lệ phí giấy phép lái xe bao nhiêu');
    expect(r.refused).toBe(true);
    expect(r.notices).toContain('refused: which-procedure');
    const lines = r.answer.split('\n');
    expect(lines[0]).toBe('Bạn muốn hỏi thủ tục nào?');
    expect(lines).toEqual(
      expect.arrayContaining(['1. Đổi, cấp lại giấy phép lái xe', '2. Cấp lại giấy phép lái xe bị mất']),
    );
    expect(r.answer).toContain('1022');
  });

  it.each([
    ['đổi bằng lái xe cần giấy tờ gì', 'procedures/doi-giay-phep-lai-xe'],
    ['bằng lái xe bị mất làm lại lệ phí bao nhiêu', 'procedures/cap-lai-giay-phep-lai-xe-bi-mat'],
    ['khai sinh cần giấy tờ gì', 'procedures/dang-ky-khai-sinh'],
    ['đăng ký kết hôn cần giấy tờ gì', 'procedures/dang-ky-ket-hon'],
  ])('answers "%s" when a word of one name or its plain form decides', async (q, id) => {
    const r = await ask(q);
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe(id);
  });

  it('says "not in my sources" with the hotline for a procedure nobody holds', async () => {
    const r = await ask('giá vé máy bay đi Hà Nội');
    expect(r.refused).toBe(true);
    expect(r.answer.split('\n')[0]).toBe('Xin lỗi, nguồn tài liệu của tôi chưa có thông tin này.');
    expect(r.answer).toContain('1022');
  });
});

describe('a yes/no question opens with Không / Được only when the cited line says so', () => {
  it('opens "Không." when the first line is the fee waiver', async () => {
    const r = await ask('dang ky ket hon co mat tien ko');
    expect(r.answer).toMatch(/^Không\. Phí, lệ phí: Miễn lệ phí/);
  });

  it('adds no yes/no word when the line does not say yes or no', async () => {
    const r = await ask('đăng ký thường trú có mất phí không');
    expect(r.answer).not.toMatch(/^(?:Có|Không|Được|Chưa)\b/);
  });
});
