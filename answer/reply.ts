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
}

export interface RenderedReply {
  text: string;
  citations: Citation[];
}

const SOURCES_HEADER = 'Nguồn:';
/** A fact cut shorter than this is not worth showing. */
const MIN_FACT_CHARS = 60;

/** Renders a draft within the limit; facts that do not fit are shortened, then dropped. */
export function renderDraft(draft: Draft, limit = MAX_REPLY_CHARS): RenderedReply {
  const ledger = new CitationLedger();
  const lead = truncate(draft.lead, Math.floor(limit / 3));
  const notes = draft.notes.map((n) => truncate(n, 300));
  const shown: string[] = [];
  const labels = new Map<string, number>(); // chunk id → label length, for the budget
  let used = lead.length + notes.reduce((s, n) => s + n.length + 1, 0) + SOURCES_HEADER.length + 2;
  for (const fact of draft.facts) {
    const fresh = fact.sources.filter((s) => !labels.has(s.chunk.id));
    const sourceCost = fresh.reduce((sum, s) => sum + sourceLabel(s.meta, s.chunk).length + 6, 0);
    const markerCost = fact.sources.length * 5;
    const room = limit - used - sourceCost - markerCost - 1;
    if (room < Math.min(MIN_FACT_CHARS, fact.text.length)) break;
    const text = truncate(fact.text, room);
    const numbers = [...new Set(fact.sources.map((s) => ledger.cite(s.meta, s.chunk, s.used)))];
    fresh.forEach((s) => labels.set(s.chunk.id, 1));
    const line = numbers.length > 0 ? `${text} ${numbers.map((n) => `[${n}]`).join('')}` : text;
    shown.push(line);
    used += line.length + 1 + sourceCost;
  }
  const sourceLines = ledger.lines();
  const parts = [lead, ...shown, ...notes];
  if (sourceLines.length > 0) parts.push(SOURCES_HEADER, ...sourceLines);
  const text = hardLimit(parts.join('\n'), limit);
  return { text, citations: ledger.citations() };
}

/** Cuts at a word boundary and marks the cut with "…". */
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
