import { describe, expect, it } from 'vitest';
import { CLOSING_HEADING, extractHeader, formatIssuer, separateClosing } from './boilerplate.ts';

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
      identity: [],
    });
    expect(extractHeader(lines('Người dân nộp hồ sơ tại bộ phận một cửa.'))).toEqual({
      inferred: {},
      bodyStart: 0,
      identity: [],
    });
  });

  it("shortens people's committees to UBND and keeps other issuers as printed", () => {
    expect(formatIssuer('ỦY BAN NHÂN DÂN THÀNH PHỐ BIÊN HÒA')).toBe('UBND thành phố Biên Hòa');
    expect(formatIssuer('SỞ TƯ PHÁP')).toBe('SỞ TƯ PHÁP');
  });
});

describe('the closing section', () => {
  it('moves a signature that comes before the recipient list out of the body, and resumes the body after both', () => {
    const { body, closing } = separateClosing(
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
    expect(body.map((l) => l.text)).toEqual(['Nội dung cuối./.', 'PHỤ LỤC', 'Danh mục kèm theo.']);
    expect(closing.map((b) => [b.kind, b.text])).toEqual([
      ['heading', CLOSING_HEADING],
      ['paragraph', 'KT. CHỦ TỊCH'],
      ['paragraph', 'PHÓ CHỦ TỊCH'],
      ['paragraph', 'Trần Văn Bình'],
      ['paragraph', 'Nơi nhận:'],
      ['bullet', '- Như trên;'],
      ['bullet', '- Lưu: VT.'],
    ]);
  });

  it("keeps the plan's closing sentence, recipients and signer together, with a wrapped signer line rejoined", () => {
    const { body, closing } = separateClosing(
      lines(
        '- Thu đúng, thu đủ thuế các nền tảng số.',
        'Trên đây là Kế hoạch chuyển',
        'đổi số tỉnh Đồng Nai năm 2024, đề nghị các đơn vị tổ chức',
        'thực hiện./.',
        'Nơi nhận:',
        '- Bộ Thông tin và Truyền thông;',
        '- Lưu: VT, HCC.',
        '|',
        'TM. ỦY BAN NHÂN',
        'DÂN',
        'Q. CHỦ TỊCH',
        'Võ Tấn Đức',
        '|',
      ),
    );
    expect(body.map((l) => l.text)).toEqual(['- Thu đúng, thu đủ thuế các nền tảng số.']);
    expect(closing.map((b) => b.text)).toEqual([
      CLOSING_HEADING,
      'Trên đây là Kế hoạch chuyển đổi số tỉnh Đồng Nai năm 2024, đề nghị các đơn vị tổ chức thực hiện./.',
      'Nơi nhận:',
      '- Bộ Thông tin và Truyền thông;',
      '- Lưu: VT, HCC.',
      'TM. ỦY BAN NHÂN DÂN',
      'Q. CHỦ TỊCH',
      'Võ Tấn Đức',
    ]);
    expect(closing[0]).toMatchObject({ kind: 'heading', rank: 0 });
  });

  it('leaves a "Trên đây" paragraph in the body when a numbered heading stands between it and the signature', () => {
    const { body } = separateClosing(
      lines('Trên đây là phần mở đầu.', '2. Nội dung', 'Thực hiện ngay.', 'TM. ỦY BAN NHÂN DÂN', 'Nguyễn Văn A'),
    );
    expect(body.map((l) => l.text)).toEqual(['Trên đây là phần mở đầu.', '2. Nội dung', 'Thực hiện ngay.']);
  });

  it("opens the closing section with the header's number and place-and-date lines, the date rejoined", () => {
    const all = lines(
      'ỦY BAN NHÂN DÂN',
      'TỈNH ĐỒNG NAI',
      'Số: 53/KH-UBND',
      'Đồng Nai, ngày 15',
      'tháng 02 năm 2024',
      'KẾ HOẠCH',
      'CHUYỂN ĐỔI SỐ',
      'I. MỤC TIÊU',
      'Nơi nhận:',
      '- Lưu: VT.',
    );
    const header = extractHeader(all);
    const { closing } = separateClosing(all.slice(header.bodyStart), header.identity);
    expect(closing.map((b) => b.text)).toEqual([
      CLOSING_HEADING,
      'Số: 53/KH-UBND',
      'Đồng Nai, ngày 15 tháng 02 năm 2024',
      'Nơi nhận:',
      '- Lưu: VT.',
    ]);
  });

  it('gives a document without recipients or signature no closing section, not even its number', () => {
    const identity = lines('Số: 12/KH-UBND');
    expect(separateClosing(lines('Nội dung.', '- Một ý.'), identity).closing).toEqual([]);
  });
});
