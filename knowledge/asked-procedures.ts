/**
 * Procedures, benefits and papers residents ask about, whether or not a source holds them: a gazetteer of
 * what people name, as knowledge's `gazetteer.ts` is one of places. A question naming one of these that no held
 * procedure's names contain asks about something the sources do not cover, however many words it shares with a
 * held sheet ("nhận con nuôi" with "nhận cha, mẹ, con"; "lương hưu" with the unemployment sheet's "đủ điều kiện
 * hưởng lương hưu"; "international driving permit" with the driving licence). Whether an entry is held is read
 * from the base's procedure names when the question is asked, never here: a base that adds "Đăng ký nuôi con
 * nuôi" holds adoption from then on.
 *
 * `vi`: folded phrases (no diacritics, lowercase, chat shorthand spelled out as the question reader does) that
 * name the thing on their own; the held check looks for them inside the base's name phrases, so they are the
 * words a sheet about it would be named with. Each must not be a folded look-alike of everyday words
 * ("con nuôi" alone is also "còn nuôi": only "nhận con nuôi" and the like). `en`: lowercase English phrases
 * (a trailing "s" is also read).
 */

export interface AskedProcedure {
  /** How a refusal names it. */
  name: { vi: string; en: string };
  vi: readonly string[];
  en: readonly string[];
  /** Longer phrases holding one of the above that name something else ("thẻ visa" is a bank card). */
  except?: readonly string[];
}

/**
 * English words for a paper that end the phrase naming it ("international driving | permit", "work permit |
 * card"): read with the phrase, so what is left of the question does not name a held paper by them.
 */
export const ENGLISH_PAPER_WORDS: ReadonlySet<string> = new Set(
  'permit permits licence licences license licenses card cards certificate certificates s extension renewal application'.split(
    ' ',
  ),
);

