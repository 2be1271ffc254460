import { describe, expect, it } from 'vitest';
import { mentionedTerms, withPlanBodyAliases } from './plan-questions.ts';

describe('plan bodies named by an alias', () => {
  it('sets the heading words right after the alias, where the question says it', () => {
    expect(withPlanBodyAliases('kh 53 giao doan thanh nien lam gi con dai truyen hinh thi sao')).toBe(
      'kh 53 giao doan thanh nien | doan tncs | lam gi con dai truyen hinh | dai phat thanh va truyen hinh | thi sao',
    );
  });

  it('reads "tỉnh đoàn" and "Đoàn TN" as the youth union', () => {
    expect(withPlanBodyAliases('tinh doan co nhiem vu gi')).toContain('| doan tncs |');
    expect(withPlanBodyAliases('doan tn lam gi')).toContain('| doan tncs |');
  });

  it('leaves a question naming no body by an alias unchanged', () => {
    expect(withPlanBodyAliases('so y te co nhiem vu gi')).toBe('so y te co nhiem vu gi');
  });
});

describe('"does the plan mention X"', () => {
  it('reads the places asked about, split at "hay", up to "ở nội dung nào không"', () => {
    expect(mentionedTerms('ke hoach 53 co nhac toi bien hoa hay long khanh o noi dung nao khong')).toEqual([
      'bien hoa',
      'long khanh',
    ]);
  });

  it('reads "nói gì về X", "đề cập đến X" and "có nội dung về X"', () => {
    expect(mentionedTerms('kh 53 co noi gi ve google khong')).toEqual(['google']);
    expect(mentionedTerms('ke hoach co de cap den tri tue nhan tao khong')).toEqual(['tri tue nhan tao']);
    expect(mentionedTerms('co noi dung ve wifi mien phi trong ke hoach khong')).toEqual(['wifi mien phi']);
  });

  it('finds no term in a question that asks no such thing', () => {
    expect(mentionedTerms('so y te co nhiem vu gi')).toEqual([]);
    expect(mentionedTerms('co nhac toi khong')).toEqual([]);
  });
});
