/**
 * The words with which a question asks: which procedure fields (where, papers, steps, how long, fee, online,
 * conditions, legal basis) and which kind of figure. Read on folded, shorthand-expanded text, so dialect, chat and
 * voice-to-text wording ("ra đâu làm dzậy", "lấy liền đc ko", "mất bn", "đem theo giấy gì") read as the field.
 * (A request stands to move these lists to knowledge/question-words.ts, which index.ts does not export yet.)
 */
import type { ProcedureField } from '../knowledge/index.ts';

/** The kind of figure a question wants; evidence without such a figure cannot answer it. */
export type WantedFigure = 'money' | 'percent' | 'duration' | null;

export const w = (alternatives: string[]) => new RegExp(`(?:^| )(?:${alternatives.join('|')})(?= |$)`);

/** Offices a person goes to, folded: "lên sở … hay công an", "làm ở phường được không". */
const AGENCY_NOUNS = [
  'so',
  'cong an',
  'ubnd',
  'uy ban',
  'phuong',
  'xa',
  'huyen',
  'tinh',
  'quan',
  'trung tam',
  'buu dien',
  'mot cua',
  'thanh pho',
].join('|');

/** Units of time: "mất bao nhiêu ngày" asks how long, not how much. */
const TIME_UNITS = '(?:ngay|lau|thoi gian|tuan|thang|nam|bua|hom|gio|phut)';

/** Field cues, checked on the folded question. Order = PROCEDURE_FIELDS order. */
export const FIELD_CUES: Array<{ fields: ProcedureField[]; cue: RegExp }> = [
  {
    fields: ['agency', 'whereToFile'],
    cue: w([
      'o dau',
      'co quan nao',
      'noi nop',
      'nop o dau',
      'lam o dau',
      'cho nao',
      'ai giai quyet',
      'ai cap',
      'noi lam',
      'di dau',
      'den dau',
      'ubnd nao',
      'phuong nao',
      'xa nao',
      'co quan',
      'nop tai',
      'lam tai',
      'len dau',
      'dau nop',
      'nop dau',
      // Which level files it, said as a trip the person must make ("phải lên huyện", "còn ra phường") or a choice
      // ("lên tỉnh hay …"); a trip told in a story ("ra xã xin giấy mà bảo chờ") asks nothing.
      '(?:phai|van|con|co can) (?:len|ra|xuong|ve|di) (?:huyen|tinh|quan|xa|phuong|thanh pho)',
      '(?:len|ra|xuong|ve) (?:huyen|tinh|quan|xa|phuong|thanh pho) (?:hay|hoac)',
      // A trip asked in dialect: "ra đâu làm", "xuống đâu nộp", "đâu làm", Central "ở mô".
      '(?:ra|xuong|ve|qua) dau',
      'dau lam',
      'lam dau',
      '(?:o|di|lam) mo',
      // Which of two offices, the first one gone to: "lên sở gtvt hay công an", "ra phường hay lên công an"
      // (not "sổ đỏ hay sổ hồng": "sở" and "sổ" fold alike).
      `(?:len|ra|xuong|ve|den|toi|qua|o|tai) (?:${AGENCY_NOUNS}) (?:\\S+ ){0,3}(?:hay la|hay|hoac) (?:(?:len|ra|xuong|ve|den|toi|qua|o|tai) )?(?:${AGENCY_NOUNS})`,
      // Whether the person may file at a given office: "làm ở phường được không", "nộp tại công an xã được ko".
      `(?:lam|nop|xin|ky|lai|doi|cap|thuc|y) (?:o|tai) (?:${AGENCY_NOUNS})(?: \\S+){0,3} (?:duoc khong|duoc chua|hay)`,
    ]),
  },
  {
    fields: ['documents'],
    cue: w([
      'giay to',
      'ho so',
      'mang gi',
      'mang theo',
      'mang nhung gi',
      'can gi',
      'can nhung gi',
      'chuan bi',
      'thanh phan',
      'giay gi',
      'can nhung giay',
      'can mang',
      'to khai',
      'can nhung',
      'nop gi',
      // What to bring, said as carrying: "đem theo giấy gì", "cầm theo gì", "mang j" ("j" reads "gì").
      'dem theo',
      'dem gi',
      'dem nhung gi',
      'can dem',
      'cam theo',
      'xach theo',
    ]),
  },
  {
    fields: ['steps'],
    cue: w([
      'cac buoc',
      'trinh tu',
      'quy trinh',
      'cach lam',
      'lam the nao',
      'lam nhu the nao',
      'lam sao',
      'nhu the nao',
      'thu tuc the nao',
    ]),
  },
  {
    fields: ['timeLimit'],
    cue: w([
      'bao lau',
      'may ngay',
      'bao nhieu ngay',
      'bao nhieu lau',
      'khi nao co',
      'khi nao nhan',
      'khi nao lay',
      'thoi han',
      'thoi gian',
      'lau khong',
      'may hom',
      'bao gio co',
      'bao gio lay',
      'bao gio nhan',
      'may tuan',
      'ngay lam viec',
      // How soon, in chat: "mấy bữa có", "chừng nào xong", "lấy liền được không", "làm trong ngày được không".
      'may bua',
      'bao nhieu bua',
      'chung nao',
      'khi nao xong',
      'bao gio xong',
      'mat bao lau',
      'lay lien',
      'lay ngay',
      'co lien',
      'co ngay',
      'lay luon',
      '(?:lay|xong|co|lam|tra) trong ngay',
    ]),
  },
  {
    fields: ['fee'],
    cue: w([
      'le phi',
      'phi',
      'bao nhieu tien',
      'ton bao nhieu',
      'ton tien',
      'mat tien',
      'het bao nhieu',
      'het tien',
      'chi phi',
      'mien phi',
      'gia bao nhieu',
      'nop bao nhieu',
      'tra bao nhieu',
      'het nhieu',
      'ton nhieu',
      // "mất bn", "mất nhiêu", "có mất phí không" (not "mất bao nhiêu ngày": that is time).
      `(?:mat|het|ton) (?:bao )?nhieu(?! ${TIME_UNITS})`,
      'mat phi',
      'ton phi',
      'nhieu tien',
      // A fee lowered for a while, or paid in full: "còn được giảm 50% nữa không hay phải đóng đủ".
      'duoc giam',
      'con giam',
      'giam \\d+%',
      'dong du',
      'nop du',
      // "ở đâu rẻ nhất" compares what it costs.
      're nhat',
      're hon',
      'gia re',
      'dau re',
      'nao re',
    ]),
  },
  {
    fields: ['online'],
    cue: w([
      'online',
      'truc tuyen',
      'tren mang',
      'qua mang',
      'tren vneid',
      'qua vneid',
      'dich vu cong',
      'tren app',
      'qua app',
      'tai nha',
      'o nha',
      'qua mang',
      'link',
    ]),
  },
  { fields: ['conditions'], cue: w(['dieu kien', 'ai duoc', 'du tuoi', 'bao nhieu tuoi', 'may tuoi']) },
  {
    fields: ['legalBasis'],
    cue: w([
      'can cu',
      'luat nao',
      'theo luat',
      'quy dinh nao',
      'van ban nao',
      'nghi dinh nao',
      'thong tu nao',
      'phap ly',
      'co so phap ly',
    ]),
  },
];

