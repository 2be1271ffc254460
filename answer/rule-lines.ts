/**
 * How the lines of a dated rule are chosen for a reply: the fee items of the case asked, the usual rule before a
 * waiver for a few, only what changes in a coming variant, and whether the question looks ahead at all.
 */
import { QUESTION_SHORTHAND, type DatedVariant } from '../knowledge/index.ts';
import { foldTokens } from './query-text.ts';

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
  // A usual rule that starts after today ("Từ 01/1/2027: …", the day asked being ahead) is said with its day.
  const usual = (l: string) =>
    /^Trường hợp khác: Từ \d/.test(l)
      ? l.replace(/^Trường hợp khác: /, '')
      : l.replace(/^Trường hợp khác: /, 'Thông thường: ');
  return [...general.map(usual), ...special];
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
export function focusVariants(
  variants: readonly DatedVariant[],
  focus: readonly string[],
  question = '',
  name = '',
): DatedVariant[] {
  const about = (line: string) => focus.some((f) => line.toLowerCase().includes(f));
  return variants.map((v) => {
    const lines = v.value.split('\n');
    const said = saidCase(lines, question, name);
    if (said.length > 0) return { ...v, value: lines.filter((l) => said.includes(l) || !AMOUNT.test(l)).join('\n') };
    if (focus.length === 0 || !lines.some(about)) return v;
    return { ...v, value: lines.filter((l) => about(l) || !AMOUNT.test(l)).join('\n') };
  });
}

/** A fee line is the case asked when it shares this many telling word pairs with the question. */
const CASE_PAIRS = 2;

/**
 * The amount lines whose own words the question says ("đổi cccd sang thẻ căn cước" → "Chuyển từ CCCD sang thẻ
 * căn cước 15.000đ/thẻ", not "Cấp đổi thẻ căn cước 25.000đ/thẻ"): only pairs with a word no other amount line
 * has tell them apart, and the procedure's name (`name`) tells none. Empty when no line stands out, then the
 * case cues decide.
 */
function saidCase(lines: readonly string[], question: string, name: string): string[] {
  const amounts = lines.filter((l) => AMOUNT.test(l));
  if (amounts.length < 2 || question.length === 0) return [];
  // The procedure's own name ("chứng thực bản sao từ bản chính") tells no case.
  const named = pairsOf(collapse(foldTokens(name).join(' ')));
  const asked = new Set([...pairsOf(collapse(question))].filter((p) => !named.has(p)));
  const folded = amounts.map((l) => collapse(foldTokens(l).join(' ')));
  // A pair tells a line apart when one of its words is in no other amount line ("sang" of "chuyển từ CCCD sang").
  const own = folded.map((l, i) => {
    const others = new Set(folded.filter((_, j) => j !== i).flatMap((o) => o.split(' ')));
    return [...pairsOf(l)].filter((p) => asked.has(p) && p.split(' ').some((w) => w.length > 2 && !others.has(w)))
      .length;
  });
  const best = Math.max(...own);
  const picked = amounts.filter((_, i) => own[i] === best);
  // Two pairs, or one that only one line has: anything less is chance.
  return best >= CASE_PAIRS || (best > 0 && picked.length === 1) ? picked : [];
}

/**
 * Shorthand said back as one word ("can cuoc cong dan" → "cccd"), on both sides: the words inside one expansion
 * are one name, not a phrase the question shares with a line ("làm lại cccd" says nothing of "chuyển từ CCCD").
 */
const EXPANSIONS = Object.entries(QUESTION_SHORTHAND).filter(([, v]) => v.includes(' '));
const collapse = (folded: string) =>
  EXPANSIONS.reduce((text, [key, v]) => text.replaceAll(` ${v} `, ` ${key} `), ` ${folded} `).trim();

const pairsOf = (folded: string) => {
  const ws = folded.split(' ').filter((w) => w.length > 0);
  return new Set(ws.slice(1).map((w, i) => `${ws[i]} ${w}`));
};

/**
 * Upcoming variants restate every item; only the items that change are shown ("Từ 01/1/2027: Cấp lại 70.000đ"),
 * so no line of the reply repeats one above it.
 */
export function withoutRepeats(upcoming: readonly string[], current: readonly string[]): string[] {
  // "Trường hợp khác: " is how a variant's condition is said, not part of its items.
  const key = (i: string) =>
    i
      .replace(/^Trường hợp khác:\s*/, '')
      .replace(/^Từ \d{1,2}\/\d{1,2}\/\d{4}:\s*/, '')
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