export const ASKED_PROCEDURES: readonly AskedProcedure[] = [
  {
    name: { vi: 'thủ tục nhận con nuôi', en: 'adoption' },
    vi: ['nhan con nuoi', 'nhan nuoi con', 'xin con nuoi', 'nuoi con nuoi', 'lam con nuoi', 'xin nuoi con'],
    en: ['adopt', 'adopted', 'adopting', 'adoption', 'adoptive'],
  },
  {
    name: { vi: 'lương hưu, chế độ hưu trí', en: 'pensions and retirement' },
    vi: ['luong huu', 've huu', 'nghi huu', 'huu tri', 'che do huu', 'so huu tri'],
    en: ['pension', 'retirement', 'retire', 'retired', 'retiring'],
  },
  {
    name: { vi: 'thủ tục ly hôn', en: 'divorce' },
    vi: ['ly hon', 'ly di', 'thuan tinh ly hon', 'don ly hon'],
    en: ['divorce', 'divorced', 'divorcing'],
  },
  {
    name: { vi: 'giấy phép lao động', en: 'work permits' },
    vi: ['giay phep lao dong', 'work permit', 'mien giay phep lao dong'],
    en: ['work permit', 'labour permit', 'labor permit', 'working permit'],
  },
  {
    name: { vi: 'thị thực (visa)', en: 'visas' },
    vi: ['thi thuc', 'visa', 'mien thi thuc'],
    en: ['visa', 'e-visa', 'evisa'],
    except: ['the visa', 'visa card', 'visa debit', 'the ngan hang visa'],
  },
  {
    name: { vi: 'thẻ tạm trú cho người nước ngoài', en: 'temporary residence cards' },
    vi: ['the tam tru', 'the thuong tru'],
    en: ['residence card', 'residence cards', 'trc', 'residence permit'],
  },
  {
    name: { vi: 'hộ chiếu công vụ, hộ chiếu ngoại giao', en: 'official and diplomatic passports' },
    vi: ['ho chieu cong vu', 'ho chieu ngoai giao'],
    en: ['official passport', 'diplomatic passport', 'service passport'],
  },
  {
    name: { vi: 'giấy phép lái xe quốc tế', en: 'international driving permits' },
    vi: ['giay phep lai xe quoc te', 'bang lai quoc te', 'bang lai xe quoc te', 'idp'],
    en: ['international driving', 'international driver', 'international licence', 'international license', 'idp'],
  },
  {
    name: { vi: 'đăng kiểm xe', en: 'vehicle inspection' },
    // Not "đăng kiểm" alone: folded it is also "đang kiểm (tra)".
    vi: ['han dang kiem', 'di dang kiem', 'dang kiem xe', 'so dang kiem', 'tem dang kiem', 'kiem dinh xe'],
    en: ['vehicle inspection', 'car inspection', 'roadworthiness', 'registration inspection', 'inspection sticker'],
  },
  {
    name: { vi: 'bảo hiểm xe (trách nhiệm dân sự)', en: 'vehicle insurance' },
    vi: ['bao hiem xe', 'bao hiem xe may', 'bao hiem o to', 'bao hiem trach nhiem dan su', 'bao hiem bat buoc xe'],
    en: ['car insurance', 'motorbike insurance', 'motorcycle insurance', 'vehicle insurance', 'third party insurance'],
  },
  {
    name: { vi: 'đăng ký xe mới, biển số xe', en: 'registering a new vehicle and its plates' },
    // Not "ô tô" alone: folded it is also "ở tổ" (dân phố).
    vi: [
      'bien so xe',
      'bam bien so',
      'bam bien',
      'cap bien so',
      'dang ky xe o to',
      'xe o to',
      'xe hoi',
      'dang ky xe moi',
    ],
    en: ['license plate', 'licence plate', 'number plate', 'car', 'automobile', 'car registration'],
  },
  {
    name: { vi: 'đăng ký tàu, thuyền', en: 'boat registration' },
    vi: ['tau ca', 'phuong tien thuy', 'dang ky tau', 'dang ky thuyen', 'dang ky ghe'],
    // Not "ship": chat Vietnamese uses it for delivery ("ship kết quả về nhà").
    en: ['boat', 'vessel', 'fishing boat', 'fishing licence', 'fishing license'],
  },
  {
    name: { vi: 'học bạ, bằng tốt nghiệp', en: 'school records and diplomas' },
    vi: ['hoc ba', 'bang tot nghiep', 'cap lai bang tot nghiep', 'bang cap 3'],
    en: ['school record', 'transcript', 'report card', 'diploma'],
  },
  {
    name: { vi: 'chuyển trường, nhập học', en: 'school transfer and enrolment' },
    vi: ['chuyen truong', 'nhap hoc', 'xin hoc', 'tuyen sinh', 'chuyen lop'],
    en: ['school transfer', 'transfer school', 'change school', 'enrol', 'enroll', 'enrolment', 'enrollment'],
  },
  {
    name: { vi: 'chế độ thai sản, ốm đau', en: 'maternity and sickness benefits' },
    vi: ['thai san', 'che do om dau', 'nghi om huong'],
    en: ['maternity', 'sick leave', 'sickness benefit'],
  },
  {
    name: { vi: 'bảo hiểm xã hội tự nguyện', en: 'voluntary social insurance' },
    vi: ['bao hiem xa hoi tu nguyen', 'bhxh tu nguyen'],
    en: ['voluntary social insurance'],
  },
  {
    name: { vi: 'trợ cấp, bảo trợ xã hội', en: 'social assistance' },
    vi: ['tro cap xa hoi', 'bao tro xa hoi', 'tro cap nguoi cao tuoi', 'tro cap khuyet tat'],
    en: ['social assistance', 'social allowance', 'welfare', 'elderly allowance', 'disability allowance'],
  },
  {
    name: { vi: 'xét, công nhận hộ nghèo', en: 'poor-household certification' },
    vi: ['xet ho ngheo', 'cong nhan ho ngheo', 'so ho ngheo', 'giay chung nhan ho ngheo', 'thoat ngheo'],
    en: ['poor household certificate', 'poverty certificate'],
  },
  {
    name: { vi: 'quốc tịch', en: 'citizenship' },
    vi: ['nhap quoc tich', 'thoi quoc tich', 'xin quoc tich', 'tro lai quoc tich', 'xac nhan quoc tich'],
    en: ['citizenship', 'naturalization', 'naturalisation', 'naturalize', 'naturalise'],
  },
  {
    name: { vi: 'nghĩa vụ quân sự', en: 'military service' },
    vi: ['nghia vu quan su', 'di nghia vu', 'hoan nghia vu', 'kham nghia vu'],
    en: ['military service', 'conscription'],
  },
  {
    name: { vi: 'chuyển mục đích, tách thửa, hợp thửa đất', en: 'land conversion and plot division' },
    vi: ['chuyen muc dich su dung dat', 'tach thua', 'hop thua', 'len tho cu', 'chuyen len tho cu'],
    en: ['land conversion', 'subdivide', 'subdivision', 'split the plot', 'split my land'],
  },
  {
    name: { vi: 'thừa kế, di chúc', en: 'inheritance and wills' },
    vi: ['thua ke', 'di chuc', 'khai nhan thua ke', 'phan chia di san'],
    en: ['inheritance', 'inherit', 'inherited', 'last will'],
  },
  {
    name: { vi: 'giấy chứng nhận an toàn thực phẩm', en: 'food safety certificates' },
    vi: ['an toan thuc pham', 've sinh an toan thuc pham', 'atvstp', 'attp'],
    en: ['food safety', 'food hygiene'],
  },
  {
    name: { vi: 'đăng ký nhãn hiệu', en: 'trademark registration' },
    vi: ['nhan hieu', 'so huu tri tue', 'ban quyen'],
    en: ['trademark', 'copyright', 'patent'],
  },
  {
    name: { vi: 'giấy khám sức khỏe', en: 'health certificates' },
    vi: ['giay kham suc khoe', 'kham suc khoe'],
    en: ['health check', 'medical certificate', 'medical check'],
  },
  {
    name: { vi: 'xuất khẩu lao động', en: 'working abroad' },
    vi: ['xuat khau lao dong', 'di lao dong nuoc ngoai'],
    en: ['work abroad', 'overseas labour', 'overseas labor'],
  },
  {
    name: { vi: 'cấp số nhà', en: 'house numbers' },
    vi: ['cap so nha', 'xin so nha', 'gan so nha', 'bien so nha'],
    en: ['house number'],
  },
  {
    name: { vi: 'giấy phép kinh doanh vận tải, phù hiệu xe', en: 'transport licences' },
    vi: ['phu hieu', 'kinh doanh van tai', 'giay phep van tai'],
    en: ['transport licence', 'transport license', 'taxi licence', 'taxi license'],
  },
];
