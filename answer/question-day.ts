/**
 * The day a question means: "đầu tháng 1/2027 tui mới rảnh đi làm" asks about the rules of 01/1/2027, "tháng 3 năm
 * sau" of 1 March next year, "sang năm" of 1 January next year, "3 tháng nữa" of today plus three months. Relative
 * words are read from `asOf` (today). A day in the past counts only when asked as such ("hồi tháng 6/2026 …") and
 * the question does not put itself today ("giờ", "hiện nay"): otherwise it is the story ("tháng 10 vừa rồi công ty
 * cắt giảm") and today's rule answers. All text is folded; the word lists are knowledge's time-words.ts.
 */
import {
  MONTH_WORDS,
  NOW_PHRASES,
  PAST_AFTER,
  PAST_BEFORE,
  PAST_LEADS,
  PART_NOT_AFTER,
  PERIOD_PARTS,
  RELATIVE_MONTHS,
  RELATIVE_YEARS,
  SPAN_AHEAD,
  SPAN_RULE_FOLLOWERS,
  SPAN_UNITS,
  YEAR_LEADS,
} from '../knowledge/index.ts';
import { addDays } from './dated-rules.ts';

export interface QuestionDay {
  /** ISO day the question means. */
  day: string;
  /** The words that said it ("dau thang 1 2027"). */
  said: string;
}

type Part = 'start' | 'middle' | 'end' | null;

interface Candidate {
  day: string;
  start: number;
  end: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const isYear = (w: string | undefined) => w !== undefined && /^20\d\d$/.test(w);
const numberIn = (w: string | undefined, lo: number, hi: number) =>
  w !== undefined && /^\d{1,2}$/.test(w) && Number(w) >= lo && Number(w) <= hi ? Number(w) : null;
const monthOf = (w: string | undefined) => numberIn(w, 1, 12) ?? (w !== undefined ? (MONTH_WORDS[w] ?? null) : null);

/** The day of a month (or of a year when `m` is null) for the part said. */
function dayIn(y: number, m: number | null, part: Part): string {
  if (m === null) return part === 'end' ? iso(y, 12, 31) : part === 'middle' ? iso(y, 7, 1) : iso(y, 1, 1);
  return iso(y, m, part === 'end' ? lastDay(y, m) : part === 'middle' ? 15 : 1);
}

/** Adds whole months to an ISO day (the day of month kept within the month). */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, lastDay(ny, nm)));
}

/** The relative year phrase starting at word `i` ("nam sau"), as an offset, or null. */
function relativeYear(words: readonly string[], i: number): number | null {
  const two = `${words[i]} ${words[i + 1]}`;
  return RELATIVE_YEARS.find((r) => r.phrase === two)?.years ?? null;
}

