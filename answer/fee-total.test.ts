import { describe, expect, it } from 'vitest';
import type { Chunk, DatedVariant } from '../knowledge/index.ts';
import { draftProcedureAnswer } from './compose-procedure.ts';
import { feeDayFacts, reliefVerdict } from './fee-day.ts';
import { feeTotal, ratesIn, statedCounts } from './fee-total.ts';
import { readIntent } from './intent.ts';
import { sheetFixture } from './test-support.ts';

const folded = (q: string) => readIntent(q).folded;

const COPY = [
  '2.000đ/trang cho trang thứ nhất và thứ hai.',
  'Từ trang thứ ba trở đi 1.000đ/trang.',
  'Tối đa 200.000đ/bản; số trang tính theo bản chính.',
];
const RECORD = [
  '200.000đ/lần yêu cầu.',
  '100.000đ/lần với học sinh, sinh viên.',
  'Từ phiếu thứ 3 trở đi trong cùng một lần yêu cầu, thêm 5.000đ/phiếu.',
];

describe('the total a count comes to', () => {
  it('adds page tiers and says it per copy', () => {
    expect(feeTotal(COPY, folded('sao y học bạ 10 trang hết bao nhiêu tiền'))?.text).toBe(
      '10 trang: 2 × 2.000đ + 8 × 1.000đ = 12.000đ/bản.',
    );
  });

  it('stops at the cap per copy, and multiplies by the copies asked', () => {
    expect(feeTotal(COPY, folded('chứng thực 300 trang bao nhiêu'))?.text).toContain('tính 200.000đ/bản');
    expect(feeTotal(COPY, folded('sao y 5 trang, 3 bản hết bao nhiêu'))?.text).toBe(
      '5 trang: 2 × 2.000đ + 3 × 1.000đ = 7.000đ/bản; 3 bản: 3 × 7.000đ = 21.000đ.',
    );
  });

  it('adds a surcharge from the third copy to each per-request fee', () => {
    expect(feeTotal(RECORD, folded('xin 4 bản thì tính sao'))?.text).toBe(
      '4 bản: 200.000đ + 2 × 5.000đ = 210.000đ; với học sinh, sinh viên: 100.000đ + 2 × 5.000đ = 110.000đ.',
    );
  });

  it('counts "thêm 2 bản" on top of the one copy', () => {
    expect(statedCounts(folded('xin thêm 2 bản'))).toEqual([{ unit: 'ban', count: 3, shown: 'bản' }]);
  });

  it('says nothing when two rates are alternatives for the same count', () => {
    const lines = ['Đăng ký theo danh sách nộp trực tiếp 10.000đ/người, nộp trực tuyến 5.000đ/người.'];
    expect(feeTotal(lines, folded('đăng ký tạm trú cho 5 người hết bao nhiêu'))).toBeNull();
  });

  it('never uses a rate the sheet marks unconfirmed', () => {
    const lines = ['Khoảng 2.000đ/trang (mức này chưa được xác nhận).'];
    expect(ratesIn(lines)).toBeNull();
    expect(feeTotal(lines, folded('sao y 10 trang bao nhiêu'))).toBeNull();
  });

  it('says nothing when the question states no count', () => {
    expect(feeTotal(COPY, folded('sao y hết bao nhiêu tiền'))).toBeNull();
  });
});

const variant = (value: string, from: string | null, to: string | null, condition: string | null = null) =>
  ({ value, validFrom: from, validTo: to, condition, legalBasis: null }) as DatedVariant;

const CARD: DatedVariant[] = [
  variant(
    'Giảm 50% lệ phí từ 01/7/2025 đến hết 31/12/2026.\nCấp lại thẻ căn cước 35.000đ/thẻ.',
    '2025-07-01',
    '2026-12-31',
  ),
  variant(
    'Miễn lệ phí cấp lại từ 15/8/2026 đến hết 28/02/2027.',
    '2026-08-15',
    '2027-02-28',
    'có tài khoản VNeID mức 2',
  ),
  variant('Hết thời gian giảm 50%, áp dụng lại mức thu gốc.\nCấp lại thẻ căn cước 70.000đ/thẻ.', '2027-01-01', null),
];

