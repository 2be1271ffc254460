/**
 * Numbers with a unit in a question and in a sheet's lines. A question that states one ("đóng được 10 tháng",
 * "con sinh được 4 tháng") is asking about the bound the sheet sets in the same kind of unit ("đủ 12 tháng
 * trong 24 tháng", "trong 60 ngày"); a question that asks one ("mấy hộ", "mấy h", "bao nhiêu ngày") is
 * answered by a line that states a number in that unit ("một hộ", "23 giờ"). All text is folded.
 */

import { STOPWORDS } from './query-text.ts';

/** Units of time, each in days, so "4 tháng" and "60 ngày" compare. */
const DAYS: Readonly<Record<string, number>> = { ngay: 1, tuan: 7, thang: 30, nam: 365 };
/** Spoken forms of the same unit: "mấy h", "mấy tiếng" ask for hours ("giờ"). */
const SAME_UNIT: Readonly<Record<string, string>> = { h: 'gio', tieng: 'gio', phan: '%', '%': '%' };
/** Number words a sheet writes out ("một hộ kinh doanh"). "năm" is left out: it is also "year". */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};
/** Words that make a number a bound ("đủ 12 tháng", "trước 23 giờ", "tối đa 12 tháng"). */
const BOUND = /(?:^| )(?:du|tu du|tu|tren|duoi|toi da|toi thieu|khong qua|it nhat|nhieu nhat|trong|truoc|sau|qua|chi)$/;
/** Units a stated number can carry for this comparison (ages have their own rules in parts-facets.ts). */
const STATED_UNITS = new Set(['ngay', 'thang', 'nam', 'tuan', 'gio', 'lan', 'trang', 'ho']);
/** The words that ask for a number. */
const ASKS_NUMBER = /(?:^| )(?:may|bao nhieu) (\S+)/;

export interface Quantity {
  value: number;
  unit: string;
  /** A bound word comes right before the number. */
  bound: boolean;
  /** The three words before the number. */
  before: string;
  /** Written in digits (a number word such as "ba" is as often "father" as "three"). */
  digits: boolean;
  /** The word after the unit ("kinh" of "một hộ kinh doanh"): what is counted. */
  after: string;
}

const unitOf = (word: string) => SAME_UNIT[word] ?? word;
const dimension = (unit: string) => (unit in DAYS ? 'time' : unit);
const numberOf = (word: string) => (/^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word] ?? null));

/** Every "number unit" in a folded text ("10 thang", "23h", "mot ho"), units normalised. */
export function quantitiesIn(folded: string): Quantity[] {
  const words = folded.split(' ').filter((w) => w.length > 0);
  const out: Quantity[] = [];
  words.forEach((word, i) => {
    // "23h", "60%": the unit typed onto the number.
    const glued = /^(\d+)(h|%)$/.exec(word);
    const value = glued ? Number(glued[1]) : numberOf(word);
    const unit = glued ? glued[2] : words[i + 1];
    // "12 36 thang" (from "12–36 tháng") is a range: its unit is the one after the second number. "01 7 2025 ho"
    // is a date before a word, no count.
    if (value === null || !unit || /^\d/.test(unit)) return;
    if (/^\d/.test(words[i - 1] ?? '') && /^\d/.test(words[i - 2] ?? '')) return;
    const before = words.slice(Math.max(0, i - 3), i).join(' ');
    const after = words[i + (glued ? 1 : 2)] ?? '';
    out.push({ value, unit: unitOf(unit), bound: BOUND.test(before), before, digits: /^\d/.test(word), after });
  });
  return out;
}

/** The unit a folded question asks a number in ("may ho" → "ho", "may h" → "gio"), or null. */
/** The word after the unit asked ("kinh" of "mấy hộ kinh doanh"), or "". */
export function askedThing(folded: string): string {
  return /(?:^| )(?:may|bao nhieu) \S+ (\S+)/.exec(folded)?.[1] ?? '';
}

export function askedUnit(folded: string): string | null {
  const word = ASKS_NUMBER.exec(folded)?.[1];
  if (!word || word === 'tien' || word === 'lau') return null;
  // "công nhân may ở khu công nghiệp": "may" (sewing) before a function word asks nothing.
  if (!(word in DAYS) && !STATED_UNITS.has(word) && !(word in SAME_UNIT) && STOPWORDS.has(word)) return null;
  return unitOf(word === 'phan' ? '%' : word);
}

/** The numbers a question states itself in a unit that a sheet may bound (not asked with "mấy"). */
export function statedQuantities(folded: string): Quantity[] {
  // A number word is a count only in a line; in a question "ba" is as often "father" as "three".
  return quantitiesIn(folded).filter((q) => STATED_UNITS.has(q.unit) && q.value > 0 && q.digits);
}

