/**
 * The fee lines that answer for the day the person means and the count they name, ahead of the fee field itself:
 * "đầu tháng 1/2027 … còn được giảm 50% nữa không" → "Không. Giảm 50% lệ phí từ 01/7/2025 đến hết 31/12/2026 —
 * ngày 01/1/2027 không còn áp dụng."; "sao y 10 trang" → "10 trang: 2 × 2.000đ + 8 × 1.000đ = 12.000đ/bản.".
 * Both read only the sheet's lines in force on that day; a line the sheet marks unconfirmed is never stated.
 */
import {
  FEE_RELIEF_WORDS,
  foldText,
  variantInForce,
  type Chunk,
  type DatedVariant,
  type DocumentMeta,
} from '../knowledge/index.ts';
import { variantsOn, viDate } from './dated-rules.ts';
import { feeTotal } from './fee-total.ts';
import type { DraftFact } from './reply.ts';
import { hasDates } from './sheet-lines.ts';
import { focusVariants } from './rule-lines.ts';

/** Words that ask whether a relief still holds ("còn … nữa không", "vẫn được", "hay phải đóng đủ"). */
const STILL_ASKED = /(?:^| )(?:con|van|nua|khong|ko|hong|hem|chua|dong du|still)(?= |$)/;

/** The lines of a value, bullets dropped. */
const linesOf = (value: string) =>
  value
    .split('\n')
    .map((l) => l.trim().replace(/^[-•+*]\s*/, ''))
    .filter((l) => l.length > 0);

/** The relief word of a folded question ("giam", "mien") and the percent it names ("50%"), if any. */
function reliefAsked(folded: string): { word: string; percent: string | null } | null {
  const words = folded.split(' ');
  const word = words.find((w) => FEE_RELIEF_WORDS.has(w));
  if (!word || !STILL_ASKED.test(folded)) return null;
  return { word, percent: /(?:^| )(\d{1,3}) ?%/.exec(folded)?.[1] ?? null };
}

/**
 * "Không." / "Có." / "Chưa." for "is the relief still there on that day", read from the dates of the one sheet
 * line that grants the relief asked ("Giảm 50% lệ phí từ … đến hết 31/12/2026"). Null when the question asks no such
 * thing, several lines grant a relief of that kind, or the relief holds only for some people on that day.
 */
export function reliefVerdict(
  variants: readonly DatedVariant[],
  folded: string,
  day: string,
): { text: string; line: string } | null {
  const asked = reliefAsked(folded);
  if (!asked) return null;
  // A line grants the relief when it opens with it or says "được giảm": "Hết thời gian giảm 50%" and "Mức giảm …
  // chỉ áp dụng đến hết …" speak of it without granting it.
  const grants = (line: string) => {
    const words = foldText(line)
      .replace(/[^a-z0-9% ]/g, ' ')
      .trim()
      .split(/\s+/);
    const at = words.indexOf(asked.word);
    const opens = at === 0 || (at > 0 && words[at - 1] === 'duoc');
    return opens && (asked.percent === null || words.includes(`${asked.percent}%`));
  };
  const lines = [...new Set(variants.flatMap((v) => linesOf(v.value)).filter(grants))];
  if (lines.length !== 1) return null;
  const line = lines[0] as string;
  const holding = variants.filter((v) => linesOf(v.value).includes(line));
  // Only a relief with dates can end or start; one the sheet states without dates is the fee field's to say.
  if (holding.every((v) => v.validFrom === null && v.validTo === null)) return null;
  const said = line.replace(/[.;]\s*$/, '');
  const inForce = holding.filter((v) => variantInForce(v, day));
  if (inForce.length > 0) {
    if (inForce.some((v) => v.condition !== null)) return null;
    return { text: `Có. ${said} — ngày ${viDate(day)} vẫn áp dụng.`, line };
  }
  const starts = holding.map((v) => v.validFrom).filter((d): d is string => d !== null);
  if (starts.length === holding.length && starts.every((d) => d > day))
    return { text: `Chưa. ${said} — ngày ${viDate(day)} chưa áp dụng.`, line };
  return { text: `Không. ${said} — ngày ${viDate(day)} không còn áp dụng.`, line };
}

/** The value lines of a fee chunk in force on `day` for everyone (no condition), verbatim in the chunk. */
function generalLines(chunk: Chunk, day: string, variants = chunk.variants): string[] {
  const values =
    variants && variants.length > 0
      ? variantsOn(variants, day)
          .filter((v) => v.condition === null)
          .map((v) => v.value)
      : [chunk.text.replace(/^[^:\n]{2,40}:\s*/, '')];
  return values.flatMap(linesOf).filter((l) => chunk.text.includes(l));
}

/**
 * Facts that open a procedure answer about money: the yes/no on a relief for the day meant, and the total for the
 * count stated. Empty when the sheet has no fee field or the question asks neither.
 */
export function feeDayFacts(
  meta: DocumentMeta,
  chunks: readonly Chunk[],
  folded: string,
  day: string,
  focus: readonly string[] = [],
): DraftFact[] {
  const chunk = chunks.find((c) => c.field === 'fee');
  if (!chunk) return [];
  const facts: DraftFact[] = [];
  const verdict = chunk.variants ? reliefVerdict(chunk.variants, folded, day) : null;
  if (verdict && chunk.text.includes(verdict.line))
    facts.push({ text: verdict.text, sources: [{ meta, chunk, used: [verdict.line] }], dated: true });
  // Every rate in force is read (a surcharge is no case of its own); the lines of the case asked pick the fee.
  const focused = chunk.variants ? focusVariants(chunk.variants, focus, folded, meta.title) : undefined;
  const total = feeTotal(generalLines(chunk, day), folded, new Set(generalLines(chunk, day, focused)));
  if (total) facts.push({ text: total.text, sources: [{ meta, chunk, used: total.used }], dated: hasDates(chunk) });
  return facts;
}
