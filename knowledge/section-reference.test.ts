import { describe, expect, it } from 'vitest';
import {
  documentKeysInQuestion,
  documentKeysOfTitle,
  pointsAtSection,
  sectionKeysInQuestion,
  sectionKeysOfChunk,
  sectionKeysOfPath,
} from './section-reference.ts';

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

  it('reads a điểm only with one khoản of one article', () => {
    expect(sectionKeysInQuestion('điểm a khoản 2 Điều 5 nói gì')).toEqual(['dieu.5', 'dieu.5.2', 'dieu.5.2.a']);
    expect(sectionKeysInQuestion('diem b khoan 1 dieu 7')).toEqual(['dieu.7', 'dieu.7.1', 'dieu.7.1.b']);
    expect(sectionKeysInQuestion('điểm a Điều 5')).toEqual(['dieu.5']);
  });

  it('gives an article chunk the khoản and điểm its text holds, so the chunk holding khoản 3 answers "khoản 3"', () => {
    const path = ['Chương II', 'Điều 7. Điều kiện'];
    const text = [
      '1. Công dân có chỗ ở hợp pháp.',
      '2. Được chủ hộ đồng ý:',
      'a) Vợ về ở với chồng;',
      'b) Con về ở với cha.',
    ];
    expect(sectionKeysOfChunk(path, text)).toEqual([
      'chuong.ii',
      'dieu.7',
      'dieu.7.1',
      'dieu.7.2',
      'dieu.7.2.a',
      'dieu.7.2.b',
    ]);
    expect(sectionKeysOfPath(['ĐIỀU 3: Hiệu lực'])).toEqual(['dieu.3']);
    // A plan's numbered lines under a roman section are not khoản.
    expect(sectionKeysOfChunk(['II. MỤC TIÊU'], ['1. Mục tiêu chung'])).toEqual(['ii']);
  });

  it('answers "khoản 2 Điều 4" with the article when its khoản are content, not headings', () => {
    expect(pointsAtSection('khoản 2 Điều 4 quy định gì', ['Chương I', 'Điều 4. Mức thu'])).toBe(true);
    expect(pointsAtSection('khoản 2 Điều 4 quy định gì', ['Chương I', 'Điều 4. Mức thu', '1. Cấp mới'])).toBe(false);
    expect(pointsAtSection('khoản 2 Điều 4 quy định gì', ['Chương I', 'Điều 5. Miễn thu'])).toBe(false);
  });
});

describe('document pointing', () => {
  it.each([
    ['NGHỊ ĐỊNH VỀ BẢO VỆ DỮ LIỆU CÁ NHÂN (13/2025/NĐ-CP)', ['doc.nghidinh.13']],
    ['LUẬT CƯ TRÚ (27/2024/QH15)', ['doc.luat.27', 'luat.cu tru']],
    ['BỘ LUẬT LAO ĐỘNG', ['luat.lao dong']],
    ['Quy định chi tiết (17/2025/TT-BCA)', ['doc.thongtu.17']],
    ['Đăng ký tạm trú (1.004222)', []],
  ])('gives the title "%s" the keys %j', (title, keys) => {
    expect(documentKeysOfTitle(title)).toEqual(keys);
  });

  it('reads a kind and a number in a question, written out or shortened', () => {
    expect(documentKeysInQuestion('Điều 11 nghị định 13 nói về gì')).toEqual(['doc.nghidinh.13']);
    expect(documentKeysInQuestion('nd13 xoa du lieu')).toEqual(['doc.nghidinh.13']);
    expect(documentKeysInQuestion('phạt theo thông tư số 17/2025/TT-BCA')).toEqual(['doc.thongtu.17']);
  });

  it('does not read an amount, a duration or an age after a kind as a document number', () => {
    expect(documentKeysInQuestion('nd 13 triệu')).toEqual([]);
    expect(documentKeysInQuestion('quyết định 3 tháng mới có')).toEqual([]);
  });

  it('offers every run of words after "luật" as a law name, so the one a title has meets it', () => {
    expect(documentKeysInQuestion('theo luat cu tru thi')).toEqual(['luat.cu', 'luat.cu tru', 'luat.cu tru thi']);
    expect(documentKeysInQuestion('luật bhxh')).toContain('luat.bao hiem xa hoi');
    expect(documentKeysOfTitle('LUẬT BẢO HIỂM XÃ HỘI')).toEqual(['luat.bao hiem xa hoi']);
  });
});
