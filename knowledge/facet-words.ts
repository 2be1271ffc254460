/**
 * Words for what a question asks beyond a sheet's fields, and for how a sheet line says it does not know.
 * The answer layer reads questions and sheet lines with these (folded: no diacritics, lowercase); it keeps no
 * private copy. Each list says why its words are there.
 */

/**
 * A sheet line that says its figure is not known: "chưa xác nhận (được)", "chưa được xác nhận", "chưa tìm thấy",
 * "chưa thấy quy định", "đang (được) kiểm tra lại", "không có trong nguồn". Such a line answers nothing.
 */
export const UNCONFIRMED_PHRASES: readonly string[] = [
  'chua xac nhan',
  'chua duoc xac nhan',
  'chua tim thay',
  'chua thay quy dinh',
  'dang kiem tra lai',
  'dang duoc kiem tra lai',
  'khong co trong nguon',
];

/**
 * A sheet sentence about a rule no longer in force ("Trước đó là …", "thời hạn 15 ngày là của luật cũ",
 * "ở các nguồn cũ"): what the sheet says, but not an answer for today. A date after "trước" is read in the answer layer.
 */
export const OLD_RULE_PHRASES: readonly string[] = [
  'truoc do',
  'truoc day',
  'luat cu',
  'quy dinh cu',
  'nguon cu',
  'cac nguon cu',
  'huong dan cu',
  'trang huong dan cu',
  'theo quy dinh truoc',
];

/** How a sheet sentence that only sends the reader elsewhere opens ("hỏi UBND cấp xã …", "hãy hỏi …"). */
export const ADVICE_OPENERS: readonly string[] = ['hoi', 'hay hoi', 'nen hoi', 'goi', 'hay goi', 'lien he'];

/**
 * A money matter a question can ask about that is no field of a procedure sheet. `asked`: folded phrases that ask
 * about it (each says money, not just the topic: "hỗ trợ tiền", not "hỗ trợ"); `stated`: folded words a sheet line
 * uses when it states it; `amount`: phrases that ask how much even without "bao nhiêu" ("mức phạt", "một mét vuông").
 */
export interface MoneyFacetWords {
  key: 'fine' | 'support' | 'price' | 'salary' | 'compensation' | 'tuition' | 'landLevy' | 'tax';
  vi: string;
  en: string;
  asked: readonly string[];
  stated: readonly string[];
  amount: readonly string[];
}

export const MONEY_FACETS: readonly MoneyFacetWords[] = [
  {
    key: 'fine',
    vi: 'mức phạt',
    en: 'the fine',
    asked: [
      'tien phat',
      'muc phat',
      'phat bao nhieu',
      'bi phat',
      'phat tien',
      'xu phat',
      'bi xu ly',
      'penalty',
      'fined',
    ],
    stated: ['phat', 'xu phat', 'xu ly vi pham', 'canh cao'],
    amount: ['muc phat', 'tien phat', 'phat bao nhieu', 'phat may'],
  },
  {
    key: 'support',
    vi: 'khoản hỗ trợ bằng tiền',
    en: 'support payments',
    asked: [
      'ho tro tien',
      'tien ho tro',
      'muc ho tro',
      'ho tro bao nhieu',
      'goi ho tro',
      'tien tro cap',
      'muc tro cap',
      'tro cap bao nhieu',
      'tro cap tien',
      'subsidy',
      'subsidies',
    ],
    stated: ['ho tro', 'tro cap', 'tro giup'],
    amount: ['muc ho tro', 'muc tro cap', 'ho tro bao nhieu', 'tro cap bao nhieu'],
  },
  {
    key: 'price',
    vi: 'giá nhà, đất (theo mét vuông)',
    en: 'prices',
    // Not "một căn" (folded, also the start of "một căn cước"), nor English "price" (of a passport: its fee).
    asked: ['gia dat', 'bang gia', 'gia nha', 'gia thue', 'gia ban', 'met vuong', 'm2', 'per square', 'land price'],
    stated: ['gia dat', 'bang gia', 'met vuong', 'm2'],
    amount: ['met vuong', 'm2', 'gia bao nhieu'],
  },
  {
    key: 'salary',
    vi: 'mức lương',
    en: 'salaries',
    asked: ['muc luong', 'luong bao nhieu', 'tien luong', 'luong co ban', 'luong toi thieu', 'salary', 'wage'],
    stated: ['luong'],
    amount: ['muc luong', 'luong bao nhieu'],
  },
  {
    key: 'compensation',
    vi: 'tiền bồi thường, đền bù',
    en: 'compensation',
    asked: ['boi thuong', 'den bu', 'compensation'],
    stated: ['boi thuong', 'den bu'],
    amount: ['muc boi thuong', 'muc den bu'],
  },
  {
    key: 'tuition',
    vi: 'học phí',
    en: 'tuition fees',
    asked: ['hoc phi', 'tuition'],
    stated: ['hoc phi'],
    amount: ['muc hoc phi'],
  },
  {
    key: 'landLevy',
    vi: 'tiền sử dụng đất',
    en: 'the land-use levy',
    asked: ['tien su dung dat', 'land use levy'],
    stated: ['tien su dung dat'],
    amount: [],
  },
  {
    key: 'tax',
    vi: 'tiền thuế',
    en: 'the tax',
    asked: ['tien thue', 'muc thue', 'thue bao nhieu', 'thue suat', 'tax rate'],
    stated: ['thue'],
    amount: ['muc thue', 'thue suat', 'thue bao nhieu'],
  },
];

/** Folded phrases that ask for an amount, whatever it is of. */
export const AMOUNT_ASKED: readonly string[] = [
  'bao nhieu',
  'bao nhieu tien',
  'may trieu',
  'may tram',
  'nhieu tien',
  'how much',
  'het bao nhieu',
];

/**
 * A paper pointed at but not named: a generic noun followed by a demonstrative ("cái giấy đó", "thủ tục này",
 * "giấy kia"). Typed without accents "đó" is "do"; which sheets name a "… đỏ" is read from the sheets, not here.
 */
export const POINTED_NOUNS: readonly string[] = ['giay', 'giay to', 'thu tuc', 'ho so', 'cai', 'loai giay'];
/** Demonstratives as typed with accents: unambiguous. */
export const DEMONSTRATIVES: readonly string[] = ['đó', 'này', 'kia', 'ấy', 'đấy'];
/**
 * Demonstratives typed without accents, read so only before what asks ("giay do lam o dau"): "do" is also "do"
 * (by: "giấy do UBND cấp") and "đỏ", "nay" also "nay" (now).
 */
export const BARE_DEMONSTRATIVES: readonly string[] = ['do', 'nay', 'kia', 'ay', 'day'];
/** Folded words that may follow a pointed paper when the sentence goes on to ask about it. */
export const ASKING_AFTER_POINTED: readonly string[] = [
  'lam',
  'nop',
  'xin',
  'dang',
  'can',
  'la',
  'o',
  'thi',
  'co',
  'phai',
  'bao',
  'het',
  'mat',
  'ton',
  'di',
  'len',
];
