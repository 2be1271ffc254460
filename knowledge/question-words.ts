/**
 * The question reader's word lists, kept here once so the answer layer holds no private copy: chat shorthand
 * spelled out for intent reading, words that carry no topic, and the slot words of a person's story (kinship,
 * story settings) that never count as missing topic evidence. All keys are folded (no diacritics, lowercase).
 */

/** Shorthand → folded words for reading intent. Only forms with one reading; "k" alone is "không" in chat. */
export const QUESTION_SHORTHAND: Readonly<Record<string, string>> = {
  bn: 'bao nhieu', bnh: 'bao nhieu', bnhieu: 'bao nhieu', nhiu: 'nhieu',
  k: 'khong', ko: 'khong', kh: 'khong', khg: 'khong', hok: 'khong', hong: 'khong', hem: 'khong', kg: 'khong',
  dc: 'duoc', dk: 'dang ky', dky: 'dang ky', dki: 'dang ky', j: 'gi', gj: 'gi', ntn: 'nhu the nao', lm: 'lam',
  tgian: 'thoi gian', tg: 'thoi gian', cccd: 'can cuoc cong dan', cmnd: 'chung minh nhan dan', gks: 'giay khai sinh',
  hk: 'ho khau', gplx: 'giay phep lai xe', lltp: 'ly lich tu phap', dvc: 'dich vu cong', ttc: 'thu tuc',
  tthc: 'thu tuc hanh chinh', sdt: 'so dien thoai', onl: 'online', vs: 'voi', ng: 'nguoi', mk: 'minh', e: 'em', a: 'anh',
  hs: 'ho so', gq: 'giai quyet', ny: 'nguoi yeu', gt: 'giay to', ks: 'khai sinh', tk: 'tai khoan',
  ms: 'moi', r: 'roi', dkkh: 'dang ky ket hon', dkks: 'dang ky khai sinh', dkkt: 'dang ky khai tu', xd: 'xay dung', trc: 'truoc', wa: 'qua', cc: 'can cuoc',
};

/** Agency names written with "&" or run together in chat ("gd&dt", "stttt") → folded full names. */
export const AGENCY_SHORTHAND: Readonly<Record<string, string>> = {
  'gd&dt': 'giao duc va dao tao', gddt: 'giao duc va dao tao', 'tt&tt': 'thong tin va truyen thong',
  tttt: 'thong tin va truyen thong', stttt: 'so thong tin va truyen thong', 'kh&dt': 'ke hoach va dau tu',
  khdt: 'ke hoach va dau tu', 'tn&mt': 'tai nguyen va moi truong', tnmt: 'tai nguyen va moi truong',
  'nn&ptnt': 'nong nghiep va phat trien nong thon', nnptnt: 'nong nghiep va phat trien nong thon',
  'ldtb&xh': 'lao dong thuong binh va xa hoi', ldtbxh: 'lao dong thuong binh va xa hoi',
  'vh,tt&dl': 'van hoa the thao va du lich', vhttdl: 'van hoa the thao va du lich', 'kh&cn': 'khoa hoc va cong nghe',
  khcn: 'khoa hoc va cong nghe', 'ca tinh': 'cong an tinh', syt: 'so y te', stc: 'so tai chinh', snv: 'so noi vu',
};

/** Words that carry no topic: question words, fillers, pronouns, politeness. */
export const QUESTION_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a ad admin ah a anh chi em ban minh toi tui oi nhe nha nhi vay the thi sao la gi nao dau khong co duoc ' +
    'can phai muon hoi cho xin giup voi va hay hoac cua o tai tu den trong tren duoi con roi da dang se moi vao theo z ' +
    'nhu nao bao nhieu may lam the nao ai cai viec nhung cac mot nay kia do day hen ah uh um ok vui long ' +
    'nay gio luc hom ngay nam thang thi sao the nao sao vay vua sap nua luon ma neu khi thoi chua biet'
  ).split(' '),
);

/**
 * Slot phrases of a person's story: family members and settings. They say who and where, not which procedure,
 * so they are cut from the topic words ("khai tử cho ông nội mất ở bệnh viện" is about khai tử).
 */
export const STORY_PHRASES: readonly string[] = [
  'ong noi', 'ba noi', 'ong ngoai', 'ba ngoai', 'ong ba', 'bo me', 'cha me', 'ba me', 'con trai', 'con gai',
  'con toi', 'con minh', 'con em', 'con anh', 'con chi', 'con nho', 'dua con', 'be nha', 'vo toi', 'chong toi',
  'vo minh', 'chong minh', 'me toi', 'bo toi', 'cha toi', 'me minh', 'bo minh', 'anh trai', 'chi gai', 'em trai',
  'em gai', 'nguoi than', 'gia dinh', 'nguoi nha', 'benh vien', 'tai nha', 'o nha', 'o que', 'que nha', 'cong ty toi',
  'hom qua', 'hom nay', 'tuan truoc', 'thang truoc', 'nam ngoai', 'nam nay', 'moi day', 'gan day', 'vua roi',
  'chu tro', 'hang xom', 'ong hang xom', 'chau ruot', 'song mot minh', 'duoi que', 'vai bua', 'o choi', 'cong nhan',
  'tap hoa', 'lam cong nhan', 'ban be', 'nguoi yeu', 'ban trai', 'ban gai',
];
