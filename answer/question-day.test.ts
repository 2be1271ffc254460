import { describe, expect, it } from 'vitest';
import { readIntent } from './intent.ts';
import { questionDay } from './question-day.ts';

const TODAY = '2026-11-29';
const dayOf = (q: string) => questionDay(readIntent(q).folded, TODAY)?.day ?? null;

describe('the day a question means', () => {
  it('is the first day of a month and year the question names', () => {
    expect(dayOf('Đầu tháng 1/2027 tui mới rảnh đi làm lại căn cước')).toBe('2027-01-01');
    expect(dayOf('tháng 3/2027 làm lại căn cước hết bao nhiêu')).toBe('2027-03-01');
  });

  it('is the day itself when the question gives day, month and year', () => {
    expect(dayOf('ngày 15/3/2027 làm được không')).toBe('2027-03-15');
  });

  it('reads "năm sau", "sang năm" and "tháng 3 năm sau" from today', () => {
    expect(dayOf('sang năm làm lại căn cước bao nhiêu')).toBe('2027-01-01');
    expect(dayOf('tính cưới tháng 3 năm sau thì lệ phí bao nhiêu')).toBe('2027-03-01');
    expect(dayOf('3 tháng nữa tui mới đi làm')).toBe('2027-02-28');
  });

  it('takes a month without a year as the next one ahead, and the end of a month or year when said', () => {
    expect(dayOf('tháng 2 tui đi làm lại căn cước')).toBe('2027-02-01');
    expect(dayOf('cuối tháng 12 làm có được giảm không')).toBe('2026-12-31');
    expect(dayOf('cuối năm nay làm thì sao')).toBe('2026-12-31');
  });

  it('reads an English month or year after next/in', () => {
    expect(questionDay('fee next january', TODAY)?.day).toBe('2027-01-01');
    expect(questionDay('what is the fee in 2027', TODAY)?.day).toBe('2027-01-01');
  });

  it('is today when the question names no day, today, or a document number with a year', () => {
    expect(dayOf('làm lại căn cước bao nhiêu tiền')).toBeNull();
    expect(dayOf('năm 2026 phí bao nhiêu')).toBeNull();
    expect(dayOf('theo thông tư 64/2025/TT-BTC thì giảm bao nhiêu')).toBeNull();
    expect(dayOf('khai sinh 60 ngày sau khi sinh có bị phạt không')).toBeNull();
  });

  it('takes a past day only when asked as such, not from the story', () => {
    expect(dayOf('hồi tháng 6/2026 tui làm lại căn cước hết bao nhiêu')).toBe('2026-06-01');
    expect(dayOf('con sinh hồi tháng 6/2026, giờ làm khai sinh có mất tiền không')).toBeNull();
    expect(dayOf('tháng 10 vừa rồi công ty cắt giảm, giờ nộp hồ sơ ở đâu')).toBeNull();
  });

  it('does not read "cưới" (wedding) as the end of a month', () => {
    expect(dayOf('tính cưới tháng 3/2027')).toBe('2027-03-01');
  });
});