/** Every day a folded question names, with where it is said. */
function candidates(words: readonly string[], asOf: string): Candidate[] {
  const [ty, tm] = asOf.split('-').map(Number) as [number, number];
  const out: Candidate[] = [];
  // Folded, "cưới" is "cuoi": "tính cưới tháng 3" names no end of the month.
  const partBefore = (i: number): Part =>
    PART_NOT_AFTER.has(words[i - 2] ?? '') ? null : (PERIOD_PARTS[words[i - 1] ?? ''] ?? null);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    // "15 1 2027" (from "15/1/2027"): day, month, year; "64 2025 tt" (a document number) has two numbers only.
    const d = numberIn(w, 1, 31);
    const dm = numberIn(words[i + 1], 1, 12);
    if (d !== null && dm !== null && isYear(words[i + 2]) && !/^\d/.test(words[i - 1] ?? '')) {
      const y = Number(words[i + 2]);
      if (d <= lastDay(y, dm)) out.push({ day: iso(y, dm, d), start: i, end: i + 3 });
      i += 2;
      continue;
    }
    // "tháng 1 2027", "tháng 3 năm sau", "tháng giêng", "next january", "january 2027".
    const english = w in MONTH_WORDS && !/^\d/.test(w) && !['gieng', 'chap'].includes(w);
    if ((w === 'thang' && monthOf(words[i + 1]) !== null) || english) {
      const m = english ? (MONTH_WORDS[w] as number) : (monthOf(words[i + 1]) as number);
      let at = english ? i + 1 : i + 2;
      const lead = english ? (words[i - 1] ?? '') : '';
      if (
        english &&
        !isYear(words[at]) &&
        !['next', 'in', 'from', 'by', 'until', 'early', 'mid', 'late'].includes(lead)
      )
        continue;
      let y: number | null = null;
      if (isYear(words[at])) y = Number(words[at++]);
      else if (words[at] === 'nam' && isYear(words[at + 1])) {
        y = Number(words[at + 1]);
        at += 2;
      } else {
        const rel = relativeYear(words, at);
        if (rel !== null) {
          y = ty + rel;
          at += 2;
        }
      }
      const part = english ? (PERIOD_PARTS[lead] ?? null) : partBefore(i);
      // A month without a year is the next one ahead ("tháng 3" in November is next March), "next january" too.
      // "tháng 10 vừa rồi", "đã … hồi tháng 3" are this year's, gone by.
      const past =
        PAST_AFTER.has(words[at] ?? '') || words.slice(Math.max(0, i - 3), i).some((x) => PAST_BEFORE.has(x));
      const year = y ?? (m > tm || (m === tm && lead !== 'next') || (past && lead !== 'next') ? ty : ty + 1);
      out.push({ day: dayIn(year, m, part), start: part && !english ? i - 1 : i, end: at });
      i = at - 1;
      continue;
    }
    // "năm 2027", "từ 2027", "đầu năm 2027", "in 2027".
    if (isYear(w) && YEAR_LEADS.has(words[i - 1] ?? '') && !/^\d/.test(words[i - 2] ?? '')) {
      const part = words[i - 1] === 'nam' ? partBefore(i - 1) : null;
      out.push({ day: dayIn(Number(w), null, part), start: i - (part ? 2 : 1), end: i + 1 });
      continue;
    }
    // "năm sau", "đầu năm sau", "cuối năm nay", "next year" ("5 năm sau" is a span, below).
    const rel = /^\d/.test(words[i - 1] ?? '') ? null : relativeYear(words, i);
    if (rel !== null) {
      const part = partBefore(i);
      if (rel !== 0 || part !== null)
        out.push({ day: dayIn(ty + rel, null, part), start: part ? i - 1 : i, end: i + 2 });
      i += 1;
      continue;
    }
    // "tháng sau", "tháng trước", "next month".
    const two = `${w} ${words[i + 1]}`;
    const relMonth = /^\d/.test(words[i - 1] ?? '') ? undefined : RELATIVE_MONTHS.find((r) => r.phrase === two);
    if (relMonth) {
      const first = addMonths(`${asOf.slice(0, 7)}-01`, relMonth.months);
      const [y, m] = first.split('-').map(Number) as [number, number];
      out.push({ day: dayIn(y, m, partBefore(i)), start: i, end: i + 2 });
      i += 1;
      continue;
    }
    // "3 tháng nữa", "2 tuần sau" (not "đóng thêm 2 tháng nữa", not "60 ngày sau khi sinh").
    const n = numberIn(w, 1, 60);
    const unit = SPAN_UNITS[words[i + 1] ?? ''];
    if (
      n !== null &&
      unit &&
      SPAN_AHEAD.has(words[i + 2] ?? '') &&
      !SPAN_RULE_FOLLOWERS.has(words[i + 3] ?? '') &&
      words[i - 1] !== 'them'
    ) {
      const day = unit.months ? addMonths(asOf, n * unit.months) : addDays(asOf, n * (unit.days ?? 1));
      out.push({ day, start: i, end: i + 3 });
      i += 2;
    }
  }
  return out;
}

/**
 * The day a folded question means, or null when it means today (no day named, the day is today, or a past day
 * that is only the story).
 */
export function questionDay(folded: string, asOf: string): QuestionDay | null {
  const words = folded.split(' ').filter((w) => w.length > 0);
  const text = ` ${words.join(' ')} `;
  const now = NOW_PHRASES.some((p) => text.includes(` ${p} `));
  for (const c of candidates(words, asOf)) {
    if (c.day === asOf) continue;
    const said = words.slice(c.start, c.end).join(' ');
    if (c.day > asOf) return { day: c.day, said };
    const lead = [words[c.start - 1], words[c.start - 2]].some((w) => PAST_LEADS.has(w ?? ''));
    if (lead && !now) return { day: c.day, said };
  }
  return null;
}
