import { describe, expect, it } from 'vitest';
import { extractHeader, formatIssuer, stripBoilerplate } from './boilerplate.ts';

const lines = (...ls: string[]) => ls.map((text) => ({ text, page: null }));

describe('official header', () => {
  it('recognises kinds whose last letter is accented (THÔNG TƯ) as legal texts', () => {
    const head = lines(
      'BỘ TÀI CHÍNH',
      'Số: 64/2025/TT-BTC',
      'Hà Nội, ngày 30 tháng 6 năm 2025',
      'THÔNG TƯ',
      'Quy định mức thu lệ phí',
      'Điều 1. Phạm vi',
    );
    const { inferred, bodyStart } = extractHeader(head);
    expect(inferred).toEqual({
      type: 'legal',
      number: '64/2025/TT-BTC',
      issuer: 'BỘ TÀI CHÍNH',
      issueDate: '2025-06-30',
      title: 'THÔNG TƯ Quy định mức thu lệ phí',
    });
    expect(bodyStart).toBe(5);
  });

  it('stops the title before the body starts with "Căn cứ"', () => {
    const head = lines(
      'ỦY BAN NHÂN DÂN',
      'HUYỆN TRẢNG BOM',
      'Số: 9/QĐ-UBND',
      'QUYẾT ĐỊNH',
      'Căn cứ Luật Tổ chức chính quyền địa phương;',
    );
    expect(extractHeader(head).inferred).toMatchObject({
      title: 'QUYẾT ĐỊNH',
      issuer: 'UBND huyện Trảng Bom',
      type: 'legal',
    });
  });

  it('finds nothing in a text without a header, except an uppercase first line as title', () => {
    expect(extractHeader(lines('HƯỚNG DẪN NỘP HỒ SƠ', 'Người dân nộp hồ sơ tại bộ phận một cửa.'))).toEqual({
      inferred: { title: 'HƯỚNG DẪN NỘP HỒ SƠ' },
      bodyStart: 0,
    });
    expect(extractHeader(lines('Người dân nộp hồ sơ tại bộ phận một cửa.'))).toEqual({ inferred: {}, bodyStart: 0 });
  });

  it("shortens people's committees to UBND and keeps other issuers as printed", () => {
    expect(formatIssuer('ỦY BAN NHÂN DÂN THÀNH PHỐ BIÊN HÒA')).toBe('UBND thành phố Biên Hòa');
    expect(formatIssuer('SỞ TƯ PHÁP')).toBe('SỞ TƯ PHÁP');
  });
});

describe('stripBoilerplate', () => {
  it('drops a signature block that comes before the recipient list, and resumes the body after both', () => {
    const out = stripBoilerplate(
      lines(
        'Nội dung cuối./.',
        'KT. CHỦ TỊCH',
        'PHÓ CHỦ TỊCH',
        '(Đã ký)',
        'Trần Văn Bình',
        'Nơi nhận:',
        '- Như trên;',
        '- Lưu: VT.',
        'PHỤ LỤC',
        'Danh mục kèm theo.',
      ),
    );
    expect(out.map((l) => l.text)).toEqual(['Nội dung cuối./.', 'PHỤ LỤC', 'Danh mục kèm theo.']);
  });
});
