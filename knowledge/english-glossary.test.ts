/**
 * The English glossary: the plan's headings and target lines and the sheets' names in the words foreigners
 * type reach the Vietnamese the sources use (plural, hyphenated and apostrophe forms included), and no key
 * fires on Vietnamese typed without accents.
 */
import { describe, expect, it } from 'vitest';
import { analyseQuery } from './analyser.ts';
import { ENGLISH_GLOSSARY_GROUPS } from './english-glossary.ts';
import { vietnameseShaped } from './language.ts';
import { foldText } from './normalise.ts';

const vietnameseOf = (q: string) => analyseQuery(q).expandedText;

describe("the English glossary reads the plan in a foreigner's words", () => {
  it.each([
    [
      'what percent of people should have electronic health records?',
      ['bao nhiêu phần trăm', 'dân số', 'hồ sơ sức khỏe điện tử'],
    ],
    ['is there a target for telemedicine?', ['khám chữa bệnh từ xa']],
    ['cashless payment in schools and hospitals', ['thanh toán không dùng tiền mặt']],
    ['how many online public services are end-to-end?', ['dịch vụ công trực tuyến', 'toàn trình']],
    ['what about e-commerce and e-invoices?', ['thương mại điện tử', 'hóa đơn điện tử']],
    ['households with fibre broadband', ['hộ gia đình', 'cáp quang']],
    ['does the plan talk about smart cities?', ['đô thị thông minh']],
    ['adults with a digital signature', ['dân số trưởng thành', 'chữ ký số']],
    ['what does the radio and television station have to do?', ['đài phát thanh và truyền hình']],
  ])('gives "%s" the plan\'s words %j', (question, words) => {
    const text = vietnameseOf(question);
    for (const w of words) expect(text).toContain(w);
  });
});

describe("the English glossary reads the procedure sheets in a foreigner's words", () => {
  it.each([
    ["how do I renew my driver's license?", ['giấy phép lái xe']],
    ['I want to marry my girlfriend', ['kết hôn']],
    ['where do I get a marriage certificate?', ['giấy chứng nhận kết hôn']],
    ['unemployment allowance conditions', ['trợ cấp thất nghiệp']],
    ['health insurance card for my son', ['thẻ bảo hiểm y tế']],
    ['how to get a police check', ['lý lịch tư pháp']],
    ['company registration papers', ['thành lập doanh nghiệp']],
    ['proof of residence from the police', ['xác nhận thông tin về cư trú', 'công an']],
  ])('gives "%s" the sheet\'s words %j', (question, words) => {
    const text = vietnameseOf(question);
    for (const w of words) expect(text).toContain(w);
  });

  it('leaves papers no sheet holds unread, so the question is refused rather than met by a neighbour', () => {
    expect(vietnameseOf('how do I get a work permit')).not.toContain('giấy phép');
    expect(vietnameseOf('how do I apply for a work visa')).not.toContain('thị thực');
  });
});

describe('the English glossary reads broken English and the words of a case', () => {
  it.each([
    ['is there any extra paper because he is foreign?', ['thành phần hồ sơ']],
    ['how to get vneid level 2, what to bring?', ['thành phần hồ sơ']],
    ['how much cost make ID card', ['lệ phí']],
    ['i want register temporary stay', ['tạm trú']],
    ['where get birth paper for baby', ['giấy khai sinh']],
    ['my father die last week, what to do?', ['khai tử']],
    ['my licence expired 2 years ago, what tests do I have to retake?', ['quá hạn', 'sát hạch lại', 'điều kiện']],
    ['do I need the theory and the practical test?', ['lý thuyết', 'thực hành']],
  ])('gives "%s" the words %j', (question, words) => {
    const text = vietnameseOf(question);
    for (const w of words) expect(text).toContain(w);
  });

  it('reads "birth paper" as the certificate, not as the papers to bring', () => {
    expect(vietnameseOf('where get birth paper for baby')).not.toContain('thành phần hồ sơ');
  });

  it("reads a person's university degree as a paper, not the plan's universities", () => {
    expect(vietnameseOf('certified copy of my university degree')).not.toContain('cơ sở giáo dục đại học');
    expect(vietnameseOf('what should universities do?')).toContain('cơ sở giáo dục đại học');
  });
});

describe('glossary keys and Vietnamese typed without accents', () => {
  it('has no one-word key shaped like a Vietnamese syllable, but "pay", which no one types in Vietnamese', () => {
    const shaped = ENGLISH_GLOSSARY_GROUPS.flatMap((g) => Object.keys(g.entries))
      .map((k) => foldText(k))
      .filter((k) => !k.includes(' ') && vietnameseShaped(k));
    expect([...new Set(shaped)]).toEqual(['pay']);
  });

  it('adds no English glossary words to a Vietnamese question typed without accents', () => {
    expect(vietnameseOf('ho so suc khoe dien tu dat bao nhieu')).not.toContain('dân số');
  });
});
