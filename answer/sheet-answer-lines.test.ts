/**
 * Which sheet line answers: the summary sentence that says most of a yes/no or no-field question leads, unless a
 * field line says more; a line on another name of the procedure ("sổ hộ khẩu") answers when no other line does;
 * sheet lines are read as the question is ("CCCD cũ").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from './index.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());
const ask = async (q: string) => (await answer(q, { kb: t.kb, asOf: '2026-11-29' })).answer;
const firstLine = async (q: string) => (await ask(q)).split('\n')[0] ?? '';

describe('the summary sentence that says most of the question leads', () => {
  it('opens "năm nay hết thuế khoán rồi hả" with the end of the flat tax from 01/01/2026', async () => {
    expect(await firstLine('Năm nay hết thuế khoán rồi hả, hộ kinh doanh mình phải làm sao')).toContain('01/01/2026');
  });

  it('answers "doanh thu dưới 1 tỷ có phải nộp thuế không" with the summary sentence on the 1-billion threshold', async () => {
    expect(await ask('ho kinh doanh doanh thu duoi 1 ty co phai nop thue khong')).toContain('31/01');
  });

  it('opens a yes/no question on a child health-insurance card with the summary naming VNeID', async () => {
    expect(await firstLine('làm online được ko, làm luôn thẻ bảo hiểm y tế cho bé dưới 6 tuổi được không')).toContain(
      'VNeID',
    );
  });

  it('leaves the lead to a field line that says more than the summary (foreign papers and sao y)', async () => {
    const reply = await ask('giấy tờ do nước ngoài cấp có sao y chứng thực được không');
    expect(reply).toContain('hợp pháp hóa lãnh sự');
    expect(reply.split('\n')[0]).not.toContain('người dân hay gọi là');
  });
});

describe('lines read as the question reads them', () => {
  it('answers whether an old paper household book is valid with the line on "sổ hộ khẩu"', async () => {
    expect(await ask('sổ hộ khẩu giấy nhà tôi còn xài được không')).toContain('01/01/2023');
  });

  it('adds the line on an old CCCD (written "CCCD cũ") to an online re-issue question', async () => {
    expect(await ask('mat cccd cu thi lam lai online dc ko')).toContain('làm trực tiếp');
  });
});
