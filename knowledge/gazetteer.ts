/**
 * Place names residents write in questions: the 34 provinces and cities since the 2025 reorganisation, the
 * provinces merged into them, the districts of Đồng Nai and Bình Phước abolished on 01/7/2025, and the
 * communes and wards of today's Đồng Nai that the facts file names. Source: /work/shared/facts/provinces-2025.md
 * (NQ 202/2025/QH15; NQ 30/2026/QH16 for Đồng Nai as a centrally-run city), written as data here.
 *
 * A place in a question is a slot, never the topic: "đăng ký tạm trú ở Bình Dương" is about tạm trú. The
 * question reader strips places before weighing evidence and uses them to check scope (we cover Đồng Nai).
 */
import { foldText } from './normalise.ts';

/** `foreign`: another country, or a nationality ("người Hàn", "Japanese"); never a scope, it marks a foreign element. */
export type PlaceKind = 'province' | 'former-province' | 'former-district' | 'commune' | 'foreign';

export interface Place {
  /** Display name, accented. */
  name: string;
  kind: PlaceKind;
  /** The province or centrally-run city the place belongs to today. */
  nowIn: string;
}

interface Entry extends Place {
  /** Folded spellings, each matched as whole words. */
  spellings: string[];
  /** How sure a foreign name is on its own (see FOREIGN); places are always sure. */
  sure?: Sureness;
  /** Folded words that, said next, make it another name ("Tây | Ninh", "Tây | Nguyên"). */
  notBefore?: string[];
}

/**
 * `free`: the name alone says it ("Hàn Quốc", "Đài Loan"); `accent`: typed with its accents it says it, without
 * them it is also an everyday phrase ("Ba Lan"/"ba lần", "Thái Lan"/"thai lần") and needs a nationality word
 * before it; `cue`: a syllable that is also a common word or a given name ("Hàn", "Mỹ", "Đức", "Nga") says it
 * only after a nationality word ("người Hàn", "quốc tịch Mỹ", "chồng Nhật").
 */
type Sureness = 'free' | 'accent' | 'cue';

const DONG_NAI = 'Đồng Nai';
const HCM = 'TP Hồ Chí Minh';

/** Name with its folded spelling plus extra ones (run-together, shorthand). */
const at = (name: string, kind: PlaceKind, nowIn: string, ...extra: string[]): Entry => ({
  name,
  kind,
  nowIn,
  spellings: [foldText(name), ...extra],
});

const PROVINCES: Entry[] = [
  'Hà Nội',
  'Huế',
  'Lai Châu',
  'Điện Biên',
  'Sơn La',
  'Lạng Sơn',
  'Quảng Ninh',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Cao Bằng',
  'Tuyên Quang',
  'Lào Cai',
  'Thái Nguyên',
  'Phú Thọ',
  'Bắc Ninh',
  'Hưng Yên',
  'Hải Phòng',
  'Ninh Bình',
  'Quảng Trị',
  'Đà Nẵng',
  'Quảng Ngãi',
  'Gia Lai',
  'Khánh Hòa',
  'Lâm Đồng',
  'Đắk Lắk',
  'Tây Ninh',
  'Cần Thơ',
  'Vĩnh Long',
  'Đồng Tháp',
  'Cà Mau',
  'An Giang',
].map((n) => at(n, 'province', n));
PROVINCES.push(
  at(
    HCM,
    'province',
    HCM,
    'ho chi minh',
    'hcm',
    'tphcm',
    'tp hcm',
    'hcmc',
    'sai gon',
    'saigon',
    'thanh pho ho chi minh',
  ),
  at(DONG_NAI, 'province', DONG_NAI, 'dong nai city'),
  at('Hà Nội', 'province', 'Hà Nội', 'hanoi'),
  at('Đắk Lắk', 'province', 'Đắk Lắk', 'dac lac', 'daklak'),
);

