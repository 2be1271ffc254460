import { describe, expect, it } from 'vitest';
import { extractHeader } from './boilerplate.ts';
import { chunkBlocks, documentText } from './chunker.ts';
import { isLegalText, legalBlocks } from './legal-structure.ts';
import { repairLines } from './line-repair.ts';
import type { Block } from './types.ts';

const para = (text: string): Block => ({ kind: 'paragraph', text, page: null });
const heading = (text: string, rank: number): Block => ({ kind: 'heading', text, page: null, rank });
const words = (n: number, w = 'chữ') => Array.from({ length: n }, () => w).join(' ');
const lines = (...ls: string[]) => ls.map((text) => ({ text, page: null }));

// Three articles: what makes a text legal.
const articles = (first: Block[]): Block[] => [
  ...first,
  heading('Điều 2. Đối tượng áp dụng', 5),
  para('Người lao động làm việc theo hợp đồng.'),
  heading('Điều 3. Hiệu lực thi hành', 5),
  para('Luật này có hiệu lực từ ngày 01 tháng 01 năm 2026.'),
];

describe('legal structure', () => {
  it('reads short unpunctuated khoản and điểm as the content of their article, not as headings', () => {
    const out = legalBlocks(
      articles([
        heading('Điều 1. Các chế độ bảo hiểm thất nghiệp', 5),
        heading('1. Trợ cấp thất nghiệp', 6),
        heading('2. Hỗ trợ học nghề', 6),
        heading('a) Học nghề ngắn hạn', 9),
      ]),
    );
    expect(out.slice(0, 4).map((b) => [b.kind, b.rank])).toEqual([
      ['heading', 5],
      ['paragraph', undefined],
      ['paragraph', undefined],
      ['paragraph', undefined],
    ]);
  });

  it('gives a chapter whose name is printed on the next line one heading holding both', () => {
    const out = legalBlocks(
      articles([heading('Chương II', 2), para('ĐĂNG KÝ THƯỜNG TRÚ'), heading('Điều 1. Điều kiện', 5)]),
    );
    expect(out[0]).toEqual(heading('Chương II ĐĂNG KÝ THƯỜNG TRÚ', 2));
    expect(out[1]!.text).toBe('Điều 1. Điều kiện');
  });

  it('gives an article whose title is printed under its number one heading holding both', () => {
    const out = legalBlocks(
      articles([para('Điều 1.'), para('Phạm vi điều chỉnh'), para('Luật này quy định về cư trú.')]),
    );
    expect(out.slice(0, 2)).toEqual([heading('Điều 1. Phạm vi điều chỉnh', 5), para('Luật này quy định về cư trú.')]);
  });

  it('ranks Markdown article headings below their section, whatever their number of #', () => {
    const out = legalBlocks(articles([heading('Mục 1. THAM GIA', 3), heading('Điều 1. Đối tượng tham gia', 3)]));
    expect(out.slice(0, 2).map((b) => b.rank)).toEqual([3, 5]);
  });

  it('makes bold article lines of a Word or web page headings', () => {
    const out = legalBlocks(articles([para('Điều 1. Phạm vi điều chỉnh'), para('Luật này quy định về cư trú.')]));
    expect(out[0]).toEqual(heading('Điều 1. Phạm vi điều chỉnh', 5));
  });

  it('reads "Điều 5:" and "ĐIỀU 5." as article openings, as portals and older texts print them', () => {
    const out = legalBlocks([
      para('Điều 1: Phạm vi'),
      para('ĐIỀU 2. Đối tượng'),
      para('Điều 3 . Hiệu lực'),
      para('Nội dung.'),
    ]);
    expect(out.map((b) => b.rank)).toEqual([5, 5, 5, undefined]);
  });

  it('leaves a plan that cites articles of a law exactly as it was', () => {
    const plan = [
      heading('I. CĂN CỨ', 4),
      para('Điều 5 của Luật Cư trú quy định quyền tự do cư trú.'),
      heading('1. Mục tiêu chung', 6),
      para('Điều 7 và Điều 9 của Luật được áp dụng.'),
    ];
    expect(isLegalText(plan)).toBe(false);
    expect(legalBlocks(plan)).toEqual(plan);
  });

  it('keeps the closing section out of the last article', () => {
    const out = legalBlocks([...articles([heading('Điều 1. Phạm vi', 5)]), heading('Nơi nhận và người ký', 0)]);
    expect(out.at(-1)).toEqual(heading('Nơi nhận và người ký', 0));
  });
});

