/**
 * What a person will pay for the count they name: "sao y 10 trang" against "2.000đ/trang cho trang thứ nhất và thứ
 * hai", "Từ trang thứ ba trở đi 1.000đ/trang", "Tối đa 200.000đ/bản" is "10 trang: 2 × 2.000đ + 8 × 1.000đ =
 * 12.000đ/bản"; "xin 4 bản" against "200.000đ/lần yêu cầu" and "Từ phiếu thứ 3 trở đi …, thêm 5.000đ/phiếu" is
 * "4 bản: 200.000đ + 2 × 5.000đ = 210.000đ". Rates are read from the sheet's own lines (per unit, tiers by
 * ordinal, a cap per copy, a surcharge on top of a per-request fee); a line the sheet marks unconfirmed is never
 * used, and nothing is said when the lines do not add up to one reading.
 */
import {
  COUNT_UNITS,
  foldText,
  MORE_WORDS,
  ORDINAL_WORDS,
  PER_REQUEST_UNITS,
  SAME_COUNT_UNIT,
  UNCONFIRMED_PHRASES,
} from '../knowledge/index.ts';

/** A count the question states ("10 trang" → { unit: 'trang', count: 10 }). */
export interface StatedCount {
  unit: string;
  count: number;
  /** How the reply names the unit ("bản"). */
  shown: string;
}

/** One rate of a sheet line. */
export interface Rate {
  amount: number;
  /** Folded unit as counted ("trang", "ban"), or a per-request unit ("lan yeu cau"). */
  unit: string;
  /** First and last position the rate is for (1 and Infinity when the line sets no tier). */
  from: number;
  to: number;
  /** Charged on top of a per-request fee ("thêm 5.000đ/phiếu"). */
  extra: boolean;
  /** A ceiling ("tối đa 200.000đ/bản"). */
  cap: boolean;
  /** The sheet line. */
  line: string;
  /** What the line says after the rate ("với học sinh, sinh viên …"), for a second per-request fee. */
  after: string;
}

export interface FeeTotal {
  text: string;
  /** The sheet lines the total used (verbatim, for the citation). */
  used: string[];
}

const UNIT_WORDS = [
  ...new Set([
    ...COUNT_UNITS.map((u) => u.unit),
    ...Object.keys(SAME_COUNT_UNIT),
    ...PER_REQUEST_UNITS,
    ...COUNT_UNITS.flatMap((u) => u.words),
  ]),
].sort((a, b) => b.length - a.length);
const RATE = new RegExp(
  `(?:(them|toi da)\\s+)?(\\d{1,3}(?:\\.\\d{3})+|\\d+)\\s*(?:d|dong)\\s*(?:\\/\\s*|moi\\s+)(${UNIT_WORDS.join('|')})(?![a-z])`,
  'g',
);
const countUnit = (word: string) =>
  SAME_COUNT_UNIT[word] ?? COUNT_UNITS.find((u) => u.unit === word || u.words.includes(word))?.unit ?? word;
const ordinal = (w: string) => (/^\d+$/.test(w) ? Number(w) : (ORDINAL_WORDS[w] ?? null));