describe('whether a relief still holds on the day meant', () => {
  const q = folded('làm lại căn cước còn được giảm 50% nữa không');

  it('is "Không" on a day after the relief ends, by the dates of the line that grants it', () => {
    expect(reliefVerdict(CARD, q, '2027-01-01')?.text).toBe(
      'Không. Giảm 50% lệ phí từ 01/7/2025 đến hết 31/12/2026 — ngày 01/1/2027 không còn áp dụng.',
    );
  });

  it('is "Có" on a day within it', () => {
    expect(reliefVerdict(CARD, q, '2026-11-29')?.text).toMatch(/^Có\. Giảm 50%/);
  });

  it('says nothing for a waiver only some people have, while it holds', () => {
    expect(reliefVerdict(CARD, folded('còn được miễn lệ phí không'), '2026-11-29')).toBeNull();
  });

  it('says nothing when the question asks no relief', () => {
    expect(reliefVerdict(CARD, folded('làm lại căn cước bao nhiêu'), '2027-01-01')).toBeNull();
  });
});

describe('the fee lines that open a money answer', () => {
  const { sheet, chunk } = sheetFixture('the-x', 'Cấp thẻ X');
  const fee: Chunk = {
    ...chunk('fee', `Phí, lệ phí:\n${CARD.map((v) => v.value).join('\n')}`, 'f'),
    variants: CARD,
  };

  it('state the verdict for the day and cite the line it reads', () => {
    const facts = feeDayFacts(sheet, [fee], folded('còn được giảm 50% nữa không'), '2027-01-01');
    expect(facts[0]?.text).toMatch(/^Không\./);
    expect(facts[0]?.sources[0]?.used).toEqual(['Giảm 50% lệ phí từ 01/7/2025 đến hết 31/12/2026.']);
  });

  it('are none when the sheet has no fee field', () => {
    expect(feeDayFacts(sheet, [], folded('còn được giảm 50% nữa không'), '2027-01-01')).toEqual([]);
  });
});

describe('a procedure answer for a day the question names', () => {
  const { sheet, chunk } = sheetFixture('the-y', 'Cấp thẻ Y');
  const fee: Chunk = {
    ...chunk('fee', `Phí, lệ phí:\n${CARD.map((v) => v.value).join('\n')}`, 'f'),
    variants: CARD,
  };

  it('states the fee in force on that day, not today', () => {
    const q = folded('đầu tháng 1/2027 làm lại căn cước lệ phí bao nhiêu');
    const r = draftProcedureAnswer(sheet, [fee], ['fee'], '2026-11-29', ['cấp lại'], q);
    const text = r.draft.facts.map((f) => f.text).join('\n');
    expect(text).toContain('70.000đ');
    expect(text).not.toContain('35.000đ');
    expect(r.draft.lead).toContain('áp dụng ngày 01/1/2027');
  });

  it('states today’s fee when the question names no day', () => {
    const r = draftProcedureAnswer(
      sheet,
      [fee],
      ['fee'],
      '2026-11-29',
      ['cấp lại'],
      folded('làm lại lệ phí bao nhiêu'),
    );
    expect(r.draft.facts[0]?.text).toContain('35.000đ');
  });
});

describe('the per-request fee a total starts from', () => {
  it('is the one of the case the question names, with the surcharge still read', () => {
    const student = new Set(['100.000đ/lần với học sinh, sinh viên.']);
    expect(feeTotal(RECORD, folded('em là sinh viên xin 4 bản'), student)?.text).toBe(
      '4 bản: 100.000đ + 2 × 5.000đ = 110.000đ.',
    );
  });
});

describe('a rule that starts between today and the day asked', () => {
  it('is said with its first day, and the usual rule comes first', () => {
    const { sheet, chunk } = sheetFixture('the-z', 'Cấp thẻ Z');
    const fee: Chunk = { ...chunk('fee', `Phí, lệ phí:\n${CARD.map((v) => v.value).join('\n')}`, 'f'), variants: CARD };
    const q = folded('năm sau làm lại lệ phí bao nhiêu');
    const r = draftProcedureAnswer(sheet, [fee], ['fee'], '2026-11-29', ['cấp lại'], q);
    expect(r.draft.facts[0]?.text).toMatch(/^Phí, lệ phí:\n- Từ 01\/1\/2027: Hết thời gian giảm 50%.*70\.000đ/);
  });
});
