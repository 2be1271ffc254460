/**
 * Turns a draft (lead line, facts, notes) into the plain-text reply a phone shows: the answer is the first
 * line, the facts that support it follow with "[n]" markers, sources are listed at the end, and the whole
 * thing stays within PHONE_REPLY_CHARS. What does not fit is not dropped: it is kept, whole items at a time,
 * as a continuation that "xem thêm" shows (see more.ts). Only what a reply shows is cited in it.
 */
import type { Chunk, DocumentMeta } from '../knowledge/index.ts';
import { glanceFacts, isBroad } from './broad.ts';
import { CitationLedger, sourceLineParts } from './citations.ts';
import { cutAtSentence, HEADLINE_CHARS, splitHeadline } from './headline.ts';
import { dropRepeats, folded, markRunsOnce, offerOnlyUnshown, oneSideNote } from './reply-lines.ts';
import { MAX_REPLY_CHARS, type Citation, type Continuation } from './types.ts';

export { cutAtSentence, HEADLINE_CHARS } from './headline.ts';

/** One source a fact came from, and the verbatim text of the chunk it used. */
export interface FactSource {
  meta: DocumentMeta;
  chunk: Chunk;
  used: string[];
}

export interface DraftFact {
  text: string;
  sources: FactSource[];
  /** The label of the list this fact continues ("Thành phần hồ sơ"), when its first line is not the label. */
  label?: string;
  /**
   * Kept for "xem thêm" whatever room is left: what supports the answer but does not answer it (a change
   * ahead, the rest of a narrow answer). `teaser` is said in the "Còn N mục" line ("lệ phí đổi từ 01/1/2027").
   */
  later?: { teaser?: string };
  /** Stated as in force on the day asked (picked from a sheet's dated variants). */
  dated?: boolean;
}

export interface Draft {
  lead: string;
  facts: DraftFact[];
  /** Short notes after the facts (dated source, rule changes…). */
  notes: string[];
  /** The lead is the first line (an English frame around Vietnamese quotes); otherwise the answer is. */
  leadFirst?: boolean;
  /** Said beside a document on its source line, by document id ("hết hạn 31/12/2024"). */
  sourceNotes?: Readonly<Record<string, string>>;
}

export interface RenderedReply {
  text: string;
  citations: Citation[];
  /** What did not fit, for "xem thêm"; null when everything was shown. */
  more: Continuation | null;
}

const SOURCES_HEADER = 'Nguồn:';
/** A fact cut shorter than this is not worth showing. */
const MIN_FACT_CHARS = 60;
/** What a reply aims at on a phone (Zalo takes 2000): the rest waits for "xem thêm". */
export const PHONE_REPLY_CHARS = 1000;
/** Room kept for the "Còn N mục — hỏi "xem thêm"." line. */
const MORE_NOTE_CHARS = 40;

/** The line that tells how many items wait behind "xem thêm", and what the notable ones are about. */
export const moreNote = (n: number, about: readonly string[] = []) =>
  `Còn ${n} mục${about.length > 0 ? ` (${about.join('; ')})` : ''} — hỏi "xem thêm".`;

/**
 * The composers' lead is "[scope sentence. ]Thủ tục X, áp dụng ngày D:" or "Theo Kế hoạch …:". The sources
 * already name the document, so on a phone only the scope sentence stays a line of its own, the day goes to
 * the sources' header, and the standard part serves as a heading only when the answer has no short first line.
 */
export function readLead(lead: string): { prefix: string; standard: string; date: string | null } {
  const m = /^(.*?)((?:Thủ tục .+, áp dụng ngày (\d{1,2}\/\d{1,2}\/\d{4}))|(?:Theo .+?)):?\s*$/su.exec(lead.trim());
  if (!m) return { prefix: lead.replace(/:\s*$/, ''), standard: '', date: null };
  return { prefix: (m[1] ?? '').trim(), standard: m[2] as string, date: m[3] ?? null };
}

/**
 * The heading over a first sentence too long for the first line: which procedure, "Thủ tục Đăng ký khai tử".
 * The composer's " — tóm tắt" is for the code, and the day is said once, by the sources' header, when a dated
 * rule is shown.
 */
