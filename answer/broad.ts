/**
 * A broad question ("làm giấy khai sinh", no field named) gets the sheet's summary: where, which papers, how
 * long, how much, online. On a phone each of those is one short line; the rest of a long field (the old rule
 * beside the new one, the second half of a fee table) waits for "xem thêm" under the field's label, whole
 * sentences at a time. The first line, which answers, is left as it is.
 */
import { fieldName } from './citations.ts';

/** The online field's name in a reply. */
const ONLINE = fieldName('online');

/** What one field of a broad summary shows on a phone: about two lines of a phone screen. */
export const GLANCE_LINE_CHARS = 150;

/**
 * A summary, as the procedure composer marks one: its lead ("Thủ tục X — tóm tắt, áp dụng ngày D:"), or, once an
 * English frame replaced the lead, its "Hỏi thêm: …" note.
 */
export const isBroad = (draft: { lead: string; notes: readonly string[] }) =>
  draft.lead.includes('— tóm tắt') || draft.notes.some((n) => /^Hỏi thêm:/.test(n));

/** A summary shows at least this many fields; lines that answer one part of a question are not cut down. */
const SUMMARY_FIELDS = 3;

interface GlanceFact<S> {
  text: string;
  sources: S[];
  label?: string;
  later?: { teaser?: string };
}

/**
 * Each fact that is one "Label: …" line longer than `chars` keeps its first whole sentences or clauses within
 * that length (`firstChars` for the first fact, which opens the reply); the rest becomes a fact kept for later
 * under the same label. A line whose first sentence is already longer stays whole (a sentence is never cut),
 * and so does a list (its items are fitted by the reply's budget).
 */
export function glanceFacts<S, F extends GlanceFact<S>>(
  facts: readonly F[],
  firstChars = GLANCE_LINE_CHARS,
  chars = GLANCE_LINE_CHARS,
): F[] {
  if (facts.filter((f) => !f.later && labelOf(f.text)).length < SUMMARY_FIELDS) return [...facts];
  const first = facts.find((f) => !f.later);
  return facts.flatMap((fact) => {
    const label = labelOf(fact.text);
    if (fact.later || !label) return [fact];
    // Whether it can be done online is the part a broad question least needs first, and its lines are long
    // (portal names): it waits, named in the "Còn N mục" line. Unless it leads (the question's own words).
    if (label === ONLINE && fact !== first) return [{ ...fact, later: { teaser: ONLINE.toLowerCase() } }];
    const max = fact === first ? firstChars : chars;
    if (fact.text.includes('\n') || fact.text.length <= max) return [fact];
    const shown = clauseCut(fact.text, max);
    if (shown === null) return [fact];
    const left = fact.text
      .slice(shown.length)
      .replace(/^[\s;.,]+/, '')
      .trim();
    if (left.length === 0) return [{ ...fact, text: shown }];
    return [
      { ...fact, text: shown },
      { ...fact, text: left, label, later: {} },
    ];
  });
}

/** "Cơ quan: …" → "Cơ quan". */
const labelOf = (text: string) => /^([^:\n]{2,40}):\s/.exec(text)?.[1];

/**
 * The longest prefix within `max` that ends a sentence or a "; " clause outside brackets ("(… ; …)" is one
 * clause), or null when the first such end is past `max` or is the whole text.
 */
export function clauseCut(text: string, max: number): string | null {
  let depth = 0;
  const ends: number[] = [];
  for (let i = 0; i < text.length - 1 && i < max; i++) {
    const c = text[i] as string;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === '.' || c === ';') && /\s/.test(text[i + 1] as string)) ends.push(i);
  }
  // "…; Chỉ áp dụng cho …" restricts what comes before it: no cut there (as in headline.ts).
  const end = ends.filter((i) => i >= MIN_CLAUSE_CHARS && !RESTRICTS.test(text.slice(i + 1).trimStart())).at(-1);
  if (end === undefined) return null;
  return text.slice(0, end + (text[end] === '.' ? 1 : 0)).trimEnd();
}

/** A cut leaving less than this says too little. */
const MIN_CLAUSE_CHARS = 30;
const RESTRICTS = /^(?:Chỉ|chỉ|Trừ|trừ|Riêng|riêng|người khác)\s/;
