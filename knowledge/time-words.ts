/**
 * Words that name a day in a question ("đầu tháng 1/2027", "tháng 3 năm sau", "sang năm", "next January") and
 * words that count what a fee is charged by ("10 trang", "4 bản", "3 pages"). All folded (no accents, lower case):
 * answer/question-day.ts and answer/fee-total.ts read questions with these, and no list of their own.
 */

/** Month names besides the number: Vietnamese ("tháng giêng", "tháng chạp") and English (not "may": folded, it is "mấy"). */
export const MONTH_WORDS: Readonly<Record<string, number>> = {
  gieng: 1,
  chap: 12,
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  april: 4,
  apr: 4,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Which part of a month or year: "đầu tháng" is its first day, "giữa" the 15th, "cuối" its last day. */
export const PERIOD_PARTS: Readonly<Record<string, 'start' | 'middle' | 'end'>> = {
  dau: 'start',
  giua: 'middle',
  cuoi: 'end',
  early: 'start',
  mid: 'middle',
  late: 'end',
  end: 'end',
};

/** Words before "cuoi" that make it "cưới" (a wedding), not "cuối" (the end): "tính cưới tháng 3", "đám cưới". */
export const PART_NOT_AFTER: ReadonlySet<string> = new Set(['tinh', 'dam', 'le', 'an', 'thiep', 'du']);

/** A year said relative to today ("năm sau" +1, "năm nay" 0, "năm ngoái" −1). */
export const RELATIVE_YEARS: ReadonlyArray<{ phrase: string; years: number }> = [
  { phrase: 'nam sau', years: 1 },
  { phrase: 'nam toi', years: 1 },
  { phrase: 'sang nam', years: 1 },
  { phrase: 'qua nam', years: 1 },
  { phrase: 'next year', years: 1 },
  { phrase: 'nam nay', years: 0 },
  { phrase: 'this year', years: 0 },
  { phrase: 'nam ngoai', years: -1 },
  { phrase: 'nam truoc', years: -1 },
  { phrase: 'nam roi', years: -1 },
  { phrase: 'last year', years: -1 },
];

/** A month said relative to today ("tháng sau" +1, "tháng trước" −1). */
export const RELATIVE_MONTHS: ReadonlyArray<{ phrase: string; months: number }> = [
  { phrase: 'thang sau', months: 1 },
  { phrase: 'thang toi', months: 1 },
  { phrase: 'next month', months: 1 },
  { phrase: 'thang truoc', months: -1 },
  { phrase: 'thang roi', months: -1 },
  { phrase: 'last month', months: -1 },
];

/** Units of "N … nữa / sau / tới" ("3 tháng nữa", "2 tuần sau"), in days or months. */
export const SPAN_UNITS: Readonly<Record<string, { days?: number; months?: number }>> = {
  ngay: { days: 1 },
  tuan: { days: 7 },
  thang: { months: 1 },
  nam: { months: 12 },
  days: { days: 1 },
  weeks: { days: 7 },
  months: { months: 1 },
  years: { months: 12 },
};
/** Words after a span that put it ahead of today ("3 tháng nữa", "2 năm sau", "in 3 months" reads "months"). */
export const SPAN_AHEAD: ReadonlySet<string> = new Set(['nua', 'sau', 'toi']);

/** Words right before a year that make it a day asked ("năm 2027", "từ 2027", "sang 2027", "in 2027"). */
export const YEAR_LEADS: ReadonlySet<string> = new Set(
  'nam tu sang den toi trong hoi vao luc khi in from by until during after'.split(' '),
);

/**
 * Words right before a day in the past that make it the day asked ("hồi tháng 6/2026 tui làm …"): without one, a
 * past date is the story ("tháng 10 vừa rồi công ty cắt giảm"), and the rule of today answers.
 */
export const PAST_LEADS: ReadonlySet<string> = new Set(['hoi', 'vao', 'luc', 'khi', 'in', 'back']);

/** A month said without a year is one gone by when these follow it ("tháng 10 vừa rồi") or come before it. */
export const PAST_AFTER: ReadonlySet<string> = new Set(['vua', 'roi', 'qua', 'truoc', 'ago', 'last']);
export const PAST_BEFORE: ReadonlySet<string> = new Set(['da', 'hoi', 'vua', 'last']);

/** Phrases that put the question today ("giờ", "bây giờ", "hiện nay"): then a past day is only the story. */
export const NOW_PHRASES: readonly string[] = ['gio', 'hien nay', 'hien tai', 'hom nay', 'now', 'today', 'currently'];

/** Words after "N ngày sau" that make it a span of a rule ("60 ngày sau khi sinh"), not a day ahead. */
export const SPAN_RULE_FOLLOWERS: ReadonlySet<string> = new Set(['khi', 'ke', 'tu', 'ngay', 'when', 'after']);

/**
 * What a fee is charged by, and the words a question counts it in: "10 trang" and "3 pages" are pages, "4 bản",
 * "2 phiếu" and "3 copies" are copies. `unit` is how the sheets write it after "đ/" (folded).
 */
export const COUNT_UNITS: ReadonlyArray<{ unit: string; shown: string; words: readonly string[] }> = [
  { unit: 'trang', shown: 'trang', words: ['trang', 'page', 'pages'] },
  { unit: 'ban', shown: 'bản', words: ['ban', 'phieu', 'copy', 'copies'] },
  { unit: 'nguoi', shown: 'người', words: ['nguoi', 'person', 'people', 'persons'] },
];

/** Sheet units that name the same thing counted: a "phiếu" lý lịch tư pháp is one copy ("bản") of it. */
export const SAME_COUNT_UNIT: Readonly<Record<string, string>> = { phieu: 'ban', 'ban sao': 'ban' };

/** Sheet units charged once per request, whatever the count ("200.000đ/lần yêu cầu"). */
export const PER_REQUEST_UNITS: ReadonlySet<string> = new Set(['lan yeu cau', 'lan', 'ho so']);

/** Ordinals as sheets write them ("trang thứ nhất", "từ phiếu thứ ba"). */
export const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  nhat: 1,
  mot: 1,
  hai: 2,
  ba: 3,
  tu: 4,
  nam: 5,
  sau: 6,
};

/** A count said with "thêm" ("xin thêm 2 bản") is on top of the one copy asked already. */
export const MORE_WORDS: ReadonlySet<string> = new Set(['them', 'more', 'extra', 'additional']);