/** "12000" → "12.000đ". */
export const vnd = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}đ`;

/** The tier a folded line sets on positions: "từ trang thứ ba trở đi" → [3, ∞), "trang thứ nhất và thứ hai" → [1, 2]. */
function tierOf(folded: string): { from: number; to: number } {
  const onward = /tu (?:\S+ )?thu (\S+) tro di/.exec(folded);
  if (onward) {
    const n = ordinal(onward[1] as string);
    if (n !== null) return { from: n, to: Infinity };
  }
  const listed = [...folded.matchAll(/thu (\S+?)(?=[ ,.;]|$)/g)]
    .map((m) => ordinal(m[1] as string))
    .filter((n): n is number => n !== null);
  if (listed.length > 0) return { from: Math.min(...listed), to: Math.max(...listed) };
  const first = /(\d+) \S+ dau(?![a-z])/.exec(folded);
  if (first) return { from: 1, to: Number(first[1]) };
  return { from: 1, to: Infinity };
}

/** Every rate stated in the lines; null when a line with a rate says it is unconfirmed. */
export function ratesIn(lines: readonly string[]): Rate[] | null {
  const out: Rate[] = [];
  for (const line of lines) {
    const folded = foldText(line);
    const found = [...folded.matchAll(RATE)];
    if (found.length === 0) continue;
    if (UNCONFIRMED_PHRASES.some((p) => folded.includes(p))) return null;
    const tier = tierOf(folded);
    for (const m of found) {
      const unit = countUnit(m[3] as string);
      const end = (m.index ?? 0) + m[0].length;
      out.push({
        amount: Number((m[2] as string).replace(/\./g, '')),
        unit,
        ...(PER_REQUEST_UNITS.has(unit) ? { from: 1, to: Infinity } : tier),
        extra: m[1] === 'them',
        cap: m[1] === 'toi da',
        line,
        after: line
          .slice(end)
          .replace(/^[^\p{L}]*/u, '')
          .replace(/[.;]\s*$/, ''),
      });
    }
  }
  return out;
}

/** The counts a folded question states, in units a fee is charged by ("xin thêm 2 bản" is 3 copies). */
export function statedCounts(folded: string): StatedCount[] {
  const words = folded.split(' ');
  const out: StatedCount[] = [];
  words.forEach((w, i) => {
    const unit = COUNT_UNITS.find((u) => u.words.includes(words[i + 1] ?? ''));
    if (!/^\d{1,3}$/.test(w) || !unit || Number(w) === 0) return;
    const more = MORE_WORDS.has(words[i - 1] ?? '');
    if (!out.some((c) => c.unit === unit.unit))
      out.push({ unit: unit.unit, count: Number(w) + (more ? 1 : 0), shown: unit.shown });
  });
  return out;
}

/** Positions 1..count split over the tiers; null when the tiers leave a gap or overlap. */
function tiered(rates: readonly Rate[], count: number): Array<{ n: number; rate: Rate }> | null {
  const sorted = [...rates].sort((a, b) => a.from - b.from);
  const parts: Array<{ n: number; rate: Rate }> = [];
  let next = 1;
  // Two rates for the same positions are alternatives ("nộp trực tiếp …, nộp trực tuyến …"): no single total.
  if (sorted.some((r, i) => i > 0 && r.from <= (sorted[i - 1] as Rate).to)) return null;
  for (const rate of sorted) {
    if (next > count) break;
    if (rate.from !== next) return null;
    const last = Math.min(rate.to, count);
    parts.push({ n: last - next + 1, rate });
    next = last + 1;
  }
  return next > count ? parts : null;
}

const shownOf = (unit: string) => COUNT_UNITS.find((u) => u.unit === unit)?.shown ?? unit;

/** The total for one count, or null when the lines give no single reading of it. */
function totalFor(
  rates: readonly Rate[],
  asked: StatedCount,
  counts: readonly StatedCount[],
  preferred: ReadonlySet<string>,
): FeeTotal | null {
  const own = rates.filter((r) => r.unit === asked.unit && !r.cap);
  const plain = own.filter((r) => !r.extra);
  const extra = own.filter((r) => r.extra);
  const c = asked.count;
  if (plain.length > 0 && extra.length === 0) {
    const parts = tiered(plain, c);
    if (!parts) return null;
    const sum = parts.reduce((s, p) => s + p.n * p.rate.amount, 0);
    const cap = rates.find((r) => r.cap && r.unit !== asked.unit);
    const per = cap ? `/${shownOf(cap.unit)}` : '';
    const working = parts.map((p) => `${p.n} × ${vnd(p.rate.amount)}`).join(' + ');
    let text = `${c} ${asked.shown}: ${working} = ${vnd(sum)}${per}`;
    let each = sum;
    if (cap && sum > cap.amount) {
      each = cap.amount;
      text += `, quá mức tối đa nên tính ${vnd(cap.amount)}${per}`;
    }
    const copies = cap ? counts.find((k) => k.unit === cap.unit && k.count > 1) : undefined;
    if (copies)
      text += `; ${copies.count} ${copies.shown}: ${copies.count} × ${vnd(each)} = ${vnd(copies.count * each)}`;
    const used = [...new Set([...parts.map((p) => p.rate.line), ...(cap && sum > cap.amount ? [cap.line] : [])])];
    return { text: `${text}.`, used };
  }
  if (extra.length === 1 && plain.length === 0) {
    const surcharge = extra[0] as Rate;
    const all = rates.filter((r) => PER_REQUEST_UNITS.has(r.unit) && !r.extra && !r.cap);
    // The case the question names ("em là sinh viên") keeps its own fee.
    const named = all.filter((r) => preferred.has(r.line));
    const bases = named.length > 0 ? named : all;
    if (bases.length === 0) return null;
    const extras = Math.max(0, c - surcharge.from + 1);
    const one = (base: Rate) =>
      extras > 0
        ? `${vnd(base.amount)} + ${extras} × ${vnd(surcharge.amount)} = ${vnd(base.amount + extras * surcharge.amount)}`
        : vnd(base.amount);
    const [main, ...others] = bases as [Rate, ...Rate[]];
    const rest = others.map((b) => `; ${b.after.length > 0 ? `${b.after}: ` : ''}${one(b)}`).join('');
    return {
      text: `${c} ${asked.shown}: ${one(main)}${rest}.`,
      used: [...new Set([...bases, surcharge].map((r) => r.line))],
    };
  }
  return null;
}

/**
 * The total a question's count comes to under the fee lines in force (unconditional ones only: a waiver for some
 * is stated by the fee field itself). Null when the question states no count the lines charge by, or the lines
 * leave it open. `preferred`: the lines of the case the question names, whose per-request fee is the one used.
 */
export function feeTotal(
  lines: readonly string[],
  foldedQuestion: string,
  preferred: ReadonlySet<string> = new Set(),
): FeeTotal | null {
  const counts = statedCounts(foldedQuestion);
  if (counts.length === 0) return null;
  const rates = ratesIn(lines);
  if (!rates || rates.length === 0) return null;
  // Pages before copies: a per-copy price is built from its pages.
  for (const asked of counts) {
    const total = totalFor(rates, asked, counts, preferred);
    if (total) return total;
  }
  return null;
}
