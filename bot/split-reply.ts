/**
 * Zalo caps one text message at 2000 characters (OA cs messages and Bot sendMessage alike). A long reply goes
 * out as at most 3 messages cut between lines — a list item or a sentence is never cut — with the sources
 * ("Nguồn: …", the last block the composer writes) kept at the end. What still does not fit is not thrown
 * away: the last message says "Còn N mục — hỏi "xem thêm"" and the worker keeps the rest in the conversation.
 */
import type { Continuation } from '../answer/index.ts';

/** Zalo's limit on one text message, in UTF-16 code units. */
export const ZALO_TEXT_LIMIT = 2000;
const moreNote = (n: number) => `Còn ${n} mục — hỏi "xem thêm".`;

export interface SplitReply {
  parts: string[];
  /** Whole lines that did not fit `maxParts` messages, in order (empty when everything was sent). */
  rest: string[];
}

/** Splits text into messages of at most `limit` chars, at most `maxParts` of them. */
export function splitReply(text: string, limit = ZALO_TEXT_LIMIT, maxParts = 3): string[] {
  return splitReplyKeepingRest(text, limit, maxParts).parts;
}

/** As splitReply, and returns the lines that did not fit for "xem thêm". */
export function splitReplyKeepingRest(text: string, limit = ZALO_TEXT_LIMIT, maxParts = 3): SplitReply {
  const trimmed = text.trim();
  if (trimmed.length <= limit) return { parts: trimmed ? [trimmed] : [], rest: [] };
  const lines = trimmed.split('\n').flatMap((l) => breakLong(l, limit));
  const at = lines.findIndex((l) => /^Nguồn(?: \([^)]*\))?:/.test(l.trim()));
  const ending = at >= 0 ? lines.slice(at) : [];
  const body = at >= 0 ? lines.slice(0, at) : lines;
  const parts = pack([...body, ...ending], limit);
  if (parts.length <= maxParts) return { parts, rest: [] };
  // Too long for maxParts messages: fill them, leaving room in the last one for the note and the sources.
  const endCost = ending.reduce((s, l) => s + l.length + 1, 0) + moreNote(999).length + 1;
  const sent: string[] = [];
  let taken = 0;
  for (let m = 0; m < maxParts; m++) {
    const room = m === maxParts - 1 ? limit - endCost : limit;
    let size = -1;
    const start = taken;
    while (taken < body.length && size + 1 + (body[taken] as string).length <= room) {
      size += 1 + (body[taken] as string).length;
      taken++;
    }
    sent.push(body.slice(start, taken).join('\n'));
  }
  const rest = body.slice(taken);
  const items = rest.filter((l) => l.trim().length > 0 && !/:$/.test(l.trim())).length;
  sent[maxParts - 1] = [sent[maxParts - 1], moreNote(items), ...ending].filter((x) => x).join('\n');
  return { parts: sent.filter((p) => p.trim().length > 0), rest };
}

/** Greedy packing of lines into messages of at most `limit`. */
function pack(lines: readonly string[], limit: number): string[] {
  const parts: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    const joined: string = current === null ? line : `${current}\n${line}`;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current !== null && current.trim()) parts.push(current.trim());
    current = line;
  }
  if (current !== null && current.trim()) parts.push(current.trim());
  return parts;
}

/** A single line longer than a message is broken at sentence ends, then (last resort) at spaces. */
function breakLong(line: string, limit: number): string[] {
  if (line.length <= limit) return [line];
  for (const sep of ['. ', '; ', ' ']) {
    const cut = line.lastIndexOf(sep, limit - 1);
    if (cut > limit / 2) {
      return [line.slice(0, cut + (sep === ' ' ? 0 : 1)).trim(), ...breakLong(line.slice(cut + 1).trim(), limit)];
    }
  }
  return [line.slice(0, limit), ...breakLong(line.slice(limit), limit)];
}

/**
 * The continuation the worker keeps: lines a message could not carry come before what answer() kept back.
 * Their "[n]" marks are numbered in the reply that was sent, so answer()'s own marks are moved past them.
 */
export function withRest(more: Continuation | null, rest: readonly string[]): Continuation | null {
  if (rest.length === 0) return more;
  if (!more) return { lines: [...rest], sources: [], citations: [] };
  const offset = Math.max(0, ...rest.flatMap((l) => [...l.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]))));
  const shift = (s: string) => s.replace(/\[(\d+)\]/g, (_m, n: string) => `[${Number(n) + offset}]`);
  return {
    lines: [...rest, ...more.lines.map(shift)],
    sources: more.sources.map(shift),
    citations: more.citations.map((c) => ({ ...c, n: c.n + offset })),
  };
}
