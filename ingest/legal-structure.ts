/**
 * The structure of a legal text (luật, nghị định, thông tư, the articles of a quyết định): Phần / Chương /
 * Mục / Điều are its sections, and an article's khoản ("1.") and điểm ("a)") are its content, never headings
 * of their own. Loaders see the numbering line by line and cannot know that: a short khoản without a full stop
 * ("1. Trợ cấp thất nghiệp") reads like a title, Markdown gives an article the rank of its "###", and a Word
 * or web page prints a chapter's name on the line after "Chương II". This pass re-reads the blocks of a
 * document that has articles, so the chunker sees one section per article, under its chapter.
 */
import type { Block } from './types.ts';

/** An article opening: "Điều 12.", "Điều 12a.", "Điều 12:" (some portals), "ĐIỀU 12." (older texts), at the start of the block. */
export const ARTICLE_OPENING = /^(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:](?=\s|$)/u;

// Ranks as ingest/structure.ts gives them: what the chunker's heading stack expects.
const PART = /^(?:PHẦN|Phần)\s+(?:[IVXLC]+|\d+|THỨ\s+\S+)(?=[\s.:]|$)/u;
const CHAPTER = /^(?:CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d+)(?=[\s.:]|$)/u;
const SECTION = /^(?:MỤC|Mục)\s+(?:\d+|[IVXLC]+)(?=[\s.:]|$)/u;
const RANK = { part: 1, chapter: 2, section: 3, article: 5 } as const;
/** The heading rank of an article (Điều), as ingest/structure.ts gives it. */
export const ARTICLE_RANK = RANK.article;
/** A khoản opening inside an article: "1.", "2." (a điểm is "a)"). */
export const CLAUSE_OPENING = /^\d+\.\s/u;

/** Articles a text needs before it is read as legal: a plan or guide that cites "Điều 5 của Luật …" has none at a block start. */
const MIN_ARTICLES = 3;
/** A chapter's or section's name printed on its own line is short and has no sentence punctuation. */
const MAX_NAME_CHARS = 200;

/** The rank of a legal division opening this text, or null. */
export function legalRank(text: string): number | null {
  if (ARTICLE_OPENING.test(text)) return RANK.article;
  if (CHAPTER.test(text)) return RANK.chapter;
  if (SECTION.test(text)) return RANK.section;
  if (PART.test(text)) return RANK.part;
  return null;
}

/** True when the blocks read as a legal text: at least {@link MIN_ARTICLES} blocks open an article. */
export function isLegalText(blocks: readonly Block[]): boolean {
  let n = 0;
  for (const b of blocks) if (ARTICLE_OPENING.test(b.text) && ++n >= MIN_ARTICLES) return true;
  return false;
}

// "Chương II" / "Mục 1" / "Điều 5." standing alone: the division's name follows on the next line.
const BARE_DIVISION =
  /^(?:(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục)\s+(?:[IVXLC]+|\d+)|(?:Điều|ĐIỀU)\s+\d+[a-zđ]?)\s*[.:]?$/u;

const isName = (b: Block | undefined): b is Block =>
  b !== undefined &&
  b.kind !== 'row' &&
  b.text.length <= MAX_NAME_CHARS &&
  !/[.;:,]$/u.test(b.text) &&
  legalRank(b.text) === null &&
  !/^(?:\d+[.)]|[a-zđ]\))\s/u.test(b.text);

// An annex after the articles ("PHỤ LỤC", "Phụ lục II") is no part of the last article.
const ANNEX = /^(?:PHỤ LỤC(?=\s|$)|Phụ lục\s+(?:[IVXLC]+|\d+)$)/u;
/** Blocks an open quotation may run: an unbalanced quote mark must not swallow the rest of the text. */
const MAX_QUOTED_BLOCKS = 300;

/** Whether a quotation is open after this text, given whether one was open before it. */
function quoteOpenAfter(text: string, open: boolean): boolean {
  let state = open;
  for (const ch of text) {
    if (ch === '“') state = true;
    else if (ch === '”') state = false;
    else if (ch === '"') state = !state;
  }
  return state;
}

/**
 * Legal blocks: divisions become headings at their own rank (a bare "Chương II" takes the name printed under
 * it), and inside an article every other heading turns back into content. An amending law quotes whole
 * articles ("“Điều 20. Điều kiện …" … "”"): inside a quotation nothing is a heading. Other texts come back
 * unchanged. Texts stay verbatim: a division and its name are joined by one space, as line repair joins a
 * wrapped title.
 */
export function legalBlocks(blocks: readonly Block[]): Block[] {
  if (!isLegalText(blocks)) return [...blocks];
  const out: Block[] = [];
  let inArticle = false;
  let quoted = 0; // blocks inside an open quotation so far, 0 when none is open
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const wasQuoted = quoted > 0 && quoted <= MAX_QUOTED_BLOCKS;
    quoted = quoteOpenAfter(block.text, wasQuoted) ? quoted + 1 : 0;
    const rank = wasQuoted ? null : legalRank(block.text);
    if (rank !== null && block.kind !== 'row') {
      const name = blocks[i + 1];
      const named = BARE_DIVISION.test(block.text) && isName(name) && (rank !== RANK.article || name.kind !== 'bullet');
      const text = named ? `${block.text} ${name.text}` : block.text;
      if (named) i++;
      out.push({ kind: 'heading', text, page: block.page, rank });
      inArticle = rank === RANK.article;
      continue;
    }
    if (!wasQuoted && ANNEX.test(block.text)) {
      out.push({ kind: 'heading', text: block.text, page: block.page, rank: RANK.part });
      inArticle = false;
      continue;
    }
    // The closing section (rank 0) and a document's own title (rank 1 in Markdown) end the article.
    if (block.kind === 'heading' && (block.rank ?? 99) <= RANK.part) inArticle = false;
    const content = (inArticle || wasQuoted) && block.kind === 'heading';
    out.push(content ? { kind: 'paragraph', text: block.text, page: block.page } : block);
  }
  return out;
}
