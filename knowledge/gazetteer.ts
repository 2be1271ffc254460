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

export type PlaceKind = 'province' | 'former-province' | 'former-district' | 'commune';

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
}

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

const ENTRIES: Entry[] = [...PROVINCES, ...FORMER, ...DISTRICTS, ...COMMUNES];

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

/**
 * Places in a question given as folded words (see foldText; punctuation removed). Longest match wins;
 * a place word right before it ("tỉnh", "huyện", "phường") is included in the span.
 */
export function findPlaces(words: readonly string[]): PlaceMention[] {
  const found: PlaceMention[] = [];
  for (let i = 0; i < words.length; i++) {
    const candidates = BY_FIRST.get(words[i] as string) ?? [];
    const match = candidates.find((c) => c.words.every((w, j) => words[i + j] === w));
    if (!match) continue;
    let start = i;
    for (const prefix of PLACE_PREFIXES) {
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

/** True when the place is inside Đồng Nai today (the city the assistant covers). */
export function isInDongNai(place: Place): boolean {
  return place.nowIn === DONG_NAI;
}