/** A "how much / how many" word: without one, "kinh phí" or "tỷ lệ" is a topic, not a request for a figure. */
export const QUANTITY = w([
  'bao nhieu',
  'may',
  'muc nao',
  'muc bao nhieu',
  'het nhieu',
  'ton nhieu',
  'nhieu tien',
  'top may',
  'dat bao nhieu',
]);

export const FIGURE_CUES: Array<{ wants: Exclude<WantedFigure, null>; cue: RegExp; needsQuantity: boolean }> = [
  { wants: 'percent', cue: w(['bao nhieu %', 'bao nhieu phan tram', 'may phan tram', 'may %']), needsQuantity: false },
  { wants: 'percent', cue: w(['ty le', 'phan tram', '%']), needsQuantity: true },
  {
    wants: 'money',
    cue: w([
      'bao nhieu tien',
      'bao nhieu ty',
      'bao nhieu trieu',
      'may ty',
      'may trieu',
      'bao nhieu dong',
      'het bao nhieu',
      'ton bao nhieu',
      'mat bao nhieu tien',
      `mat (?:bao )?nhieu(?! ${TIME_UNITS})`,
    ]),
    needsQuantity: false,
  },
  {
    wants: 'money',
    cue: w([
      'le phi',
      'phi',
      'kinh phi',
      'ngan sach',
      'chi phi',
      'tong von',
      'von',
      'tien',
      'gia ve',
      'luong',
      'phu cap',
      'ty dong',
    ]),
    needsQuantity: true,
  },
  {
    wants: 'duration',
    cue: w(['bao lau', 'may ngay', 'bao nhieu ngay', 'bao nhieu lau', 'may tuan', 'may bua', 'bao nhieu bua']),
    needsQuantity: false,
  },
];
