/**
 * What a question asks for: which procedure fields, which kind of number, and which words name the topic.
 * Works on folded text, so "lệ phí bao nhiêu", "le phi bn" and "LỆ PHÍ???" read the same.
 */
import { analyseQuery, looksEnglish as isEnglish, normalizeText, type ProcedureField } from '../knowledge/index.ts';
import { FACETS } from './parts-facets.ts';
import { readQuestion, STOPWORDS } from './query-text.ts';

/** The kind of figure a question wants; evidence without such a figure cannot answer it. */
export type WantedFigure = 'money' | 'percent' | 'duration' | null;

export interface QuestionIntent {
  /** Folded, shorthand-expanded question. */
  folded: string;
  /** Procedure fields asked about, in the order they are listed in PROCEDURE_FIELDS. Empty = none named. */
  fields: ProcedureField[];
  wants: WantedFigure;
  /** Asks about a fine ("bị phạt bao nhiêu"), which no procedure field holds. */
  asksPenalty: boolean;
  /** Folded words that are not question words or fillers (field words included): used to weigh evidence. */
  contentTerms: string[];
  /** contentTerms minus the field cues that matched: empty when the question names no topic ("le phi bn"). */
  topicTerms: string[];
  /** The folded question with the field cues cut out (word pairs across a cut are not pairs). */
  topicText: string;
}

