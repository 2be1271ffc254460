/**
 * "Xem thêm": a reply shows what fits a phone and keeps the rest (whole items) as a continuation; the
 * channel stores it in the turn it records. A following "xem thêm" / "xem them" / "tiếp" / "more" shows the
 * next page of it. When a channel did not store it (the web API, the eval harness), the previous question is
 * answered again with the history it was asked with, and the pages already shown are skipped: answer() is a
 * pure function of the question, the history and the day, so the pages come out the same.
 */
import { moreNote, sourcesBlock } from './reply.ts';
import { foldTokens } from './query-text.ts';
import type { Citation, Continuation, Turn } from './types.ts';

/** One "xem thêm" page fits one Zalo message (2000 characters) with its note and sources. */
export const MORE_PAGE_CHARS = 1800;

const MORE_REQUEST =
  /^(?:(?:cho )?(?:xem|doc|hien|gui) )?(?:them|tiep|tiep theo|tiep tuc|nua|con lai|phan con lai|het)(?: (?:di|nua|a|nhe|nha|voi|ad|ban))*$|^(?:show |see |read )?(?:more|next|the rest)(?: please)?$/;

/** True for a bare request to continue the previous reply ("xem thêm", "xem them", "tiếp", "more"). */
export function isMoreRequest(question: string): boolean {
  return MORE_REQUEST.test(foldTokens(question).join(' '));
}

export interface MorePage {
  text: string;
  citations: Citation[];
  more: Continuation | null;
}

/**
 * The next page of a continuation: whole lines while they fit `limit` (at least one), a heading never left
 * last, then "Còn N mục — hỏi "xem thêm"." when lines remain, and the sources the page's marks refer to.
 */
export function morePage(more: Continuation, limit = MORE_PAGE_CHARS): MorePage {
  const sourcesCost = more.sources.reduce((s, l) => s + l.length + 1, 0) + 'Nguồn:'.length + 1;
  let used = sourcesCost + 40;
  let taken = 0;
  while (taken < more.lines.length && (taken === 0 || used + (more.lines[taken] as string).length + 1 <= limit)) {
    used += (more.lines[taken] as string).length + 1;
    taken++;
  }
  while (taken > 1 && isHeading(more.lines[taken - 1] as string)) taken--;
  const page = more.lines.slice(0, taken);
  const left = more.lines.slice(taken);
  const rest = left.length > 0 ? { ...more, lines: left } : null;
  const marks = new Set([...page.join('\n').matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  const body = [...page, ...(rest ? [moreNote(left.filter((l) => !isHeading(l)).length)] : [])];
  const sources = more.sources.filter((l) => [...l.matchAll(/\[(\d+)\]/g)].some((m) => marks.has(Number(m[1]))));
  body.push(...sourcesBlock('Nguồn:', sources));
  return { text: body.join('\n'), citations: more.citations.filter((c) => marks.has(c.n)), more: rest };
}

const isHeading = (line: string) => /:(?:\s*\[\d+\])*$/.test(line.trim());

/** What a "xem thêm" continues from, read from the history; see the file comment. */
export type MoreSource =
  | { kind: 'stored'; more: Continuation | null; topicDocumentId: string | null }
  | { kind: 'replay'; question: string; history: Turn[]; skip: number; topicDocumentId: string | null }
  | { kind: 'none' };

export function moreSource(history: readonly Turn[] | undefined): MoreSource {
  const turns = history ?? [];
  const last = turns.at(-1);
  if (!last) return { kind: 'none' };
  if (last.more !== undefined) return { kind: 'stored', more: last.more, topicDocumentId: last.topicDocumentId };
  let at = turns.length - 1;
  while (at >= 0 && isMoreRequest((turns[at] as Turn).question)) at--;
  const original = turns[at];
  if (!original) return { kind: 'none' };
  return {
    kind: 'replay',
    question: original.question,
    history: turns.slice(0, at),
    skip: turns.length - 1 - at,
    topicDocumentId: original.topicDocumentId,
  };
}

/** The reply when there is nothing left to show. */
export const NOTHING_MORE =
  'Câu trả lời trước đã hiển thị đầy đủ. Bạn muốn hỏi thêm gì (hồ sơ, lệ phí, thời hạn, nơi nộp…)?';

/** The result fields of a "xem thêm" reply; `ask` is answer() itself, for the replay case. */
export async function continueReply(
  history: readonly Turn[] | undefined,
  ask: (question: string, history: Turn[]) => Promise<{ more?: Continuation | null }>,
): Promise<MorePage & { topicDocumentId: string | null; notices: string[] }> {
  const source = moreSource(history);
  let more: Continuation | null = null;
  let topicDocumentId: string | null = null;
  if (source.kind === 'stored') {
    more = source.more;
    topicDocumentId = source.topicDocumentId;
  } else if (source.kind === 'replay') {
    more = (await ask(source.question, source.history)).more ?? null;
    for (let i = 0; i < source.skip && more; i++) more = morePage(more).more;
    topicDocumentId = source.topicDocumentId;
  }
  if (!more) return { text: NOTHING_MORE, citations: [], more: null, topicDocumentId, notices: ['more: nothing left'] };
  const page = morePage(more);
  return { ...page, topicDocumentId, notices: [`more: ${source.kind}, ${page.more?.lines.length ?? 0} lines left`] };
}