/** Provinces merged on 01/7/2025 → the unit that holds them now. */
const MERGED: Record<string, string> = {
  'Hà Giang': 'Tuyên Quang',
  'Yên Bái': 'Lào Cai',
  'Bắc Kạn': 'Thái Nguyên',
  'Vĩnh Phúc': 'Phú Thọ',
  'Hòa Bình': 'Phú Thọ',
  'Bắc Giang': 'Bắc Ninh',
  'Thái Bình': 'Hưng Yên',
  'Hải Dương': 'Hải Phòng',
  'Nam Định': 'Ninh Bình',
  'Hà Nam': 'Ninh Bình',
  'Quảng Bình': 'Quảng Trị',
  'Quảng Nam': 'Đà Nẵng',
  'Kon Tum': 'Quảng Ngãi',
  'Bình Định': 'Gia Lai',
  'Ninh Thuận': 'Khánh Hòa',
  'Đắk Nông': 'Lâm Đồng',
  'Bình Thuận': 'Lâm Đồng',
  'Phú Yên': 'Đắk Lắk',
  'Bình Dương': HCM,
  'Bà Rịa - Vũng Tàu': HCM,
  'Vũng Tàu': HCM,
  'Long An': 'Tây Ninh',
  'Sóc Trăng': 'Cần Thơ',
  'Hậu Giang': 'Cần Thơ',
  'Bến Tre': 'Vĩnh Long',
  'Trà Vinh': 'Vĩnh Long',
  'Tiền Giang': 'Đồng Tháp',
  'Bạc Liêu': 'Cà Mau',
  'Kiên Giang': 'An Giang',
  'Thừa Thiên Huế': 'Huế',
  'Bình Phước': DONG_NAI,
};
const FORMER: Entry[] = Object.entries(MERGED).map(([name, now]) => at(name, 'former-province', now));
FORMER.push(at('Bà Rịa - Vũng Tàu', 'former-province', HCM, 'ba ria vung tau', 'brvt', 'br vt'));

/** Districts that ended on 01/7/2025: Đồng Nai's 11 and former Bình Phước's 11 (all in Đồng Nai now). */
const DISTRICTS: Entry[] = [
  'Biên Hòa',
  'Long Khánh',
  'Tân Phú',
  'Vĩnh Cửu',
  'Định Quán',
  'Trảng Bom',
  'Cẩm Mỹ',
  'Long Thành',
  'Xuân Lộc',
  'Nhơn Trạch',
  'Đồng Xoài',
  'Bình Long',
  'Phước Long',
  'Chơn Thành',
  'Đồng Phú',
  'Bù Đăng',
  'Bù Đốp',
  'Bù Gia Mập',
  'Hớn Quản',
  'Lộc Ninh',
  'Phú Riềng',
].map((n) => at(n, 'former-district', DONG_NAI));
// "Thống Nhất" is also an everyday word ("thống nhất" = agree): only "huyện Thống Nhất" is the place.
DISTRICTS.push({ name: 'Thống Nhất', kind: 'former-district', nowIn: DONG_NAI, spellings: ['huyen thong nhat'] });

/** Communes and wards of today's Đồng Nai named in the facts file (not the full list of 95). */
const COMMUNES: Entry[] = ['Trấn Biên', 'Phước Bình', 'Dầu Giây', 'Tân Khai', 'Trị An'].map((n) =>
  at(n, 'commune', DONG_NAI),
);

/**
 * Countries and nationalities residents name when a spouse, a parent or the person asking is foreign
 * ("chồng em người Hàn", "lấy chồng Đài Loan", "ông xã Hàn Quốc"): the countries of Đồng Nai's foreign workers and
 * spouses first, then others. A foreign element picks the foreign-element procedure among siblings.
 * Vietnamese provinces are places above, never foreign ("người Thanh Hóa", "quê Thanh Hóa").
 * Left out on purpose: "người Hoa", "người Thái" (ethnic groups of Việt Nam), "Anh" (a pronoun), "Lào" unaccented
 * ("lao động"), "Ý" ("ý kiến"), "Bỉ" ("người bị …"), "Đại Hàn" ("dài hạn"); "Mông Cổ" and "Thụy Điển" need their
 * accents ("mong có", "thủy điện").
 */
