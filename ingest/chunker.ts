/**
 * Structure-aware chunker: walks the blocks keeping the heading path, groups the content of one
 * section into chunks of about {@link CHUNK_LIMITS} syllables, and splits long blocks at sentence
 * or ';' boundaries. Every chunk's text is a verbatim span of {@link documentText}, so the answer
 * side can quote it, and no chunk starts or ends inside a word.
 */
import { createHash } from 'node:crypto';
import type { Chunk } from '../knowledge/index.ts';
import { ARTICLE_RANK, CLAUSE_OPENING, isLegalText, legalBlocks } from './legal-structure.ts';
import type { Block, PrebuiltChunk } from './types.ts';

/** Bump when chunking output changes for the same input: it is part of every content hash. */
export const CHUNKER_VERSION = 7;

/** Chunk sizes in syllables (space-separated words, which is what a Vietnamese syllable is in text). */
export const CHUNK_LIMITS = Object.freeze({
  min: 60, // a trailing group smaller than this joins its predecessor
  pack: 150, // stop adding blocks to a chunk beyond this
  max: 300, // a single block above this is split
  maxChars: 3000, // and no chunk is longer than this, whatever its syllables (a 10 MiB line without spaces)
});

interface Unit {
  text: string;
  page: number | null;
  sep: string;
  row?: boolean;
  /** Stays with the unit before it while the group fits `max`: a khoản's điểm and continuation lines. */
  glue?: boolean;
}

/** The normalised document text that chunk texts are spans of. */
export function documentText(blocks: readonly Block[]): string {
  return blocks.map((b) => b.text).join('\n');
}

/** Counts syllables: whitespace-separated tokens. */
export function syllables(text: string): number {
  const t = text.trim();
  return t === '' ? 0 : t.split(/\s+/u).length;
}

/** Deterministic chunk id: the same document, section and position always give the same id. */
export function chunkId(documentId: string, sectionPath: readonly string[], ordinal: number): string {
  return createHash('sha256')
    .update(`${documentId}\u0000${sectionPath.join(' > ')}\u0000${ordinal}`)
    .digest('hex')
    .slice(0, 20);
}

/** Blocks → chunks with heading paths, pages and ordinals. */
export function chunkBlocks(documentId: string, source: readonly Block[]): Chunk[] {
  // A law's khoản and điểm are an article's content, and its chapters print their names on a line of their own.
  const blocks = legalBlocks(source);
  const legal = isLegalText(blocks);
  const out: Chunk[] = [];
  const stack: Array<{ rank: number; text: string }> = [];
  let units: Unit[] = [];
  const flush = () => {
    for (const group of packUnits(units))
      pushChunk(
        out,
        documentId,
        stack.map((h) => h.text),
        group,
      );
    units = [];
  };
  blocks.forEach((block, i) => {
    if (block.kind !== 'heading') {
      const pieces = splitBlock(block, units.length === 0 ? '' : '\n');
      // Inside an article only a khoản ("2. …") may open a chunk: its điểm and its other lines follow it.
      if (legal && stack.at(-1)?.rank === ARTICLE_RANK && !CLAUSE_OPENING.test(block.text)) pieces[0]!.glue = true;
      units.push(...pieces);
      return;
    }
    flush();
    const rank = block.rank ?? 99;
    while (stack.length > 0 && stack.at(-1)!.rank >= rank) stack.pop();
    stack.push({ rank, text: block.text });
    // A heading with neither content nor sub-headings would vanish from search; keep its own text.
    const next = blocks[i + 1];
    if (!next || (next.kind === 'heading' && (next.rank ?? 99) <= rank)) {
      pushChunk(
        out,
        documentId,
        stack.map((h) => h.text),
        [{ text: block.text, page: block.page, sep: '' }],
      );
    }
  });
  flush();
  return out;
}

/** Gives ids and ordinals to chunks a loader built itself (procedure sheets). */
export function finishPrebuilt(documentId: string, prebuilt: readonly PrebuiltChunk[]): Chunk[] {
  return prebuilt.map((p, ordinal) => ({
    id: chunkId(documentId, p.sectionPath, ordinal),
    documentId,
    sectionPath: [...p.sectionPath],
    page: null,
    ordinal,
    text: p.text,
    ...(p.field ? { field: p.field } : {}),
    ...(p.variants ? { variants: p.variants } : {}),
  }));
}

function pushChunk(out: Chunk[], documentId: string, sectionPath: string[], group: readonly Unit[]): void {
  const ordinal = out.length;
  const text = group.map((u, i) => (i === 0 ? u.text : u.sep + u.text)).join('');
  out.push({
    id: chunkId(documentId, sectionPath, ordinal),
    documentId,
    sectionPath,
    page: group[0]!.page,
    ordinal,
    text,
  });
}

