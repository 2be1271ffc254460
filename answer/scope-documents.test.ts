import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../knowledge/index.ts';
import { answer } from './index.ts';
import { citedNumbers } from './scope.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let built: TestKnowledge;
beforeAll(async () => {
  built = await buildTestKnowledge();
});
afterAll(async () => built?.cleanup());
const ask = (q: string) => answer(q, { kb: built.kb, asOf: '2026-11-29' });
const cited = (q: string) => citedNumbers(foldText(q));

describe('document numbers a question cites', () => {
  it('are not a month and year the person will act in', () => {
    expect(cited('Đầu tháng 1/2027 tui mới rảnh đi làm lại')).toEqual([]);
    expect(cited('từ 7/2025 trở đi có phải nộp không')).toEqual([]);
  });

  it('are not the tail of a full date', () => {
    expect(cited('kế hoạch ban hành ngày 15/02/2024')).toEqual([]);
  });

  it('are a low number after a document kind or before an issuer code', () => {
    expect(cited('Nghị định 07/2025 quy định gì')).toEqual(['07/2025']);
    expect(cited('theo 07/2025/NĐ-CP')).toEqual(['07/2025']);
  });

  it('are any number above twelve', () => {
    expect(cited('Nghị định 13/2023 về bảo vệ dữ liệu')).toEqual(['13/2023']);
  });
});

describe('a year or date in a question', () => {
  it('does not refuse a procedure question as another document when it says when the person will act', async () => {
    const r = await ask('Đầu tháng 1/2027 tui mới rảnh đi làm lại căn cước bị mất thì còn được giảm 50% nữa hông');
    expect(r.notices).not.toContain('refused: other-document');
    expect(r.refused).toBe(false);
  });

  it('still refuses a plan year we do not hold', async () => {
    const r = await ask('Kế hoạch chuyển đổi số năm 2022 của Đồng Nai đặt chỉ tiêu dịch vụ công trực tuyến bao nhiêu');
    expect(r.refused).toBe(true);
    expect(r.notices[0]).toBe('refused: other-document');
  });

  it('refuses a target year we do not hold even without the word plan', async () => {
    const r = await ask('chỉ tiêu năm 2025 của đồng nai là bao nhiêu');
    expect(r.notices[0]).toBe('refused: other-document');
  });

  it('still refuses a decree number we do not hold', async () => {
    const r = await ask('Nghị định 13/2023 về bảo vệ dữ liệu cá nhân quy định những gì');
    expect(r.notices[0]).toBe('refused: other-document');
  });
});

describe('the validity of the plan we hold', () => {
  it('is answered from its metadata when the question names it by number beside another year', async () => {
    const r = await ask('KH 53 giờ còn hiệu lực ko, năm 2026 áp dụng chỉ tiêu trong đó được ko');
    expect(r.refused).toBe(false);
    expect(r.answer.split('\n')[0]).toBe(
      'Kế hoạch 53/KH-UBND (15/2/2024) là kế hoạch năm 2024, hết hạn 31/12/2024: nay không còn hiệu lực, chỉ dùng để tham khảo chỉ tiêu năm 2024.',
    );
  });

  it('is not said when the question asks whether something in the plan is valid', async () => {
    const r = await ask('chữ ký số cá nhân có giá trị pháp lý không theo chỉ tiêu năm 2024');
    expect(r.notices).not.toContain('plan validity: 53/KH-UBND');
  });

  it('says until when it runs on a day inside its period', async () => {
    const r = await answer('kh53 còn hiệu lực không', { kb: built.kb, asOf: '2024-06-01' });
    expect(r.answer.split('\n')[0]).toBe(
      'Kế hoạch 53/KH-UBND (15/2/2024) là kế hoạch năm 2024, còn hiệu lực đến 31/12/2024.',
    );
  });
});