const FOREIGN_NAMES: ReadonlyArray<readonly [name: string, sure: Sureness, spellings: readonly string[]]> = [
  ['Hàn Quốc', 'free', ['han quoc', 'nam han', 'korea']],
  ['Hàn Quốc', 'cue', ['han']],
  ['Nhật Bản', 'free', ['nhat ban', 'japan']],
  ['Nhật Bản', 'cue', ['nhat']],
  ['Trung Quốc', 'free', ['trung quoc', 'china']],
  ['Đài Loan', 'free', ['dai loan', 'taiwan']],
  ['Thái Lan', 'accent', ['thái lan']],
  ['Lào', 'accent', ['lào']],
  ['Campuchia', 'free', ['campuchia', 'cam pu chia', 'cambodia']],
  ['Philippines', 'free', ['philippines', 'philippin', 'phi lip pin', 'philipin', 'philippine']],
  ['Malaysia', 'free', ['malaysia', 'ma lai xi a']],
  ['Indonesia', 'free', ['indonesia', 'in do ne xi a']],
  ['Singapore', 'free', ['singapore', 'xin ga po']],
  ['Myanmar', 'free', ['myanmar', 'mien dien']],
  ['Ấn Độ', 'accent', ['ấn độ']],
  ['Triều Tiên', 'free', ['trieu tien', 'bac han']],
  ['Mông Cổ', 'accent', ['mông cổ']],
  ['Hoa Kỳ', 'free', ['hoa ky', 'america', 'usa']],
  ['Hoa Kỳ', 'cue', ['my']],
  ['Pháp', 'cue', ['phap']],
  ['Đức', 'cue', ['duc']],
  ['Úc', 'cue', ['uc']],
  ['Úc', 'free', ['australia']],
  ['Nga', 'cue', ['nga']],
  ['Canada', 'free', ['canada', 'ca na da']],
  ['Hà Lan', 'accent', ['hà lan']],
  ['Ba Lan', 'accent', ['ba lan']],
  ['Tây Ban Nha', 'free', ['tay ban nha']],
  ['Bồ Đào Nha', 'free', ['bo dao nha']],
  ['Thụy Điển', 'accent', ['thụy điển']],
  ['Thụy Sĩ', 'free', ['thuy si']],
  ['Đan Mạch', 'free', ['dan mach']],
  ['Na Uy', 'free', ['na uy']],
  ['New Zealand', 'free', ['new zealand']],
  ['Thổ Nhĩ Kỳ', 'free', ['tho nhi ky']],
  ['Hồng Kông', 'free', ['hong kong', 'hongkong']],
  ['Châu Âu', 'cue', ['chau au']],
  ['Châu Phi', 'cue', ['chau phi']],
  // "lấy chồng Tây", "người Tây": a Westerner; "Tây Ninh", "miền Tây", "Tây Nguyên" are Việt Nam.
  ['Tây', 'cue', ['tay']],
];

const FOREIGN: Entry[] = FOREIGN_NAMES.map(([name, sure, spellings]) => ({
  name,
  kind: 'foreign',
  nowIn: name,
  // An accented spelling is matched on the typed words; its folded form is what the word index holds.
  spellings: spellings.map(foldText),
  sure,
  ...(name === 'Tây' ? { notBefore: ['ninh', 'nguyen', 'bac', 'nam', 'do', 'ban'] } : {}),
}));
/** The accented spellings of `accent` entries, folded → as typed. */
const ACCENTED = new Map(
  FOREIGN_NAMES.filter(([, sure]) => sure === 'accent').flatMap(([, , spellings]) =>
    spellings.map((s) => [foldText(s), s] as const),
  ),
);

/**
 * Words after which a country's name is a nationality or a country: "người", "dân", "quốc tịch", "chồng", "vợ",
 * "bên Hàn", "sang Nhật", "đi Mỹ". Not "xã" ("xã Mỹ
 * Lộc" is a commune) nor "lấy" ("lấy tay").
 */
const NATIONALITY_WORDS = new Set(['nguoi', 'dan', 'tich', 'chong', 'vo', 'ben', 'sang', 'di']);

/** English nationality words (matched in English questions only: "thai" is also Vietnamese "thai", pregnancy). */
const ENGLISH_NATIONALITIES = new Set(
  (
    'foreign foreigner foreigners expat korean japanese chinese taiwanese thai filipino filipina cambodian laotian ' +
    'lao malaysian indonesian singaporean burmese indian american french german british australian canadian ' +
    'russian italian spanish dutch swedish danish norwegian swiss czech turkish ukrainian mongolian european ' +
    'african brazilian mexican nigerian pakistani bangladeshi nepali korea japan thailand philippines laos ' +
    'cambodia singapore malaysia indonesia myanmar india france germany england uk italy spain russia canada'
  ).split(' '),
);

