/**
 * How the lines of a dated rule are chosen for a reply: the fee items of the case asked, the usual rule before a
 * waiver for a few, only what changes in a coming variant, and whether the question looks ahead at all.
 */
import type { DatedVariant } from '../knowledge/index.ts';

/**
 * True when a question looks past today: a later year ("sau tháng 3/2027") or words such as "năm sau",
 * "sắp tới". Then the changes ahead are part of the answer, not something kept for "xem thêm".
 */
export function asksAhead(folded: string, asOf: string): boolean {
  const year = Number(asOf.slice(0, 4));
  if ([...folded.matchAll(/(?:^|[ /])(20\d\d)(?= |$)/g)].some((m) => Number(m[1]) > year)) return true;
  return /(?:^| )(?:nam sau|nam toi|sap toi|sap tang|sap giam|sau nay|tuong lai|next year|upcoming)(?= |$)/.test(
    folded,
  );
}

/**
 * The rule most people meet comes first: on a phone the first line of a fee is often all that is read, and a
 * waiver for a narrow group ("có VNeID mức 2 và thuộc đối tượng …") must not push the usual amount out of it.
 */
export function generalFirst(current: readonly string[]): string[] {
  const general = current.filter((l) => l.startsWith('Trường hợp khác: '));
  if (general.length === 0 || general.length === current.length) return [...current];
  const special = current.filter((l) => !general.includes(l));
  return [...general.map((l) => l.replace(/^Trường hợp khác: /, 'Thông thường: ')), ...special];
}

/** The case a question names among a fee's items ("làm lại thẻ bị mất" → the cấp lại amounts). */
const FEE_CASES: ReadonlyArray<{ case: string; cue: RegExp }> = [
  { case: 'cấp lại', cue: /(?:^| )(?:cap lai|lam lai|bi mat|mat the|lam mat|bi hong|hu hong)(?= |$)/ },
  { case: 'cấp đổi', cue: /(?:^| )(?:cap doi|doi the|doi cccd|doi can cuoc)(?= |$)/ },
];

/** The fee cases a folded question asks about; empty when it names none (then every item is shown). */
export function feeFocus(foldedQuestion: string): string[] {
  return FEE_CASES.filter((c) => c.cue.test(foldedQuestion)).map((c) => c.case);
}

// `\b` is ASCII-only even with /u, so the end of "đ" is checked with a letter lookahead.
const AMOUNT = /\d[\d.]*\s*(?:đồng|đ)(?!\p{L})/iu;

/**
 * Keeps, in each variant, the lines about the asked case plus the lines that state no amount (waivers, who is
 * exempt), so "làm lại căn cước bao nhiêu" is not answered with every card fee. A variant with no line about
 * the case is left whole, so nothing is dropped when the sheet does not split fees by case.
 */
export function focusVariants(variants: readonly DatedVariant[], focus: readonly string[]): DatedVariant[] {
  if (focus.length === 0) return [...variants];
  const about = (line: string) => focus.some((f) => line.toLowerCase().includes(f));
  return variants.map((v) => {
    const lines = v.value.split('\n');
    if (!lines.some(about)) return v;
    return { ...v, value: lines.filter((l) => about(l) || !AMOUNT.test(l)).join('\n') };
  });
}

/**
 * Upcoming variants restate every item; only the items that change are shown ("Từ 01/1/2027: Cấp lại 70.000đ"),
 * so no line of the reply repeats one above it.
 */
export function withoutRepeats(upcoming: readonly string[], current: readonly string[]): string[] {
  // "Trường hợp khác: " is how a variant's condition is said, not part of its items.
  const key = (i: string) =>
    i
      .replace(/^Trường hợp khác:\s*/, '')
      .replace(/[.;]$/, '')
      .trim();
  const seen = new Set(current.flatMap((l) => l.replace(/^Từ [^:]+:\s*/, '').split(/;\s+/)).map(key));
  const out: string[] = [];
  for (const line of upcoming) {
    const m = /^(Từ [^:]+:\s*)(.*)$/s.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const items = (m[2] as string).split(/;\s+/).filter((i) => !seen.has(key(i)));
    items.forEach((i) => seen.add(key(i)));
    if (items.length > 0) out.push(`${m[1]}${items.join('; ')}`);
  }
  return out;
}