/** Greedy packing up to `pack` syllables; a small tail joins the previous group when it fits under `max`. */
function packUnits(units: readonly Unit[]): Unit[][] {
  const groups: Unit[][] = [];
  let size = 0;
  for (const u of units) {
    const n = syllables(u.text);
    const current = groups.at(-1);
    // Table rows stay one chunk each: a row already carries its column headers.
    if (
      current &&
      !u.row &&
      !current[0]!.row &&
      (size + n <= CHUNK_LIMITS.pack || (u.glue && size + n <= CHUNK_LIMITS.max)) &&
      charsOf(current) + u.sep.length + u.text.length <= CHUNK_LIMITS.maxChars
    ) {
      current.push(u);
      size += n;
    } else {
      groups.push([u]);
      size = n;
    }
  }
  const last = groups.at(-1);
  const before = groups.at(-2);
  if (
    last &&
    before &&
    !last[0]!.row &&
    !before[0]!.row &&
    size < CHUNK_LIMITS.min &&
    sizeOf(before) + size <= CHUNK_LIMITS.max &&
    charsOf(before) + charsOf(last) <= CHUNK_LIMITS.maxChars
  ) {
    before.push(...groups.pop()!);
  }
  return groups;
}

const sizeOf = (g: readonly Unit[]) => g.reduce((n, u) => n + syllables(u.text), 0);
const charsOf = (g: readonly Unit[]) => g.reduce((n, u) => n + u.sep.length + u.text.length, 0);

/** A block as one unit, or as verbatim pieces cut at sentence/';' boundaries (then at spaces) when too long. */
function splitBlock(block: Block, sep: string): Unit[] {
  const fits = (t: string) => t.length <= CHUNK_LIMITS.maxChars && syllables(t) <= CHUNK_LIMITS.max;
  if (fits(block.text))
    return [{ text: block.text, page: block.page, sep, ...(block.kind === 'row' ? { row: true } : {}) }];
  const spans = packSpans(block.text, boundaries(block.text, /[.;!?:]\s+/gu));
  return spans
    .flatMap(([start, end]) => {
      const piece = block.text.slice(start, end);
      if (fits(piece)) return [[start, end] as const];
      return packSpans(piece, boundaries(piece, /\s+/gu)).flatMap(([s, e]) =>
        hardCut(block.text, start + s, start + e),
      );
    })
    .map(([start, end], i, all) => ({
      text: block.text.slice(start, end),
      page: block.page,
      sep: i === 0 ? sep : block.text.slice(all[i - 1]![1], start),
      ...(block.kind === 'row' ? { row: true } : {}),
    }));
}

/** Cuts a span with no usable whitespace into pieces of at most maxChars (never inside a surrogate pair). */
function hardCut(hardCutText: string, start: number, end: number): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  for (let s = start; s < end;) {
    let e = Math.min(end, s + CHUNK_LIMITS.maxChars);
    if (e < end && /[\uD800-\uDBFF]/.test(hardCutText.charAt(e - 1))) e--;
    out.push([s, e]);
    s = e;
  }
  return out;
}

/** Offsets where a piece may end (before the whitespace) and the next begin (after it). */
function boundaries(text: string, re: RegExp): Array<{ end: number; next: number }> {
  const out: Array<{ end: number; next: number }> = [];
  for (const m of text.matchAll(re)) {
    const ws = m[0].search(/\s/u);
    out.push({ end: m.index + ws, next: m.index + m[0].length });
  }
  return out;
}

/**
 * Packs the text between boundaries into spans of at most `pack` syllables and `maxChars` characters (a
 * single long piece stays whole here). Sizes are summed piece by piece, so a 10 MiB line stays linear.
 */
function packSpans(text: string, cuts: ReadonlyArray<{ end: number; next: number }>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  let lastGood: { end: number; next: number } | null = null;
  let size = 0; // syllables from start to lastGood.end
  const over = (n: number, end: number) => n > CHUNK_LIMITS.pack || end - start > CHUNK_LIMITS.maxChars;
  for (const cut of cuts) {
    const piece = syllables(text.slice(lastGood ? lastGood.next : start, cut.end));
    if (lastGood && over(size + piece, cut.end)) {
      spans.push([start, lastGood.end]);
      start = lastGood.next;
      size = 0;
    }
    size += piece;
    lastGood = cut;
  }
  const tail = syllables(text.slice(lastGood && lastGood.next > start ? lastGood.next : start));
  if (lastGood && lastGood.next > start && over(size + tail, text.length)) {
    spans.push([start, lastGood.end]);
    start = lastGood.next;
  }
  spans.push([start, text.length]);
  return spans;
}
