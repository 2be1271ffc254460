/**
 * Line-level tidying of a reply before it is laid out: a line that says again what an earlier one said is
 * dropped, side notes after the first wait for "xem thêm", and lines in a row from one source carry their
 * citation marks once.
 */
import { foldTokens } from './query-text.ts';

/** A line as compared for repeats: folded words, citation marks left out. */
export const folded = (s: string) => foldTokens(s.replace(/\[\d+\]/g, '')).join(' ');

/** Share of a line's word pairs already said for it to count as said again (its figures all said too). */
const NEAR_REPEAT = 0.75;

/**
 * Drops repeats: a fact whose every line already stands in an earlier fact, and inside a fact a line that
 * repeats an earlier line (a dated fee line restated under two periods, a note the overview already said),
 * or says it again in other words: most of its word pairs and every figure of it already said (a plan's
 * target restated in an agency's duties, a side note that restates the time limit above it).
 */
// Generic over the fact's shape so this file need not import reply.ts (which imports it).
export function dropRepeats<F extends { text: string }>(facts: readonly F[]): F[] {
  const said: string[] = [];
  const pairs = new Set<string>();
  const out: F[] = [];
  for (const fact of facts) {
    const all = fact.text.split('\n');
    const lines = all.filter((line) => {
      const f = folded(line.replace(/^[-•]\s*|^Lưu ý:\s*/g, ''));
      if (f.length < 20) return true;
      if (said.some((s) => s.includes(f))) return false;
      const own = wordPairs(f);
      const old = own.filter((p) => pairs.has(p)).length;
      const figures = f.split(' ').filter((t) => /\d/.test(t));
      if (f.length >= 40 && old >= NEAR_REPEAT * own.length && figures.every((n) => said.some((s) => hasWord(s, n))))
        return false;
      said.push(f);
      own.forEach((p) => pairs.add(p));
      return true;
    });
    // A heading of its own ("Thành phần hồ sơ (5 mục):") stays; a fact whose lines were all said goes.
    const content = lines.filter((l) => !/:$/.test(l.trim()));
    if (content.length === 0 && lines.length < all.length) continue;
    out.push({ ...fact, text: lines.join('\n') });
  }
  return out;
}

const wordPairs = (f: string) => {
  const w = f.split(' ');
  return w.slice(1).map((x, i) => `${w[i]} ${x}`);
};
const hasWord = (text: string, word: string) => ` ${text} `.includes(` ${word} `);

const MARKS = /(?: \[\d+\])+$/;

/**
 * Lines in a row that cite the same sources carry the marks once, on the last of them ("- a\n- b\n- c [1]"),
 * as a printed list cites a paragraph once. `apart` is the index of a line that a scope sentence separates
 * from the one before it: a run does not cross it.
 */
export function markRunsOnce(lines: readonly string[], apart: number): string[] {
  return lines.map((line, i) => {
    const marks = MARKS.exec(line)?.[0];
    const next = lines[i + 1];
    if (!marks || next === undefined || i + 1 === apart) return line;
    return MARKS.exec(next)?.[0] === marks ? line.slice(0, -marks.length) : line;
  });
}

/** A side note: a sheet line from a field the question did not ask, which shares its words ("Lưu ý: …"). */
export const isSideNote = (f: { text: string; sources: readonly unknown[] }) =>
  /^Lưu ý:/.test(f.text) && f.sources.length > 0;

/** An amount a person asks for: money, a duration, a percentage ("15.000đ", "30 ngày", "50%"). */
const AMOUNT = /\d[\d.,]*\s*(?:%|đ(?!\p{L})|đồng|ngày|giờ|tháng|năm(?!\s+\d))/u;

/**
 * One side note per reply, the others wait for "xem thêm": a side note supports the answer without being it,
 * and a second one doubles what a phone shows for something the question did not ask (the agency and the fee
 * beside a question about the time limit). The first stays (the composer puts the most related first) unless
 * only a later one states an amount (a fee, a number of days): an amount is what people ask for.
 */
export function oneSideNote<F extends { text: string; sources: readonly unknown[]; later?: { teaser?: string } }>(
  facts: readonly F[],
): F[] {
  const notes = facts.filter((f) => isSideNote(f) && !f.later);
  if (notes.length < 2) return [...facts];
  const keep = AMOUNT.test((notes[0] as F).text) ? notes[0] : (notes.find((f) => AMOUNT.test(f.text)) ?? notes[0]);
  return facts.map((f) => (notes.includes(f) && f !== keep ? { ...f, later: { teaser: 'lưu ý khác' } } : f));
}

/**
 * "Hỏi thêm: hồ sơ, lệ phí, thời hạn, nơi nộp, làm trực tuyến." offers what the reply does not show: a topic
 * whose field already heads a line ("Phí, lệ phí: …") is not offered again, and nothing left means no note.
 */
export function offerOnlyUnshown(note: string, shown: readonly string[]): string | null {
  const m = /^(Hỏi thêm:\s*)(.+?)\.?$/.exec(note);
  if (!m) return note;
  const heads = shown.flatMap((l) => {
    const label = /^([^:\n]{2,40}):/.exec(l)?.[1];
    return label ? [folded(label)] : [];
  });
  const topics = (m[2] as string).split(/,\s*/).filter((t) => {
    const f = folded(t);
    return !heads.some((h) => h.includes(f) || f.includes(h));
  });
  return topics.length > 0 ? `${m[1]}${topics.join(', ')}.` : null;
}