describe('legal chunks', () => {
  const longArticle = articles([
    heading('Chương I QUY ĐỊNH CHUNG', 2),
    heading('Điều 1. Hồ sơ', 5),
    para(`1. ${words(120)}.`),
    para(`2. Hồ sơ gồm ${words(20)}:`),
    para(`a) ${words(30, 'điểm')};`),
    para(`b) ${words(30, 'điểm')};`),
    para(`c) ${words(30, 'điểm')}.`),
  ]);

  it('keeps a khoản together with its điểm in one chunk, under the article and its chapter', () => {
    const chunks = chunkBlocks('luat', longArticle);
    const second = chunks.find((c) => c.text.includes('2. Hồ sơ gồm'))!;
    expect(second.text).toContain('c) điểm');
    expect(second.sectionPath).toEqual(['Chương I QUY ĐỊNH CHUNG', 'Điều 1. Hồ sơ']);
    for (const c of chunks) expect(documentText(legalBlocks(longArticle))).toContain(c.text);
  });

  it('ends an article title at its line when a capitalised sentence follows in a wrapped text', () => {
    const out = repairLines(
      lines(
        'Điều 2. Giải thích từ ngữ',
        'Trong Luật này, các từ ngữ dưới đây được hiểu như sau:',
        'Điều 3. Điều kiện đăng ký thường trú của người',
        'chưa thành niên',
      ),
    );
    expect(out.map((l) => l.text)).toEqual([
      'Điều 2. Giải thích từ ngữ',
      'Trong Luật này, các từ ngữ dưới đây được hiểu như sau:',
      'Điều 3. Điều kiện đăng ký thường trú của người chưa thành niên',
    ]);
  });

  it('reads the number of a law printed as "Luật số:"', () => {
    const header = extractHeader(
      lines(
        'QUỐC HỘI',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Luật số: 27/2024/QH15',
        'LUẬT',
        'CƯ TRÚ',
        'Căn cứ Hiến pháp;',
      ),
    );
    expect(header.inferred).toMatchObject({ number: '27/2024/QH15', title: 'LUẬT CƯ TRÚ', type: 'legal' });
  });
});

describe('amending laws and annexes', () => {
  it('keeps the articles an amending law quotes inside the article that amends them', () => {
    const out = legalBlocks(
      articles([
        heading('Điều 1. Sửa đổi, bổ sung một số điều của Luật Cư trú', 5),
        para('1. Sửa đổi, bổ sung Điều 20 và Điều 21 như sau:'),
        para('“Điều 20. Điều kiện đăng ký thường trú'),
        para('1. Công dân có chỗ ở hợp pháp.'),
        heading('Điều 21. Hồ sơ đăng ký thường trú', 5),
        para('1. Tờ khai thay đổi thông tin cư trú.”'),
      ]),
    );
    expect(out.slice(0, 6).filter((b) => b.kind === 'heading')).toEqual([
      heading('Điều 1. Sửa đổi, bổ sung một số điều của Luật Cư trú', 5),
    ]);
    expect(out[6]).toEqual(heading('Điều 2. Đối tượng áp dụng', 5));
  });

  it('ends the last article at an annex', () => {
    const out = legalBlocks([
      ...articles([heading('Điều 1. Phạm vi', 5)]),
      para('PHỤ LỤC'),
      heading('1. Mẫu tờ khai', 6),
    ]);
    expect(out.slice(-2)).toEqual([heading('PHỤ LỤC', 1), heading('1. Mẫu tờ khai', 6)]);
  });
});