const ENTRIES: Entry[] = [...PROVINCES, ...FORMER, ...DISTRICTS, ...COMMUNES, ...FOREIGN];

/** Words that introduce a place and belong to the slot ("tỉnh", "huyện", "phường"). */
const PLACE_PREFIXES = ['tinh', 'thanh pho', 'tp', 'huyen', 'quan', 'thi xa', 'thi tran', 'phuong', 'xa', 'o', 'tai'];

const BY_FIRST = (() => {
  const map = new Map<string, Array<{ words: string[]; entry: Entry }>>();
  for (const entry of ENTRIES) {
    for (const spelling of entry.spellings) {
      const words = spelling.split(' ');
      const list = map.get(words[0] as string) ?? [];
      list.push({ words, entry });
      map.set(words[0] as string, list);
    }
  }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return map;
})();

/** A place found in a question: which words (indexes into the folded words) and what it is. */
export interface PlaceMention extends Place {
  start: number;
  end: number;
}

/** How a question's words are read: the words as typed (for accented names), English (its nationality words). */
export interface PlaceReading {
  typed?: readonly string[];
  english?: boolean;
}

/**
 * Places in a question given as folded words (see foldText; punctuation removed). Longest match wins;
 * a place word right before it ("tỉnh", "huyện", "phường") is included in the span. Foreign countries and
 * nationalities come back as kind `foreign` (see FOREIGN_NAMES); `typed` (the words as typed, one per folded
 * word) lets an accented name ("Ba Lan") be told from its everyday look-alike ("ba lần").
 */
export function findPlaces(words: readonly string[], reading: PlaceReading = {}): PlaceMention[] {
  const found: PlaceMention[] = [];
  for (let i = 0; i < words.length; i++) {
    if (reading.english && ENGLISH_NATIONALITIES.has(words[i] as string)) {
      found.push({ name: words[i] as string, kind: 'foreign', nowIn: words[i] as string, start: i, end: i + 1 });
      continue;
    }
    const candidates = BY_FIRST.get(words[i] as string) ?? [];
    const match = candidates.find(
      (c) => c.words.every((w, j) => words[i + j] === w) && foreignNameHolds(c.entry, c.words, words, i, reading),
    );
    if (!match) continue;
    let start = i;
    // "ở Hàn Quốc": the country is the slot, "ở" stays (it reads "sinh ở nước ngoài").
    for (const prefix of match.entry.kind === 'foreign' ? [] : PLACE_PREFIXES) {
      const p = prefix.split(' ');
      if (start >= p.length && p.every((w, j) => words[start - p.length + j] === w)) {
        start -= p.length;
        break;
      }
    }
    const { name, kind, nowIn } = match.entry;
    found.push({ name, kind, nowIn, start, end: i + match.words.length });
    i += match.words.length - 1;
  }
  return found;
}

/** True when a foreign name at `i` is one here (its sureness, the word before it, the word after it). */
function foreignNameHolds(
  entry: Entry,
  spelling: readonly string[],
  words: readonly string[],
  i: number,
  reading: PlaceReading,
): boolean {
  if (entry.kind !== 'foreign') return true;
  if (entry.notBefore?.includes(words[i + spelling.length] ?? '')) return false;
  // "miền Tây", "người miền Tây": a region of Việt Nam.
  if (words[i - 1] === 'mien') return false;
  const afterNationalityWord = NATIONALITY_WORDS.has(words[i - 1] ?? '');
  if (entry.sure === 'cue') return afterNationalityWord;
  if (entry.sure === 'accent') {
    const typed = reading.typed
      ?.slice(i, i + spelling.length)
      .join(' ')
      .normalize('NFC')
      .toLowerCase();
    // One syllable needs its accents whatever comes before it: "người lao động" is not "người Lào".
    return (afterNationalityWord && spelling.length > 1) || typed === ACCENTED.get(spelling.join(' '));
  }
  return true;
}

/** True when the place is inside Đồng Nai today (the city the assistant covers). */
export function isInDongNai(place: Place): boolean {
  return place.nowIn === DONG_NAI;
}
