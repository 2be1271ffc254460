/**
 * Question-side phrase synonyms, as data. Keys are matched without diacritics over the question's words
 * (after chat shorthand is spelled out, so "het bn tien" meets "bao nhiêu tiền"); values are added to the
 * question as extra terms at the group's weight. They never change the index, so editing this file needs
 * no re-ingest.
 */

import { ENGLISH_GLOSSARY_GROUPS } from './english-glossary.ts';

export interface SynonymGroup {
  name: string;
  /** Query weight of the added terms (the question's own words weigh 1). */
  weight: number;
  entries: Record<string, readonly string[]>;
}

export const SYNONYM_GROUPS: readonly SynonymGroup[] = [
  {
    // How residents ask for one field of a procedure; the values are the field labels of the sheets.
    name: 'field intents',
    weight: 0.3,
    entries: {
      'bao nhiêu tiền': ['lệ phí'],
      'mất tiền': ['lệ phí'],
      'tốn tiền': ['lệ phí'],
      'tốn bao nhiêu': ['lệ phí'],
      'hết bao nhiêu': ['lệ phí'],
      phí: ['lệ phí'],
      'miễn phí': ['lệ phí'],
      'bao lâu': ['thời hạn giải quyết'],
      'mấy ngày': ['thời hạn giải quyết'],
      'khi nào có': ['thời hạn giải quyết'],
      'ở đâu': ['cơ quan giải quyết', 'nơi nộp'],
      'chỗ nào': ['cơ quan giải quyết', 'nơi nộp'],
      'cơ quan nào': ['cơ quan giải quyết'],
      'giấy tờ gì': ['thành phần hồ sơ'],
      'cần gì': ['thành phần hồ sơ'],
      'cần những gì': ['thành phần hồ sơ'],
      'hồ sơ gồm': ['thành phần hồ sơ'],
      'mang theo': ['thành phần hồ sơ'],
      'các bước': ['trình tự thực hiện'],
      'làm sao': ['trình tự thực hiện'],
      'thế nào': ['trình tự thực hiện'],
      online: ['trực tuyến'],
      'qua mạng': ['trực tuyến'],
      'trên mạng': ['trực tuyến'],
    },
  },
  {
    // Everyday names for papers and procedures.
    name: 'everyday names',
    weight: 0.8,
    entries: {
      'sổ đỏ': ['giấy chứng nhận quyền sử dụng đất'],
      'sổ hồng': ['giấy chứng nhận quyền sử dụng đất'],
      'hộ khẩu': ['thường trú'],
      'bằng lái': ['giấy phép lái xe'],
      'sao y': ['chứng thực bản sao'],
      'công chứng bản sao': ['chứng thực bản sao'],
      'giấy kết hôn': ['giấy chứng nhận kết hôn'],
      'độc thân': ['xác nhận tình trạng hôn nhân'],
      'làm căn cước': ['cấp thẻ căn cước'],
      'định danh': ['định danh điện tử'],
      // The plan's "dán nhãn tín nhiệm mạng" as people say it.
      'gắn nhãn': ['dán nhãn'],
      'nhãn tín nhiệm': ['nhãn tín nhiệm mạng'],
    },
  },
  {
    // Procedures people name by what they want done, not by the procedure's name ("hai đứa tính cưới", "muốn làm
    // thủ tục để bé mang tên cha"). Each value opens with "thủ tục": answer/everyday-names.ts reads such a value
    // as the procedure the phrase names (it must be a held sheet's name), in the place of the phrase. A wedding
    // already held ("làm đám cưới rồi") is the story, not this: no key for it.
    name: 'procedures by what is wanted',
    weight: 0.8,
    entries: {
      'tính cưới': ['thủ tục đăng ký kết hôn'],
      'định cưới': ['thủ tục đăng ký kết hôn'],
      'sắp cưới': ['thủ tục đăng ký kết hôn'],
      'muốn cưới': ['thủ tục đăng ký kết hôn'],
      'cưới vợ': ['thủ tục đăng ký kết hôn'],
      'cưới chồng': ['thủ tục đăng ký kết hôn'],
      'cưới nhau': ['thủ tục đăng ký kết hôn'],
      'mang tên cha': ['thủ tục đăng ký nhận cha, mẹ, con'],
      'mang họ cha': ['thủ tục đăng ký nhận cha, mẹ, con'],
      'thêm tên cha': ['thủ tục đăng ký nhận cha, mẹ, con'],
      'ghi tên cha': ['thủ tục đăng ký nhận cha, mẹ, con'],
      'bổ sung tên cha': ['thủ tục đăng ký nhận cha, mẹ, con'],
      'nhận con ruột': ['thủ tục đăng ký nhận cha, mẹ, con'],
    },
  },
  {
    // Who signed an official document and where it was sent: the words of its closing section's heading
    // ("Nơi nhận và người ký"), which the question seldom says ("ai ký kế hoạch 53", "gửi tới những nơi nào").
    name: 'signer and recipients',
    weight: 0.8,
    entries: {
      'ai ký': ['người ký'],
      'ký kế hoạch': ['người ký'],
      'ký ban hành': ['người ký'],
      'gửi cho': ['nơi nhận'],
      'gửi tới': ['nơi nhận'],
      'gửi đến': ['nơi nhận'],
      'những nơi nào': ['nơi nhận'],
    },
  },
  {
    // Section V's bodies as people name them, to the words of their headings ("7.14. Đoàn TNCS Hồ Chí Minh tỉnh").
    name: 'plan bodies',
    weight: 0.8,
    entries: {
      'đoàn thanh niên': ['đoàn tncs'],
      'đoàn tn': ['đoàn tncs'],
      'tỉnh đoàn': ['đoàn tncs'],
      'đoàn tncs hcm': ['đoàn tncs'],
      'ngân hàng nhà nước': ['ngân hàng nhà nước việt nam chi nhánh'],
      'đài truyền hình': ['đài phát thanh và truyền hình'],
      'đài phát thanh': ['đài phát thanh và truyền hình'],
      'báo đồng nai': ['đài phát thanh và truyền hình'],
      'nhà mạng': ['các doanh nghiệp cung cấp dịch vụ viễn thông'],
      'doanh nghiệp viễn thông': ['các doanh nghiệp cung cấp dịch vụ viễn thông'],
      'ban chỉ đạo': ['ban chỉ đạo chuyển đổi số'],
    },
  },
  // English questions (foreign residents, officials testing the bot): english-glossary.ts.
  ...ENGLISH_GLOSSARY_GROUPS,
];

/**
 * Words that mark a question as English; when enough of them appear, {@link ENGLISH_STOPWORDS} are dropped
 * from the question (they would otherwise match Vietnamese written without accents: the → thẻ, to → tờ).
 */
export const ENGLISH_MARKERS: ReadonlySet<string> = new Set([
  'what',
  'how',
  'is',
  'are',
  'the',
  'of',
  'for',
  'and',
  'with',
  'does',
  'should',
  'my',
  'i',
  'you',
  'which',
  'when',
  'where',
  'much',
  'many',
  'will',
  'would',
  'must',
  'need',
  'there',
  'their',
  'this',
  'that',
  'get',
]);

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  ...ENGLISH_MARKERS,
  'a',
  'an',
  'to',
  'in',
  'on',
  'at',
  'by',
  'be',
  'do',
  'can',
  'it',
  'or',
  'as',
  'from',
  'into',
  'through',
  'about',
  'me',
  'we',
  'our',
  'your',
  'have',
  'has',
  'was',
  'were',
  'if',
  'so',
  'up',
  'out',
  'than',
  'long',
  'trying',
  'try',
  'reach',
  'by',
  'under',
  'over',
  'per',
  'cent',
  'year',
  'years',
  'in',
  'its',
]);