export const headingOf = (standard: string) =>
  standard.replace(/ — tóm tắt(?=,)/, '').replace(/, áp dụng ngày \d{1,2}\/\d{1,2}\/\d{4}$/, '');

/**
 * An English frame's lead names the sheet or plan it quotes ("From the procedure sheet "Đăng ký kết hôn (hai
 * bên …)" (quoted in Vietnamese):", "From Dong Nai's plan 53/KH-UBND (2024, …)"); the source line below names it
 * too, so the lead says only what kind of source (and a plan's year).
 */
export const framedLead = (lead: string) =>
  lead
    .replace(/^(From the procedure sheet) "[^"]*" (?=\(quoted in)/, '$1 ')
    .replace(/^From (Dong Nai's) plan \S+ \((\d{4}), (quoted in Vietnamese)\):$/, 'From $1 $2 plan ($3):');

interface Pending {
  lines: string[];
  sources: FactSource[];
}

/**
 * Renders a draft: the first fact's answer is the first line, then the scope sentence (if any), the other
 * facts, the notes and the sources. A fact that does not fit is shown up to its last whole item or sentence
 * that fits; the rest goes to the continuation. Text is never cut inside an item or a sentence.
 */
export function renderDraft(draft: Draft, limit = PHONE_REPLY_CHARS): RenderedReply {
  // The budget is an estimate (source lines share a document name): a reply over it is laid out again tighter.
  let reply = layout(draft, limit);
  for (let budget = limit, i = 0; reply.text.length > limit && i < 3; i++) {
    budget -= reply.text.length - limit + 20;
    reply = layout(draft, budget);
  }
  return reply;
}

function layout(draft: Draft, limit: number): RenderedReply {
  const ledger = new CitationLedger(draft.sourceNotes);
  const { prefix, standard, date } = readLead(draft.lead);
  // The first line answers: a fact kept for "xem thêm" never opens the reply.
  const ordered = oneSideNote([...draft.facts.filter((f) => !f.later), ...draft.facts.filter((f) => f.later)]);
  // A summary's fields are one short line each; the first within the first line (see broad.ts).
  const glanced = isBroad(draft) ? glanceFacts(ordered, draft.leadFirst ? undefined : HEADLINE_CHARS - 5) : ordered;
  const [first, ...others] = [...glanced.filter((f) => !f.later), ...glanced.filter((f) => f.later)];
  const opening: DraftFact[] =
    first && !draft.leadFirst ? splitHeadline(first, headingOf(standard)) : first ? [first] : [];
  const notes = uniqueNotes(draft.notes);
  const head = draft.leadFirst ? [framedLead(draft.lead)] : prefix ? [prefix] : [];
  // The day matters to a reply that states dated rules ("Từ 01/1/2027: …", "đến hết 28/02/2027").
  // A sheet's own wording that carries a date ("từ 01/7/2025 …") is not a rule picked for the day.
  const dated = draft.facts.some(
    (f) => !f.later && f.dated && /(?:Từ|từ|đến hết|trước) \d{1,2}\/\d{1,2}\/\d{4}/.test(f.text),
  );
  const sourcesHeader = date && dated && !draft.leadFirst ? `Nguồn (áp dụng ${date}):` : SOURCES_HEADER;
  const labels = new Set<string>(); // chunk ids already on a source line
  let used = [...head, ...notes, sourcesHeader].reduce((s, l) => s + l.length + 1, 0) + MORE_NOTE_CHARS;
  const shown: string[] = [];
  const rest: Pending[] = [];
  // What waits for "xem thêm" comes after what is shown, so a repeat is dropped from the part kept for later.
  const all = dropRepeats([...opening, ...others].sort((a, b) => Number(!!a.later) - Number(!!b.later)));
  const facts = all.filter((f) => !f.later);
  const later = all.filter((f) => f.later);
  // What each fact needs at least (its first line, or a list's label and first item): every part of the
  // question gets its first line before a long list takes the room.
  // Only the parts of a question (field facts "Phí, lệ phí: …") and the most related side note are reserved
  // for; other notes get what is left, and quoted passages are in order of relevance (an earlier one keeps
  // its room).
  const firstNote = facts.findIndex((f) => /^Lưu ý:/.test(f.text));
  const least = facts.map((f, i) =>
    /^[^:\n]{2,40}:/.test(f.text) && (!/^Lưu ý:/.test(f.text) || i === firstNote) && hasSource(f)
      ? Math.min(firstLines(f.text).length, 250) + 6
      : 0,
  );
  const cited = new Set<string>(); // documents already on a source line: another part of one costs its label only
  facts.forEach((fact, i) => {
    const fresh = fact.sources.filter((s) => !labels.has(s.chunk.id));
    const sourceCost = fresh.reduce((sum, s) => {
      const p = sourceLineParts(s.meta, s.chunk);
      const note = draft.sourceNotes?.[s.meta.id]?.length ?? 0;
      return sum + (cited.has(s.meta.id) ? p.item.length : p.head.length + p.item.length + note + 6) + 6;
    }, 0);
    const room = limit - used - sourceCost - fact.sources.length * 5 - 1;
    const after = facts.slice(i + 1);
    const allFit = fact.text.length + after.reduce((sum, f) => sum + f.text.length + 6, 0) <= room;
    const reserve = least.slice(i + 1).reduce((a, b) => a + b, 0);
    const share = allFit ? room : Math.max(room - reserve, Math.min(least[i] ?? 0, room));
    // The first line is the answer, or the heading over a long one: it is never squeezed out by the budget
    // (splitHeadline already keeps it within HEADLINE_CHARS), or the next fact would open the reply uncut.
    const [text, left] =
      i === 0 && fact.text.length <= HEADLINE_CHARS ? [fact.text, []] : fitFact(fact.text, share, fact.label);
    if (left.length > 0) rest.push({ lines: left, sources: fact.sources });
    if (text === null) return;
    const numbers = [...new Set(fact.sources.map((s) => ledger.cite(s.meta, s.chunk, s.used)))];
    fresh.forEach((s) => {
      labels.add(s.chunk.id);
      cited.add(s.meta.id);
    });
    const line = numbers.length > 0 ? `${text} ${numbers.map((n) => `[${n}]`).join('')}` : text;
    shown.push(line);
    used += line.length + 1 + sourceCost;
  });
  for (const fact of later) rest.push({ lines: laterLines(fact), sources: fact.sources });
  const teasers = [...new Set(later.flatMap((f) => (f.later?.teaser ? [f.later.teaser] : [])))];
  const more = continuation(rest, draft.sourceNotes);
  // "Hỏi thêm về hồ sơ…" says what "Còn N mục — hỏi "xem thêm"" already says.
  const kept = notes.flatMap((n) => {
    const offer = more && /^Hỏi thêm/.test(n) ? null : offerOnlyUnshown(n, shown);
    return offer ? [offer] : [];
  });
  const tail = [...(more ? [moreNote(more.lines.filter(isItem).length, teasers)] : []), ...kept];
  // One source needs no numbers: "Nguồn: Kế hoạch 53/KH-UBND …" says where every line comes from.
  const single = ledger.citations().length === 1;
  const sourceLines = single ? ledger.lines().map((l) => l.replace(/^\[1\] /, '')) : ledger.lines(true);
  // A scope sentence goes after the first line and the list items that continue it ("Hồ sơ: Tờ khai …" then
  // "- Giấy tờ …"), never inside that list; it breaks the run of lines one mark covers.
  let firstBlock = 1;
  while (firstBlock < shown.length && /^- /.test(shown[firstBlock] as string)) firstBlock++;
  const apart = !draft.leadFirst && head.length > 0 ? firstBlock : 0;
  const marked = single ? shown.map((l) => l.replace(/ \[1\]$/gm, '')) : markRunsOnce(shown, apart);
  const body =
    marked.length > 0 && !draft.leadFirst
      ? [...marked.slice(0, firstBlock), ...head, ...marked.slice(firstBlock), ...tail]
      : [...head, ...marked, ...tail];
  if (sourceLines.length > 0) body.push(...sourcesBlock(sourcesHeader, sourceLines));
  const text = hardLimit(body.join('\n'), MAX_REPLY_CHARS);
  return { text, citations: ledger.citations(), more };
}

/** "Nguồn: [1] …" — the header and the first source share a line; other documents follow, one a line. */
export function sourcesBlock(header: string, lines: readonly string[]): string[] {
  const [first, ...others] = lines;
  return first === undefined ? [] : [`${header} ${first}`, ...others];
}

/**
 * The part of a fact that fits in `room` characters, and the lines left over. A list keeps its label and as
 * many whole items as fit (at least one); a single paragraph is cut at its last sentence end that fits.
 */
function fitFact(text: string, room: number, listLabel?: string): [string | null, string[]] {
  if (text.length <= room) return [text, []];
  const lines = text.split('\n');
  const label = lines.length > 1 && /:$/.test(lines[0] as string) ? (lines[0] as string) : null;
  const heading = label ?? (listLabel ? `${listLabel}:` : null);
  if (lines.length > 1 || listLabel) {
    let taken = label ? 1 : 0;
    let size = label ? label.length : -1;
    while (taken < lines.length && size + 1 + (lines[taken] as string).length <= room) {
      size += 1 + (lines[taken] as string).length;
      taken++;
    }
    const items = taken - (label ? 1 : 0);
    const continued = heading ? [`${heading.replace(/:$/, '')} (tiếp):`] : [];
    if (items === 0) return [null, [...(label ? [] : continued), ...lines]];
    return [lines.slice(0, taken).join('\n'), [...continued, ...lines.slice(taken)]];
  }
  const cut = room >= MIN_FACT_CHARS ? cutAtSentence(text, room) : null;
  if (cut === null) return [null, [text]];
  const left = text.slice(cut.length).replace(/^[\s;.]+/, '');
  return [cut, left ? [left] : []];
}

/** A fact kept for later, as continuation lines: under its list's label when its own text has none. */
function laterLines(fact: DraftFact): string[] {
  const lines = fact.text.split('\n');
  return fact.label && !/:$/.test(lines[0] ?? '') ? [`${fact.label} (tiếp):`, ...lines] : lines;
}

/** Not a headline's own heading ("Theo Kế hoạch …:"), which has no content of its own. */
const hasSource = (f: DraftFact) => f.sources.length > 0;

/** A fact's label with its first item ("Thành phần hồ sơ:\n- Tờ khai"), or its first line. */
const firstLines = (text: string) => {
  const lines = text.split('\n');
  return /:$/.test(lines[0] ?? '') && lines.length > 1 ? `${lines[0]}\n${lines[1]}` : (lines[0] ?? '');
};

/** A continuation line that is an item (a heading such as "Thành phần hồ sơ (tiếp):" is not counted). */
const isItem = (line: string) => !/:(?:\s*\[\d+\])*$/.test(line.trim());

/** Renders what did not fit, with its own citation numbers, for "xem thêm". */
function continuation(rest: readonly Pending[], notes?: Readonly<Record<string, string>>): Continuation | null {
  if (rest.length === 0) return null;
  const ledger = new CitationLedger(notes);
  const lines: string[] = [];
  for (const p of rest) {
    const numbers = [...new Set(p.sources.map((s) => ledger.cite(s.meta, s.chunk, s.used)))];
    const marks = numbers.map((n) => `[${n}]`).join('');
    p.lines.forEach((l, i) => lines.push(i === p.lines.length - 1 && marks ? `${l} ${marks}` : l));
  }
  return { lines, sources: ledger.lines(), citations: ledger.citations() };
}

/** Notes once each, each at most 300 characters cut at a sentence end. */
function uniqueNotes(notes: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of notes) {
    const note = cutAtSentence(n, 300) ?? n.slice(0, 300);
    if (!out.some((o) => folded(o) === folded(note))) out.push(note);
  }
  return out;
}

/** Cuts at a word boundary and marks the cut with "…" (only the hard limit below uses it). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** Last guard: the budget above is an estimate; this is the promise. */
function hardLimit(text: string, limit: number): string {
  return text.length <= limit ? text : truncate(text, limit);
}
