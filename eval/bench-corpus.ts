/**
 * A larger corpus made by scaling the real documents: each copy of a document keeps its structure and
 * wording but gets its own numbers and a made-up place name, so the vocabulary and postings grow the way a
 * province's worth of similar documents would, instead of repeating identical text.
 */
import type { IndexedDocument } from '../knowledge/index.ts';

const SYLLABLES = [
  'an',
  'bình',
  'châu',
  'dương',
  'đông',
  'giang',
  'hòa',
  'hưng',
  'khánh',
  'lâm',
  'long',
  'minh',
  'nam',
  'ninh',
  'phú',
  'phước',
  'quang',
  'sơn',
  'tân',
  'thạnh',
  'thành',
  'thuận',
  'tiến',
  'trung',
  'vĩnh',
  'xuân',
  'yên',
  'lộc',
];

/** A deterministic two-syllable place name for copy `i` ("Phường Tân Lộc"). */
export function placeName(i: number): string {
  const n = SYLLABLES.length;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${cap(SYLLABLES[i % n] as string)} ${cap(SYLLABLES[Math.floor(i / n) % n] as string)} ${Math.floor(i / (n * n)) + 1}`;
}

/** Shifts every number in the text by the copy index so amounts and dates differ between copies. */
export function varyNumbers(text: string, copy: number): string {
  if (copy === 0) return text;
  return text.replace(/\d+/g, (d) =>
    String((Number(d) + copy * 7) % 10 ** Math.max(2, d.length)).padStart(d.length, '0'),
  );
}

/**
 * Copies of the real documents until the corpus has `targetChunks` chunks (the last copy is cut short).
 * Copy 0 is the original text.
 */
export function scaleCorpus(real: readonly IndexedDocument[], targetChunks: number): IndexedDocument[] {
  const out: IndexedDocument[] = [];
  let total = 0;
  for (let copy = 0; total < targetChunks; copy++) {
    for (const d of real) {
      if (total >= targetChunks) break;
      const room = targetChunks - total;
      const id = copy === 0 ? d.meta.id : `${d.meta.id}~${copy}`;
      const suffix = copy === 0 ? '' : ` — Phường ${placeName(copy)}`;
      const chunks = d.chunks.slice(0, room).map((c) => ({
        ...c,
        id: copy === 0 ? c.id : `${c.id}~${copy}`,
        documentId: id,
        text: copy === 0 ? c.text : `${varyNumbers(c.text, copy)} (Phường ${placeName(copy)})`,
      }));
      out.push({
        meta: { ...d.meta, id, title: `${d.meta.title}${suffix}`, sourcePath: `${d.meta.sourcePath}~${copy}` },
        contentHash: `${d.contentHash}~${copy}`,
        chunks,
      });
      total += chunks.length;
    }
    if (real.length === 0) break;
  }
  return out;
}
