/**
 * Rules that hold between dates: pick the variants in force on the day asked, state conditions, and mention
 * a change that starts soon. The clock is always passed in, so any day can be asked "as of".
 */
import { variantInForce, type DatedVariant } from '../knowledge/index.ts';

/** How far ahead a coming change is worth mentioning (days). */
export const UPCOMING_WINDOW_DAYS = 120;

/** "2027-03-01" → "01/3/2027" (the way Vietnamese documents write dates: day zero-padded, month not). */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${Number(m)}/${y}`;
}

/** "2024-02-15" → "15/02/2024" (citation style, both padded). */
export function viDatePadded(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Adds days to an ISO date (UTC arithmetic, no time zone drift). */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Today in Vietnam (UTC+7, no daylight saving) for the given clock. */
export function todayInVietnam(clock: () => Date): string {
  return new Date(clock().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export interface RuleStatement {
  /** Lines describing the rule in force ("35.000đ nếu …"), in order: conditional first. */
  current: string[];
  /** Lines about changes starting within the window ("Từ 01/01/2027: 70.000đ"). */
  upcoming: string[];
  /** The variants in force on the day asked. */
  now: DatedVariant[];
  /** The variants the statement used (for citation spans). */
  used: DatedVariant[];
  /** ISO dates of the changes mentioned. */
  changeDates: string[];
}

/** Puts the variant's text on one line: list items joined with "; ". */
export function oneLine(value: string): string {
  return value
    .split('\n')
    .map((s) => s.trim().replace(/[.;]$/, ''))
    .filter((s) => s.length > 0)
    .join('; ');
}

function withCondition(v: DatedVariant): string {
  const value = oneLine(v.value);
  return v.condition && !mentions(value, v.condition) ? `${value} (nếu ${v.condition})` : value;
}

/** True when most words of `condition` already appear in `value` (sheets often spell the condition out). */
function mentions(value: string, condition: string): boolean {
  const words = (s: string) =>
    s
      .toLowerCase()
      .split(/[^\p{L}\p{N}.]+/u)
      .filter((w) => w.length > 1);
  const have = new Set(words(value));
  const need = words(condition);
  return need.length > 0 && need.filter((w) => have.has(w)).length / need.length >= 0.7;
}

/**
 * Variants that apply on `day`. A general (unconditional) variant with dates is an exception to an open-ended
 * one ("giảm 50% từ … đến …" over the base fee), so when both are in force only the dated one is kept.
 */
export function variantsOn(variants: readonly DatedVariant[], day: string): DatedVariant[] {
  const inForce = variants.filter((v) => variantInForce(v, day));
  const conditional = inForce.filter((v) => v.condition !== null);
  const general = inForce.filter((v) => v.condition === null);
  const dated = general.filter((v) => v.validFrom !== null || v.validTo !== null);
  return [...conditional, ...(dated.length > 0 ? dated : general)];
}

/**
 * What changes between two days: only the variants that start (the rest still holds), or, when some only
 * end, the whole rule of the later day. Null when nothing changes.
 */
function changeText(before: readonly DatedVariant[], after: readonly DatedVariant[]): string | null {
  const started = after.filter((v) => !before.includes(v));
  const ended = before.filter((v) => !after.includes(v));
  if (started.length === 0 && ended.length === 0) return null;
  if (after.length === 0) return 'nguồn chưa có quy định áp dụng';
  if (started.length === 0) return describe(after).join('; ');
  const hasConditional = after.some((v) => v.condition !== null);
  return started
    .map((v) => (v.condition === null && hasConditional ? `Trường hợp khác: ${oneLine(v.value)}` : withCondition(v)))
    .join('; ');
}

/**
 * One line per variant on `day`; the general one is "Trường hợp khác" when conditional ones precede it. A variant
 * that starts after `today` (the day asked is ahead: "đầu tháng 1/2027 …") says from when ("Từ 01/1/2027: …").
 */
function describe(variants: readonly DatedVariant[], today: string | null = null): string[] {
  const hasConditional = variants.some((v) => v.condition !== null);
  const since = (v: DatedVariant) =>
    today !== null && v.validFrom !== null && v.validFrom > today ? `Từ ${viDate(v.validFrom)}: ` : '';
  return variants.map((v) =>
    v.condition === null && hasConditional
      ? `Trường hợp khác: ${since(v)}${oneLine(v.value)}`
      : `${since(v)}${withCondition(v)}`,
  );
}

/**
 * States the rule for `asOf`: the variants in force, plus the rule on each day within
 * UPCOMING_WINDOW_DAYS when it changes (a variant starts, or one in force ends). `today`, when the day asked is
 * not today, marks the variants that start between them with their first day.
 */
export function stateRule(variants: readonly DatedVariant[], asOf: string, today: string = asOf): RuleStatement {
  const now = variantsOn(variants, asOf);
  const horizon = addDays(asOf, UPCOMING_WINDOW_DAYS);
  const candidates = new Set<string>();
  for (const v of variants) {
    if (v.validFrom !== null && v.validFrom > asOf && v.validFrom <= horizon) candidates.add(v.validFrom);
    if (v.validTo !== null && v.validTo >= asOf && v.validTo < horizon) candidates.add(addDays(v.validTo, 1));
  }
  const used = new Set<DatedVariant>(now);
  const upcoming: string[] = [];
  const changeDates: string[] = [];
  let previous = now;
  for (const day of [...candidates].sort()) {
    const then = variantsOn(variants, day);
    const text = changeText(previous, then);
    previous = then;
    if (text === null) continue;
    then.forEach((v) => used.add(v));
    upcoming.push(`Từ ${viDate(day)}: ${text}`);
    changeDates.push(day);
  }
  return { current: describe(now, today < asOf ? today : null), now, upcoming, used: [...used], changeDates };
}
