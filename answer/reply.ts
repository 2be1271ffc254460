/**
 * Turns a draft (lead line, facts, notes) into the plain-text reply: facts carry "[n]" markers, sources are
 * listed at the end, and the whole thing never exceeds MAX_REPLY_CHARS. Only facts that fit are cited.
 */
import type { Chunk, DocumentMeta } from '../knowledge/index.ts';
import { CitationLedger, sourceLabel } from './citations.ts';
import { MAX_REPLY_CHARS, type Citation } from './types.ts';

/** One source a fact came from, and the verbatim text of the chunk it used. */
export interface FactSource {
  meta: DocumentMeta;
  chunk: Chunk;
  used: string[];
}

export interface DraftFact {
  text: string;
  sources: FactSource[];
}

export interface Draft {
  lead: string;
  facts: DraftFact[];
  /** Short notes after the facts (dated source, rule changes…). */
  notes: string[];
  /** The lead is the first line (an English frame around Vietnamese quotes); otherwise the answer is. */
  leadFirst?: boolean;
}

export interface RenderedReply {
  text: string;
  citations: Citation[];
}

const SOURCES_HEADER = 'Nguồn:';
/** A fact cut shorter than this is not worth showing. */
const MIN_FACT_CHARS = 60;
/** The first line holds the answer and fits a phone screen's first glance. */
export const HEADLINE_CHARS = 160;
/** What a reply aims at on a phone (Zalo takes 2000); facts beyond it are dropped whole and counted. */
export const PHONE_REPLY_CHARS = 1400;

/**
 * Renders a draft: the first fact's answer is the first line, the lead follows as the context line (which
 * source, which day), then the other facts, notes and sources. Facts that do not fit are dropped whole (a
 * note says how many); text is only ever cut at a sentence end.
 */
export function renderDraft(draft: Draft, limit = PHONE_REPLY_CHARS): RenderedReply {
  const ledger = new CitationLedger();
  const [first, ...rest] = draft.facts;
  const opening = first && !draft.leadFirst ? splitHeadline(first) : first ? [first] : [];
  const facts = [...opening, ...rest];
  const context = draft.lead.replace(/:\s*$/, '');
  const notes = draft.notes.map((n) => cutAtSentence(n, 300) ?? n.slice(0, 300));
  const shown: string[] = [];
  const labels = new Map<string, number>(); // chunk id → label length, for the budget
  let used = context.length + 3 + notes.reduce((s, n) => s + n.length + 1, 0) + SOURCES_HEADER.length + 2;
  let dropped = 0;
  for (const fact of facts) {
    const fresh = fact.sources.filter((s) => !labels.has(s.chunk.id));
    const sourceCost = fresh.reduce((sum, s) => sum + sourceLabel(s.meta, s.chunk).length + 6, 0);
    const markerCost = fact.sources.length * 5;
    const room = limit - used - sourceCost - markerCost - 1;
    const text = fact.text.length <= room ? fact.text : room >= MIN_FACT_CHARS ? cutAtSentence(fact.text, room) : null;
    if (text === null) {
      dropped++;
      continue;
    }
    const numbers = [...new Set(fact.sources.map((s) => ledger.cite(s.meta, s.chunk, s.used)))];
    fresh.forEach((s) => labels.set(s.chunk.id, 1));
    const line = numbers.length > 0 ? `${text} ${numbers.map((n) => `[${n}]`).join('')}` : text;
    shown.push(line);
    used += line.length + 1 + sourceCost;
  }
  if (dropped > 0) notes.unshift(`Còn ${dropped} mục nữa trong nguồn; bạn hỏi riêng từng mục để xem.`);
  const sourceLines = ledger.lines();
  const parts =
    shown.length > 0 && !draft.leadFirst
      ? [shown[0] as string, `(${context})`, ...shown.slice(1), ...notes]
      : [draft.leadFirst ? draft.lead : context, ...shown, ...notes];
  if (sourceLines.length > 0) parts.push(SOURCES_HEADER, ...sourceLines);
  const text = hardLimit(parts.join('\n'), MAX_REPLY_CHARS);
  return { text, citations: ledger.citations() };
}

/** Display text of a quoted line: bullets and a trailing ";" or "," of the source list dropped. */
const clean = (line: string) =>
  line
    .trim()
    .replace(/^[-•+*]\s*/, '')
    .replace(/[;,]\s*$/, '');

/**
 * Splits the first fact so its answer is the first line: "Label:\n- a\n- b" → "Label: a" then "- b";
 * a long single line → its first sentence(s) within HEADLINE_CHARS, then the rest. Nothing is repeated.
 */
function splitHeadline(fact: DraftFact): DraftFact[] {
  const lines = fact.text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const head = lines[0] ?? '';
  const joined = /:$/.test(head) && lines.length > 1 ? `${head} ${clean(lines[1] as string)}` : clean(head);
  const tail = /:$/.test(head) && lines.length > 1 ? lines.slice(2) : lines.slice(1);
  let headline = joined;
  let remainder = '';
  if (joined.length > HEADLINE_CHARS) {
    // A stub of a few words left for the next line reads badly: cut earlier then.
    const at = joined.length - HEADLINE_CHARS < 30 ? HEADLINE_CHARS - 40 : HEADLINE_CHARS;
    headline = cutAtSentence(joined, at) ?? cutAtWord(joined, at);
    remainder = joined.slice(headline.length).replace(/^[\s;.,]+/, '');
  }
  const restText = [remainder, ...tail.map((l) => `- ${clean(l)}`)].filter((l) => l.length > 0).join('\n');
  const out: DraftFact[] = [{ text: headline, sources: fact.sources }];
  if (restText.length > 0) out.push({ text: restText, sources: [] });
  return out;
}

/** The longest prefix of `text` within `max` that ends a sentence (". ", "; ", line end), or null. */
export function cutAtSentence(text: string, max: number): string | null {
  if (text.length <= max) return text;
  const window = text.slice(0, max + 1);
  let end = -1;
  for (const m of window.matchAll(/[.;!?](?=\s|$)|\n/g)) if ((m.index ?? 0) < max) end = m.index ?? end;
  if (end < Math.min(40, max / 3)) return null;
  return text
    .slice(0, end + 1)
    .replace(/[;\n]\s*$/, '')
    .replace(/\s+$/, '');
}

/** A cut at a word boundary that does not end on a connective ("và", "của"): the line goes on below. */
function cutAtWord(text: string, max: number): string {
  const words = text.slice(0, max).split(' ');
  words.pop();
  while (
    words.length > 1 &&
    /^(?:và|hoặc|hay|của|cho|là|thì|với|từ|tại|ở|theo|and|or|of|the|to)$/i.test(words[words.length - 1] as string)
  )
    words.pop();
  return words.join(' ').replace(/[,;:]$/, '');
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
