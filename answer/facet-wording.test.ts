/**
 * Every part a person asks is read, however it is phrased (dialect, chat spelling, voice-to-text), and each part
 * gets its answer: a part the sheet does not confirm is said to be unconfirmed beside the parts it does confirm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from './index.ts';
import { readFrame } from './frame.ts';
import { readIntent } from './intent.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';
import { sentenceKind } from './unconfirmed.ts';

const fields = (q: string) => readFrame(q).intent.fields;

describe('where, asked in everyday wording', () => {
  it('reads "ra đâu làm dzậy" and "xuống đâu nộp" as where to file', () => {
    expect(fields('làm định danh mức 2 thì ra đâu làm dzậy')).toContain('agency');
    expect(fields('khai tu xuong dau nop vay')).toContain('whereToFile');
  });

  it('reads a choice between two offices as which agency ("lên sở gtvt hay công an")', () => {
    expect(fields('đổi gplx giờ lên sở gtvt hay công an')).toEqual(['agency', 'whereToFile']);
    expect(fields('cap lai cccd ra phuong hay len cong an tinh')).toContain('agency');
  });

  it('does not read "sổ đỏ hay sổ hồng" as a choice of offices', () => {
    expect(fields('làm sổ đỏ hay sổ hồng mất bao nhiêu ngày')).not.toContain('agency');
  });

  it('reads whether one may file at a named place as where ("làm ở Long Khánh được không hay phải lên Biên Hòa")', () => {
    expect(fields('mat bang lai xe may lam lai o long khanh dc ko hay phai len bien hoa')).toContain('whereToFile');
    expect(fields('khai sinh cho con có phải về quê Xuân Lộc làm không')).toContain('agency');
  });

  it('does not read a place told in the story as where ("tôi ở Biên Hòa")', () => {
    expect(fields('tôi ở Biên Hòa, làm khai sinh cho con được không')).toEqual([]);
  });
});

describe('speed, fee and papers, asked in chat wording', () => {
  it('reads "lấy liền đc ko", "mấy bữa có", "làm trong ngày" as the time limit', () => {
    expect(fields('chứng thực chữ ký lấy liền đc ko')).toContain('timeLimit');
    expect(readIntent('sao y học bạ mấy bữa có')).toMatchObject({ fields: ['timeLimit'], wants: 'duration' });
    expect(fields('trich luc khai sinh lam trong ngay duoc khong')).toContain('timeLimit');
  });

  it('reads "mất bn", "hết nhiu", "có mất phí không" as the fee, but "mất bao nhiêu ngày" as time', () => {
    expect(readIntent('khai sinh mất bn')).toMatchObject({ fields: ['fee'], wants: 'money' });
    expect(fields('doi gplx het nhiu')).toContain('fee');
    expect(fields('dk tam tru co mat phi ko')).toContain('fee');
    expect(readIntent('cấp sổ đỏ mất bao nhiêu ngày').fields).toEqual(['timeLimit']);
  });

  it('reads "đem theo giấy gì", "cầm theo gì" as the documents', () => {
    expect(fields('làm vneid mức 2 cần đem theo gì')).toContain('documents');
    expect(fields('lam can cuoc cam theo gi')).toContain('documents');
  });
});

describe('a part asking whether one may apply, beside another part', () => {
  it('asks the conditions field ("can a foreigner … get …? how long does it take")', () => {
    const q = 'can a foreigner working in Nhon Trach get a criminal record certificate here? how long does it take';
    expect(fields(q)).toEqual(['timeLimit', 'conditions']);
    expect(fields('người nước ngoài có xin được lý lịch tư pháp không, mất bao lâu')).toContain('conditions');
  });

  it('does not when the part asks a delivery or stands alone', () => {
    expect(fields('làm lại căn cước hết bao nhiêu tiền, có gửi về nhà được không')).not.toContain('conditions');
    expect(fields('con 15 tuổi có tự xin lý lịch tư pháp được không')).not.toContain('conditions');
  });
});

describe('a sheet sentence saying its sources are silent', () => {
  it('reads as unconfirmed ("Nguồn đã kiểm tra không nêu lệ phí")', () => {
    expect(sentenceKind('Nguồn đã kiểm tra không nêu lệ phí; hỏi Công an cấp xã hoặc Tổng đài 1022.')).toBe(
      'unconfirmed',
    );
    expect(sentenceKind('Giấy ủy quyền không nêu thời hạn thì có giá trị một năm.')).toBe('content');
  });
});

describe('answers', () => {
  let t: TestKnowledge;
  beforeAll(async () => {
    t = await buildTestKnowledge();
  }, 120_000);
  afterAll(async () => t.cleanup());
  const ask = (q: string) => answer(q, { kb: t.kb, asOf: '2026-11-29' });

  it('answer both where and what to bring', async () => {
    const r = await ask('mình ơi làm định danh mức 2 thì ra đâu làm dzậy, cần đem theo giấy gì');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('Công an cấp xã');
    expect(r.answer).toContain('CCCD gắn chip');
  });

  it('answer the fee and whether it is ready the same day', async () => {
    const r = await ask('chứng thực chữ ký giấy ủy quyền ở phường bao nhiu tiền, lấy liền đc ko');
    expect(r.answer).toContain('10.000 đồng');
    expect(r.answer).toContain('trong ngày');
  });

  it('answer the confirmed part and quote the unconfirmed one ("can a foreigner … how long")', async () => {
    const r = await ask(
      'can a foreigner working in Nhon Trach get a criminal record certificate here? how long does it take',
    );
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('Chưa xác nhận được thời hạn');
    expect(r.answer).toContain('Người từ đủ 16 tuổi');
  });

  it('refuse when every asked part is unconfirmed, quoting the sheet ("mất phí ko, bao lâu thì có")', async () => {
    const r = await ask('dk vneid muc 2 mat phi ko, bao lau thi co tai khoan');
    expect(r.refused).toBe(true);
    expect(r.notices).toEqual(expect.arrayContaining(['not confirmed: timeLimit', 'not confirmed: fee']));
    expect(r.answer).toContain('không nêu lệ phí');
    expect(r.answer).toContain('1022');
  });

  it('refuse a late fee said as "trễ hạn" that the sheet leaves to the council, quoting it', async () => {
    const r = await ask('lệ phí khai sinh trễ hạn ở đồng nai là bao nhiêu tiền, con em 5 tháng rồi mới đi làm');
    expect(r.refused).toBe(true);
    expect(r.answer).toContain('do HĐND Thành phố Đồng Nai quy định');
  });

  it('answer a waiver asked of a sheet whose note states it, though its fee field does not know', async () => {
    const r = await ask('có vneid mức 2 thì đợt này được miễn lệ phí gì không');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('miễn một số lệ phí');
  });
});
