/**
 * Refusing precisely on a held sheet: facts the sheet marks as not confirmed, money matters it never states, and
 * a paper pointed at but never named. One confirmed part is enough to answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from './index.ts';
import { notConfirmedLead, refusalKindOf } from './refusal.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';
import { sentenceKind } from './unconfirmed.ts';

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());
const ask = (q: string, history: Array<{ question: string; topicDocumentId: string | null }> = []) =>
  answer(q, { kb: t.kb, asOf: '2026-11-29', history: history.map((h) => ({ ...h, at: '2026-11-29T08:00:00Z' })) });

describe('a sheet sentence', () => {
  it('that says its figure is not known reads as unconfirmed', () => {
    expect(sentenceKind('mức cụ thể chưa tìm thấy, hỏi UBND cấp xã hoặc Tổng đài 1022.')).toBe('unconfirmed');
    expect(sentenceKind('Chưa xác nhận được thời hạn giải quyết theo Luật Lý lịch tư pháp sửa đổi.')).toBe(
      'unconfirmed',
    );
  });

  it('about a rule before a date or under the old law reads as old', () => {
    expect(sentenceKind('Trước đó là không quá 10 ngày, hoặc 15 ngày với trường hợp phải xác minh.')).toBe('old');
    expect(sentenceKind('trước 01/3/2025 là không quá 05 ngày làm việc.')).toBe('old');
    expect(sentenceKind('thời hạn 15 ngày là của luật cũ.')).toBe('old');
  });

  it('that only sends the reader elsewhere reads as advice, and a deadline to act as content', () => {
    expect(sentenceKind('hỏi Công an cấp xã hoặc Tổng đài 1022.')).toBe('advice');
    expect(sentenceKind('Hồ sơ nhận sau 15 giờ mà không làm kịp thì có phiếu hẹn trả kết quả.')).toBe('content');
  });
});

describe('a field asked that the sheet marks as not confirmed', () => {
  it('is refused as not in my sources, quoting what the sheet says, with the hotline', async () => {
    const r = await ask('cấp sổ đỏ lần đầu mất bao nhiêu ngày vậy');
    expect(r.refused).toBe(true);
    expect(r.refusalKind).toBe('not-in-sources');
    expect(r.answer.split('\n')[0]).toBe(
      'Nguồn của tôi chưa xác nhận thời hạn giải quyết của thủ tục Cấp Giấy chứng nhận quyền sử dụng đất lần đầu.',
    );
    expect(r.answer).toContain('Thời hạn giải quyết: Chưa xác nhận');
    expect(r.answer).toContain('1022');
    expect(r.citations.map((c) => c.documentId)).toEqual(['procedures/cap-so-do-lan-dau']);
  });

  it('keeps the old rule the sheet states beside the refusal', async () => {
    const r = await ask('muốn xin giấy không tiền án tiền sự thì mấy ngày có');
    expect(r.refused).toBe(true);
    expect(r.answer).toContain('Trước đó là không quá 10 ngày');
  });

  it('is read for the case the question names: a late registration fee is not the waiver for registering on time', async () => {
    const late = await ask('khai sinh tre qua han thi phi bao nhieu');
    expect(late.refused).toBe(true);
    expect(late.notices).toContain('not confirmed: fee');
    const usual = await ask('le phi khai sinh bn');
    expect(usual.refused).toBe(false);
  });

  it('is answered when another asked part is confirmed, the unconfirmed part saying so itself', async () => {
    const r = await ask('lam lltp het bn tien, bao lau co ket qua');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('200.000');
    expect(r.answer).toContain('Chưa xác nhận');
  });

  it('is answered when the question only asks whether there is a fee', async () => {
    const r = await ask('đăng ký hộ kinh doanh có mất phí không');
    expect(r.refused).toBe(false);
  });

  it('gets the English frame for an English question', async () => {
    const r = await ask('How long does it take to get a land use certificate for the first time?');
    expect(r.refused).toBe(true);
    expect(r.answer.split('\n')[0]).toMatch(/^Sorry, my sources do not confirm the processing time/);
  });
});

describe('a money matter the sheet does not state', () => {
  it('is refused when the chosen sheet never speaks of a fine', async () => {
    const r = await ask('cho bà hỏi tiền phạt xây nhà không phép bây giờ là bao nhiêu');
    expect(r.refused).toBe(true);
    expect(r.notices).toContain('not in the sheet: fine');
    expect(r.answer).toContain('Cấp giấy phép xây dựng nhà ở riêng lẻ');
  });

  it('is refused when it is a support payment and the sheet is about a permit', async () => {
    const r = await ask('Đồng Nai có hỗ trợ tiền cho hộ nghèo xây nhà không, bao nhiêu một căn?');
    expect(r.refused).toBe(true);
    expect(r.notices).toContain('not in the sheet: support');
  });

  it('is refused when the sheet names a fine but says its amount is not confirmed', async () => {
    const r = await ask('không sang tên xe máy thì bị phạt bao nhiêu');
    expect(r.refused).toBe(true);
    expect(r.notices).toContain('not confirmed: fine');
    expect(r.answer).toContain('Nghị định 168/2024/NĐ-CP');
  });

  it('is refused when a price per square metre is asked of a sheet that names the levy without an amount', async () => {
    const r = await ask('làm sổ đỏ lần đầu thì tiền sử dụng đất tính bao nhiêu một mét vuông');
    expect(r.refused).toBe(true);
    expect(r.notices).toEqual(expect.arrayContaining(['not confirmed: landLevy', 'not in the sheet: price']));
  });

  it('is answered when the sheet says there is no fine for it', async () => {
    const r = await ask('khai sinh muộn bị phạt bao nhiêu');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('không bị phạt');
  });

  it('is answered when the sheet states the fine with its amount', async () => {
    const r = await ask('mua đất mà quá 30 ngày chưa đăng ký sang tên sổ đỏ thì bị phạt bao nhiêu');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('2.000.000');
  });
});

describe('a paper pointed at but never named', () => {
  it('is asked back when there is no earlier turn', async () => {
    const r = await ask('cai giay do lam o dau vay ad');
    expect(r.refused).toBe(true);
    expect(r.refusalKind).toBe('clarify');
    expect(r.notices).toContain('refused: which-procedure');
  });

  it('is not read into "giấy do UBND cấp" (issued by)', async () => {
    const r = await ask('giay to do ubnd xa cap co gia tri bao lau');
    expect(r.notices).not.toContain('paper pointed at, not named');
  });

  it("is the earlier turn's paper in a conversation", async () => {
    const r = await ask('cái giấy đó làm ở đâu', [
      { question: 'đăng ký khai sinh cần giấy tờ gì', topicDocumentId: 'procedures/dang-ky-khai-sinh' },
    ]);
    expect(r.notices).not.toContain('paper pointed at, not named');
    expect(r.topicDocumentId).toBe('procedures/dang-ky-khai-sinh');
  });
});

describe('the refusal wording', () => {
  it('names unconfirmed facts of the procedure and unheld ones beside the nearest procedure', () => {
    expect(notConfirmedLead('Đăng ký khai sinh', ['mức lệ phí'], [])).toEqual({
      lead: 'Nguồn của tôi chưa xác nhận mức lệ phí của thủ tục Đăng ký khai sinh.',
      note: null,
    });
    expect(notConfirmedLead('Cấp giấy phép xây dựng', [], ['mức phạt']).note).toBe(
      'Tài liệu gần nhất tôi có là thủ tục Cấp giấy phép xây dựng; tài liệu này không nêu mức phạt bạn hỏi.',
    );
  });

  it('maps every refusal reason onto one of the three kinds', () => {
    expect(refusalKindOf('other-place')).toBe('scope');
    expect(refusalKindOf('which-procedure')).toBe('clarify');
    expect(refusalKindOf('missing-figure')).toBe('not-in-sources');
  });
});
