/**
 * Zalo caps one text message at 2000 characters (OA cs messages and Bot sendMessage alike). Long answers are
 * split at paragraph boundaries into at most 3 messages; the last paragraph (where the composer puts the
 * sources) is kept even when the middle has to be shortened, because an answer without its citation is
 * worse than a shorter one.
 */

/** Zalo's limit on one text message, in UTF-16 code units. */
export const ZALO_TEXT_LIMIT = 2000;
const CUT_NOTE = '… (đã rút gọn; hỏi cụ thể hơn để xem phần còn lại)';

/** Splits text into messages of at most `limit` chars, at most `maxParts` of them. */
export function splitReply(text: string, limit = ZALO_TEXT_LIMIT, maxParts = 3): string[] {
  const trimmed = text.trim();
  if (trimmed.length <= limit) return trimmed ? [trimmed] : [];
  const pieces = trimmed
    .split(/\n{2,}/)
    .flatMap((p) => breakLong(p.trim(), limit))
    .filter(Boolean);
  const parts = pack(pieces, limit);
  if (parts.length <= maxParts) return parts;
  return keepEnding(pieces, limit, maxParts);
}

/** Greedy packing of pieces, joined by blank lines, into messages of at most `limit`. */
function pack(pieces: string[], limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const joined = current ? `${current}\n\n${piece}` : piece;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current) parts.push(current);
    current = piece;
  }
  if (current) parts.push(current);
  return parts;
}

/** A paragraph longer than a message is broken at line ends, then sentence ends, then spaces. */
function breakLong(paragraph: string, limit: number): string[] {
  if (paragraph.length <= limit) return [paragraph];
  for (const sep of ['\n', '. ', ' ']) {
    const cut = paragraph.lastIndexOf(sep, limit - 1);
    if (cut > limit / 2) {
      const head = paragraph.slice(0, cut + (sep === '. ' ? 1 : 0)).trim();
      return [head, ...breakLong(paragraph.slice(cut + sep.length).trim(), limit)];
    }
  }
  return [paragraph.slice(0, limit), ...breakLong(paragraph.slice(limit), limit)];
}

/** Too long even for maxParts messages: keep the beginning and the final paragraph, note the cut. */
function keepEnding(pieces: string[], limit: number, maxParts: number): string[] {
  const last = pieces[pieces.length - 1] ?? '';
  const head = pieces.slice(0, -1);
  let parts = pack([...head, CUT_NOTE, last], limit);
  // Greedy packing wastes room at message ends, so drop head paragraphs until the rest fits.
  while (parts.length > maxParts && head.length > 0) {
    head.pop();
    parts = pack([...head, CUT_NOTE, last], limit);
  }
  return parts.slice(0, maxParts);
}