const w = (alternatives: string[]) => new RegExp(`(?:^| )(?:${alternatives.join('|')})(?= |$)`);

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
const FIELD_CUES: Array<{ fields: ProcedureField[]; cue: RegExp }> = [
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
const QUANTITY = w([
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

const FIGURE_CUES: Array<{ wants: Exclude<WantedFigure, null>; cue: RegExp; needsQuantity: boolean }> = [
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

const VALIDITY = FACETS.find((f) => f.facet === 'validity')?.asked ?? /$^/;

/** Fines are not fees: no sheet states them, so a question about them must not get the fee field. */
const PENALTY = w(['bi phat', 'muc phat', 'phat bao nhieu', 'phat tien', 'xu phat', 'bi xu ly']);

/** True when the question reads as English (knowledge's reading, shared with search's analyser). */
export function looksEnglish(question: string): boolean {
  return isEnglish(question);
}

/**
 * Reads a question into fields asked, figure wanted and topic words. An English question is read through
 * knowledge's glossary ("fee" → "lệ phí"): its Vietnamese expansion is what the sources can be matched with.
 */
export function readIntent(question: string): QuestionIntent {
  if (looksEnglish(question)) {
    const plan = analyseQuery(question);
    const vietnamese = plan.expandedText.slice(normalizeText(question).length).trim();
    // "How much" asks an amount; the glossary gives "lệ phí", which alone names the field, not the figure.
    if (vietnamese.length > 0) {
      const read = readVietnamese(vietnamese);
      return read.wants === null && /\bhow much\b/i.test(question) ? { ...read, wants: 'money' } : read;
    }
  }
  return readVietnamese(question);
}

/**
 * "Hồ sơ" is the papers to prepare only when asked as such ("hồ sơ gồm", "cần hồ sơ gì", "làm hồ sơ"); said with
 * tracking, sending or result words ("theo dõi hồ sơ", "hồ sơ tới đâu", "zalo báo hồ sơ", "gửi hồ sơ qua bưu
 * điện", "nộp online xong") it is the application itself, and asks no documents list.
 */
const PREPARES_FILE = w([
  'ho so gom',
  'ho so can',
  'ho so gi',
  'ho so nhung gi',
  'ho so nhu the nao',
  'ho so ra sao',
  'can ho so',
  'can nhung ho so',
  'lam ho so',
  'chuan bi ho so',
  'mang ho so',
  'bo ho so',
  'thanh phan ho so',
  'ho so xin',
  'ho so de',
]);
const TRACKS_FILE = w([
  'theo doi',
  'tra cuu',
  'toi dau',
  'den dau',
  'toi buoc nao',
  'buoc nao',
  'xem o dau',
  'trang thai',
  'thong bao',
  'bao tin',
  'tin nhan',
  'zalo',
  'gui ho so',
  'gui',
  'nhan ket qua',
  'tra ket qua',
  'buu dien',
  'buu chinh',
  'xong',
  'duyet chua',
  'da nop',
]);
/** Where to look an application up ("xem ở đâu", "tra cứu ở đâu") is not where to file it. */
const LOOKUP_WHERE = /(^| )(xem|tra cuu|theo doi|kiem tra) (?:o dau|cho nao)(?= |$)/g;

function caseFileRead(folded: string): string {
  if (!TRACKS_FILE.test(folded) || PREPARES_FILE.test(folded)) return folded;
  return folded
    .replace(LOOKUP_WHERE, '$1$2')
    .replace(/(^| )ho so(?= |$)/g, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function readVietnamese(question: string): QuestionIntent {
  const folded = readQuestion(question);
  const asked = new Set<ProcedureField>();
  // "nộp hồ sơ ở đâu" asks where to file, not which papers: "hồ sơ" after "nộp" is not a documents cue.
  // "hợp đồng không (xác định) thời hạn" is the kind of a labour contract, not the time the office takes.
  const cueText = caseFileRead(folded)
    .replace(/(^| )nop ho so(?= |$)/g, '$1nop')
    .replace(/(^| )(hop dong (?:khong |co )?(?:xac dinh )?)thoi han(?= |$)/g, '$1$2ky han');
  let rest = ` ${cueText} `;
  for (const { fields, cue } of FIELD_CUES) {
    if (!cue.test(cueText)) continue;
    fields.forEach((f) => asked.add(f));
    rest = rest.replace(new RegExp(cue.source, 'g'), ' ');
  }
  const quantity = QUANTITY.test(folded);
  const wants = FIGURE_CUES.find((c) => c.cue.test(folded) && (quantity || !c.needsQuantity))?.wants ?? null;
  const keep = (t: string) => t.length > 0 && !STOPWORDS.has(t);
  const asksPenalty = PENALTY.test(folded);
  // A fine is not a fee: "bị phạt bao nhiêu tiền" asks no fee unless the fee is named ("lệ phí").
  if (asksPenalty && !/(?:^| )(?:le phi|phi)(?= |$)/.test(folded)) asked.delete('fee');
  // "xài được bao lâu" asks how long a paper stays valid, not how long the office takes to issue it.
  if (VALIDITY.test(folded) && !/(?:^| )(?:giai quyet|co ket qua|nhan ket qua|tra ket qua)(?= |$)/.test(folded))
    asked.delete('timeLimit');
  return {
    folded,
    fields: [...asked],
    wants,
    asksPenalty,
    contentTerms: folded.split(' ').filter(keep),
    topicTerms: rest.split(' ').filter(keep),
    topicText: rest.replace(/\s+/g, ' ').trim(),
  };
}

/** Words that ask about a plan's content rather than name a topic. */
const PLAN_ASKS = w(['muc tieu', 'chi tieu', 'nhiem vu', 'giai phap', 'ke hoach']);

/**
 * The words with which a question asks (field cues such as "lệ phí", "bao lâu"; figure cues such as "bao
 * nhiêu %"; plan cues such as "mục tiêu"), in question order: what an elliptical follow-up carries over.
 */
export function askingWords(question: string): string[] {
  // An English question asks in the glossary's Vietnamese ("fee" → "lệ phí").
  const folded = readIntent(question).folded;
  const found: Array<{ at: number; text: string }> = [];
  const cues = [
    ...FIELD_CUES.map((c) => c.cue),
    ...FIGURE_CUES.filter((c) => !c.needsQuantity).map((c) => c.cue),
    PLAN_ASKS,
  ];
  for (const cue of cues) {
    for (const m of folded.matchAll(new RegExp(cue.source, 'g'))) found.push({ at: m.index, text: m[0].trim() });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.text))];
}
