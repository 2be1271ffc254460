/**
 * Plan questions that point at one part of the plan: a section by its number, the signer and recipients
 * (the closing section ingest keeps), an agency's tasks. Built on the real sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../knowledge/index.ts';
import { answer } from './index.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

const PLAN = 'plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai';
let built: TestKnowledge;
let kb: KnowledgeBase;
beforeAll(async () => {
  built = await buildTestKnowledge();
  kb = built.kb;
});
afterAll(async () => built?.cleanup());

const ask = (q: string) => answer(q, { kb, asOf: '2026-11-29' });

describe('a plan section named by its number', () => {
  it('quotes every target of "mục 2.5", not the best-matching lines of other sections', async () => {
    const r = await ask('muc 2.5 ke hoach cds co nhung chi tieu nao');
    expect(r.refused).toBe(false);
    for (const figure of ['80%', '45%', '100%']) expect(r.answer).toContain(figure);
    expect(r.citations.every((c) => c.section.endsWith('2.5. An toàn thông tin'))).toBe(true);
  });

  it('answers "điểm 7.12" with the provincial inspectorate\'s task', async () => {
    const r = await ask('điểm 7.12 phần tổ chức thực hiện của kế hoạch nói gì');
    expect(r.answer).toContain('50%');
    expect(r.citations[0]?.section).toMatch(/7\.12\. Thanh tra tỉnh$/);
  });
});

describe('the closing section of the plan', () => {
  it('names the signer and the title he signed under, citing "Nơi nhận và người ký"', async () => {
    const r = await ask('ai ky kh 53 vay');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('Võ Tấn Đức');
    expect(r.answer).toContain('Q. CHỦ TỊCH');
    expect(r.citations[0]).toMatchObject({ documentId: PLAN, section: 'Nơi nhận và người ký' });
  });

  it('lists where the plan was sent, down to the telecom companies', async () => {
    const r = await ask('kế hoạch 53/KH-UBND được gửi tới những nơi nào');
    expect(r.answer).toContain('Bộ Thông tin và Truyền thông');
    expect(r.answer).toContain('Viettel Đồng Nai, Viễn thông Đồng Nai, Mobifone Đồng Nai');
  });

  it('answers "who signed" in English from the same section', async () => {
    const r = await ask('Which official signed plan 53/KH-UBND?');
    expect(r.answer).toContain('Võ Tấn Đức');
  });
});

describe('an agency of section V', () => {
  it.each([
    ['Sở Y tế được giao những nhiệm vụ gì trong kế hoạch chuyển đổi số 2024', '7.7. Sở Y tế'],
    ['Which tasks does the Department of Health have in the plan?', '7.7. Sở Y tế'],
    ['Đài PTTH Đồng Nai có nhiệm vụ gì', '7.15. Đài Phát thanh và Truyền hình Đồng Nai, Báo Đồng Nai'],
    ['vp ubnd tinh co nhiem vu gi trong kh cds', '7.2. Văn phòng UBND tỉnh'],
    ['sở gd&đt có nhiệm vụ gì trong kế hoạch cđs 2024', '7.6. Sở Giáo dục và Đào tạo'],
  ])('answers "%s" from its own section, %s, and no other agency\'s', async (question, heading) => {
    const r = await ask(question);
    expect(r.refused).toBe(false);
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) expect(c.section.split(' > ').at(-1)).toBe(heading);
  });

  it('keeps the recipient list from answering for the agencies it names', async () => {
    const r = await ask('Công an tỉnh có nhiệm vụ gì trong kế hoạch chuyển đổi số');
    expect(r.citations.some((c) => c.section === 'Nơi nhận và người ký')).toBe(false);
  });
});

describe('several agencies named in one question', () => {
  it("quotes each agency's section, in the order the question names them, by their everyday names", async () => {
    const r = await ask('KH 53 giao Đoàn thanh niên làm gì, còn Đài PTTH với Báo Đồng Nai thì sao?');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('Tổ công nghệ số cộng đồng');
    expect(r.answer).toContain('cung cấp tin, bài');
    expect([...new Set(r.citations.map((c) => c.section.split(' > ').at(-1)))]).toEqual([
      '7.14. Đoàn TNCS Hồ Chí Minh tỉnh',
      '7.15. Đài Phát thanh và Truyền hình Đồng Nai, Báo Đồng Nai',
    ]);
  });

  it('quotes two departments asked together, each from its own section', async () => {
    const r = await ask('Sở Y tế và Sở Giáo dục và Đào tạo được giao nhiệm vụ gì');
    const sections = new Set(r.citations.map((c) => c.section.split(' > ').at(-1)));
    expect(sections).toEqual(new Set(['7.7. Sở Y tế', '7.6. Sở Giáo dục và Đào tạo']));
  });

  it('reads one heading said once as one section, though a longer heading begins with the same words', async () => {
    const r = await ask('What targets does the plan set for information security?');
    expect(new Set(r.citations.map((c) => c.section.split(' > ').at(-1)))).toEqual(new Set(['2.5. An toàn thông tin']));
  });

  it('reads "Tỉnh đoàn" as the youth union\'s section', async () => {
    const r = await ask('tỉnh đoàn có nhiệm vụ gì trong chuyển đổi số');
    expect(r.citations.map((c) => c.section.split(' > ').at(-1))).toEqual(['7.14. Đoàn TNCS Hồ Chí Minh tỉnh']);
  });

  it('finds a provincial body named without "tỉnh" ("Cục thuế" for "Cục Thuế tỉnh")', async () => {
    const r = await ask('Cục thuế có nhiệm vụ gì trong kế hoạch cđs');
    expect(r.citations.every((c) => c.section.endsWith('7.17. Cục Thuế tỉnh'))).toBe(true);
    expect(r.answer).toContain('hóa đơn điện tử');
  });
});

describe('does the plan mention X', () => {
  it('quotes the line that names the term asked about, from whichever section holds it', async () => {
    const r = await ask('kh 53 có nói gì về Google không');
    expect(r.answer).toContain('Trường học số Google');
    expect(r.citations[0]?.section).toMatch(/7\.6\. Sở Giáo dục và Đào tạo$/);
  });

  it('quotes the section whole when the term asked about is its heading', async () => {
    const r = await ask('kế hoạch 53 có nói gì về an toàn thông tin mạng');
    expect(r.citations.length).toBeGreaterThan(0);
    expect(new Set(r.citations.map((c) => c.section.split(' > ').at(-1)))).toEqual(
      new Set(['7. An toàn thông tin mạng']),
    );
  });

  it('still refuses a term no source uses', async () => {
    const r = await ask('kế hoạch có đề cập đến metaverse không');
    expect(r.refused).toBe(true);
  });
});

describe('plan targets asked in English', () => {
  it('finds the share of people with electronic health records (80%)', async () => {
    const r = await ask('Dong Nai digital plan 2024: what percent of people should have electronic health records?');
    expect(r.answer).toContain('Tỷ lệ dân số có hồ sơ sức khỏe điện tử đạt 80%');
  });

  it('finds the share of procedures with financial obligations paid online (70%)', async () => {
    const r = await ask(
      'What share of procedures with financial obligations should be paid online through the national portal in 2024?',
    );
    expect(r.answer).toContain('70% thủ tục hành chính có yêu cầu nghĩa vụ tài chính');
  });
});

describe('English plan questions reach the section that holds the answer', () => {
  it.each([
    ['What share of households should have fibre broadband internet in 2024?', '2.4. Xã hội số', '86%'],
    ['What percentage of adults should have a digital signature?', '2.4. Xã hội số', '40%'],
    ['What share of businesses should pay taxes electronically?', '2.3. Kinh tế số', '99,8%'],
    ['What share of information systems should have approved security levels?', '2.5. An toàn thông tin', '80%'],
    ['What ranking does Dong Nai aim for by 2025?', '1. Mục tiêu chung', 'top 10'],
    ['How is the plan funded?', '5. Sở Tài chính', 'kinh phí'],
    ['What does the plan say about telemedicine?', '7.7. Sở Y tế', 'khám chữa bệnh từ xa'],
    ['Does the plan mention smart cities?', '7.8. Sở Xây dựng', 'đô thị thông minh'],
    [
      'What must telecom companies do under the plan?',
      '7.16. Các doanh nghiệp cung cấp dịch vụ viễn thông, công nghệ thông tin',
      'thỏa thuận hợp tác',
    ],
    [
      'What does the provincial radio and television station have to do?',
      '7.15. Đài Phát thanh và Truyền hình Đồng Nai, Báo Đồng Nai',
      'nền tảng số',
    ],
  ])('"%s" → %s', async (question, section, words) => {
    const r = await ask(question);
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.section.split(' > ').at(-1)).toBe(section);
    expect(r.answer).toContain(words);
  });
});
