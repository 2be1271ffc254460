/**
 * Refusal on positive evidence only (issue 9): a held procedure named anywhere in a story is answered; a name
 * whose object goes on with a word its sheet never uses, a how-to asked of the plan and a foreign term no source
 * uses are refused; a fine or a missing field of a held procedure is answered with what the sheet says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrame } from './frame.ts';
import { answer } from './index.ts';
import { namedProcedure } from './named-procedure.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());
const ask = (q: string) => answer(q, { kb: t.kb, asOf: '2026-11-29' });
const named = (q: string) => namedProcedure(t.kb, readFrame(q).clauses)?.meta.id ?? null;

describe('the procedure a question names by a phrase of its names', () => {
  it('is found by an everyday name said at the end of a long story', () => {
    expect(named('ba tôi mất hôm thứ bảy tại nhà, gia đình lo xong đám rồi, giờ tôi cần đi báo tử thì nộp ở đâu')).toBe(
      'procedures/dang-ky-khai-tu',
    );
  });

  it("is the one after the question's action, not another paper the story mentions first", () => {
    expect(
      named('em bị mất ví, trong đó có căn cước với bằng lái xe máy, giờ làm lại căn cước trước thì tốn bao nhiêu'),
    ).toBe('procedures/the-can-cuoc');
  });

  it('is not a paper named with "giấy" that the question asks whether to bring', () => {
    expect(named('khai sinh có cần giấy đăng ký kết hôn của bố mẹ không')).toBe('procedures/dang-ky-khai-sinh');
  });

  it('is the first whole name said rather than the bare object of another name', () => {
    expect(named('tôi nghỉ việc ở công ty được 1 tuần, đóng bảo hiểm thất nghiệp 3 năm, nộp hồ sơ ở đâu')).toBe(
      'procedures/tro-cap-that-nghiep',
    );
  });

  it('is none when the question only says words every procedure uses', () => {
    expect(named('cần giấy tờ gì')).toBeNull();
  });
});

describe('a long story around a held procedure is answered, not refused', () => {
  it('answers where to report a death asked at the end of a family story', async () => {
    const r = await ask(
      'ba tôi năm nay 78 tuổi, mất hôm thứ bảy tuần rồi tại nhà ở Trảng Bom, gia đình lo xong đám rồi, giờ tôi cần đi báo tử thì nộp ở đâu',
    );
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/dang-ky-khai-tu');
    expect(r.answer).toContain('UBND cấp xã');
  });
});

describe('refusal needs positive evidence that the topic is not held', () => {
  it('refuses a held name whose object goes on with a word the sheet never uses ("nhận con nuôi")', async () => {
    const r = await ask('thủ tục nhận con nuôi');
    expect(r.refused).toBe(true);
    expect(r.notices.some((n) => n.startsWith('not held:'))).toBe(true);
  });

  it('refuses a how-to question that only the plan matched (the plan states no papers for residents)', async () => {
    const r = await ask('làm thẻ ngân hàng cần gì');
    expect(r.refused).toBe(true);
    expect(r.notices).toContain('how-to asked of a plan');
  });

  it('refuses a foreign term no source uses, asked of the plan', async () => {
    const r = await ask('kế hoạch 53 có nói về metaverse không');
    expect(r.refused).toBe(true);
    expect(r.notices.some((n) => n.includes('"metaverse"'))).toBe(true);
  });

  it("still answers a plan question about a target, whose field words read like a procedure's", async () => {
    const r = await ask('tỷ lệ dân số có hồ sơ sức khỏe điện tử đạt bao nhiêu');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('80%');
  });
});

describe('a facet a held sheet states outside its fields', () => {
  it('keeps refusing a missing field when the question names no procedure (the sheet is likely the wrong one)', async () => {
    const r = await ask('quyết toán thuế thu nhập cá nhân năm 2025 tự làm được không, làm sao');
    expect(r.refused).toBe(true);
  });

  it('quotes the fine the sheet states when asked how much the fine is', async () => {
    const r = await ask('mua đất mà quá 30 ngày chưa đăng ký sang tên sổ đỏ thì bị phạt bao nhiêu');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('2.000.000');
  });

  it('answers a field the named sheet lacks with what it says, and says which part it does not state', async () => {
    const r = await ask('mua xe máy cũ thì sang tên xe máy làm như thế nào');
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/dang-ky-sang-ten-xe-may');
    expect(r.answer).toContain('không nêu trình tự thực hiện');
    expect(r.answer).toContain('1022');
  });

  it('refuses a fine no sheet states, naming the hotline', async () => {
    const r = await ask('đăng ký tạm trú trễ hạn bị phạt bao nhiêu tiền');
    expect(r.refused).toBe(true);
    expect(r.answer).toContain('1022');
  });

  it('refuses "how much" when the sheet says only that the usual amount is not confirmed', async () => {
    const r = await ask('lệ phí đăng ký kết hôn với người nước ngoài ở Đồng Nai là bao nhiêu');
    expect(r.refused).toBe(true);
    expect(r.notices).toContain('refused: missing-figure');
  });
});

describe('shorthand and English questions', () => {
  it('reads "kh53" as the plan\'s number and finds who signed it', async () => {
    const r = await ask('kh53 do ai ky');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('Võ Tấn Đức');
  });

  it('answers a short English request with no capitals and no question words', async () => {
    const r = await ask('household business registration papers');
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/dang-ky-ho-kinh-doanh');
  });
});