/**
 * How well a line's bounds meet the question's stated numbers: a bound in the same kind of unit (+2.5), closer
 * to the stated number (up to +1: "12 tháng" for "10 tháng" before "03 tháng").
 */
export function boundScore(stated: readonly Quantity[], foldedLine: string): number {
  if (stated.length === 0) return 0;
  let best = 0;
  // Only a bound ("đủ 12 tháng", "trong 60 ngày") is measured against: "một lần" in "hưởng BHXH một lần" is a name.
  for (const q of quantitiesIn(foldedLine).filter((x) => x.bound)) {
    for (const s of stated) {
      const dim = dimension(unitOf(s.unit));
      if (dimension(q.unit) !== dim || q.value === 0) continue;
      const scale = (u: string) => DAYS[u] ?? 1;
      const ratio = (s.value * scale(unitOf(s.unit))) / (q.value * scale(q.unit));
      const score = 1.5 + (q.bound ? 1 : 0) + 1 / (1 + Math.abs(Math.log(ratio)));
      best = Math.max(best, score);
    }
  }
  return best;
}

/** True when a line states a number in the unit of one of the stated quantities. */
export function statesSameKind(stated: readonly Quantity[], foldedLine: string): boolean {
  return boundScore(stated, foldedLine) > 0;
}

/** A bound line must score this much: a number of the same kind said as a bound ("trong 60 ngày"). */
const MIN_BOUND = 2.5;

/**
 * The sheet line that states the bound a question's own number is measured against, when the answer shown so far
 * (`shownFolded`) states no number of that kind: "con sinh được 4 tháng … có bị phạt không" is answered "không bị
 * phạt", and the 60-day limit tells the person they are late. Sheet order breaks ties (the summary comes first).
 */
export function boundLine<T extends { text: string }>(
  lines: readonly T[],
  stated: readonly Quantity[],
  shownFolded: string,
  fold: (text: string) => string,
): T | null {
  if (stated.length === 0 || statesSameKind(stated, shownFolded)) return null;
  let best: { line: T; score: number } | null = null;
  for (const line of lines) {
    const score = boundScore(stated, fold(line.text));
    if (score >= MIN_BOUND && (!best || score > best.score)) best = { line, score };
  }
  return best?.line ?? null;
}

/** Words that make a number a minimum the person must reach ("đủ 12 tháng", "ít nhất 5 năm"). */
const MINIMUM = /(?:^| )(?:du|tu du|it nhat|toi thieu)$/;

/**
 * True when a number the question states is below a minimum the line sets in the same kind of unit: "đóng được
 * 10 tháng" against "đủ 12 tháng" has not met it. Meeting one minimum says nothing of the other conditions, so
 * there is no "yes" counterpart.
 */
export function belowMinimum(stated: readonly Quantity[], foldedLine: string): boolean {
  const scale = (u: string) => DAYS[u] ?? 1;
  return quantitiesIn(foldedLine.trim()).some(
    (q) =>
      MINIMUM.test(q.before) &&
      stated.some((s) => dimension(s.unit) === dimension(q.unit) && s.value * scale(s.unit) < q.value * scale(q.unit)),
  );
}

/** Bounds a line sets on a number: "dưới 1 năm", "từ 1 năm trở lên", "tối đa 12 tháng", "đủ 12 tháng". */
const RULES: ReadonlyArray<{ re: RegExp; holds: (x: number, n: number) => boolean }> = [
  { re: / duoi (\d+) (\S+)/g, holds: (x, n) => x < n },
  { re: / (?:tren|qua) (\d+) (\S+)/g, holds: (x, n) => x > n },
  { re: / (?:tu du|tu|du|toi thieu|it nhat) (\d+) (\S+)(?! den)/g, holds: (x, n) => x >= n },
  { re: / (?:toi da|khong qua) (\d+) (\S+)/g, holds: (x, n) => x <= n },
];

/**
 * Whether a number the question states meets the bounds a line sets in the same kind of unit: "quá hạn 2 năm"
 * meets "từ 1 năm trở lên" and fails "dưới 1 năm"; "đóng 10 tháng" fails "đủ 12 tháng". "fails" when some bound
 * fails, "meets" when the line's bounds all hold, null when the line bounds no such number.
 */
export function quantityVerdict(stated: readonly Quantity[], foldedLine: string): 'meets' | 'fails' | null {
  const scale = (u: string) => DAYS[u] ?? 1;
  let verdict: 'meets' | 'fails' | null = null;
  for (const rule of RULES) {
    for (const m of ` ${foldedLine.trim()} `.matchAll(rule.re)) {
      const unit = unitOf(m[2] as string);
      const s = stated.find((q) => dimension(unitOf(q.unit)) === dimension(unit));
      if (!s) continue;
      if (!rule.holds(s.value * scale(unitOf(s.unit)), Number(m[1]) * scale(unit))) return 'fails';
      verdict = 'meets';
    }
  }
  return verdict;
}
