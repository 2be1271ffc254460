import { describe, expect, it } from 'vitest';
import { pointsAtSection, sectionKeysInQuestion, sectionKeysOfPath } from './section-reference.ts';

const II_2_2 = ['II. MỤC TIÊU', '2. Mục tiêu cụ thể', '2.2. Chính quyền số'];
const V_7_12 = ['V. TỔ CHỨC THỰC HIỆN', '7. Nhiệm vụ trọng tâm của các sở, ban, ngành', '7.12. Thanh tra tỉnh'];

describe('section pointing', () => {
  it.each([
    ['mục II.2.2 của kế hoạch 53 đặt chỉ tiêu gì', ['ii.2.2']],
    ['muc ii 2 2 cua ke hoach', ['ii.2.2']],
    ['phần V giao Sở Tài chính việc gì', ['v']],
    ['điểm 7.12 phần tổ chức thực hiện', ['7.12']],
    ['mục III.4 kể tên CSDL nào', ['iii.4']],
    ['chương II của luật', ['chuong.ii']],
    ['Điều 4 Thông tư 73/2024/TT-BTC', ['dieu.4']],
  ])('reads "%s" as the section keys %j', (question, keys) => {
    expect(sectionKeysInQuestion(question)).toEqual(keys);
  });

  it('reads khoản only together with one article, never as an amount of money', () => {
    expect(sectionKeysInQuestion('khoản 2 Điều 4 quy định gì')).toEqual(['dieu.4', 'dieu.4.2']);
    expect(sectionKeysInQuestion('nộp khoản 2 triệu hay khoản 20%')).toEqual([]);
    expect(sectionKeysInQuestion('khoản 2 nói gì')).toEqual([]);
  });

  it('does not take "mục tiêu" or a year after a section number for a section', () => {
    expect(sectionKeysInQuestion('mục tiêu năm 2024 là gì')).toEqual([]);
    expect(sectionKeysInQuestion('mục 2 2024')).toEqual(['2']);
  });

  it('gives a heading path every key it answers to, through its roman section or its article', () => {
    expect(sectionKeysOfPath(II_2_2)).toEqual(['ii', '2', 'ii.2', '2.2', 'ii.2.2']);
    expect(sectionKeysOfPath(['Chương II', 'Điều 4. Mức thu', '2. Cấp đổi'])).toEqual([
      'chuong.ii',
      'dieu.4',
      '2',
      'chuong.ii.2',
      'dieu.4.2',
    ]);
    expect(sectionKeysOfPath(['Đăng ký khai sinh', 'Thành phần hồ sơ'])).toEqual([]);
  });

  it('points at a section only when every key the question asks for is one of the path', () => {
    expect(pointsAtSection('điểm 7.12 phần V', V_7_12)).toBe(true);
    expect(pointsAtSection('điểm 7.12 phần V', II_2_2)).toBe(false);
    expect(pointsAtSection('phần V', ['V. TỔ CHỨC THỰC HIỆN', '5. Sở Tài chính'])).toBe(true);
    expect(pointsAtSection('Sở Y tế làm gì', V_7_12)).toBe(false);
  });
});
