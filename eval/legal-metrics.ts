/**
 * Article-level scoring for the legal benchmark: the gold of a question is one article (Điều) of one document,
 * and a retrieved chunk counts when its section path runs through that article, whatever khoản it holds.
 */

/** One benchmark row: the gold document and article, or none for a question the corpus cannot answer. */
export interface LegalQuestion {
  id: string;
  question: string;
  document: string | null;
  article: string | null;
  answerable: boolean;
}

/** A retrieved or cited chunk, reduced to what article scoring needs. */
export interface ArticleRef {
  documentId: string;
  /** The section label ("Chương II > Điều 7. Điều kiện … ") or its path joined by " > ". */
  section: string;
}

// An article heading inside a section label: at the start of a path segment, "Điều 12." / "Điều 12a.".
const ARTICLE_IN_LABEL = /(?:^|>\s*)Điều\s+(\d+[a-zđ]?)(?=[.:\s]|$)/u;

/** The article number a section label runs through, or null (preamble, closing, a plan's section). */
export function articleOf(section: string): string | null {
  return ARTICLE_IN_LABEL.exec(section.normalize('NFC'))?.[1] ?? null;
}

/** True when the chunk belongs to the gold article of the question. */
export function isGold(q: LegalQuestion, ref: ArticleRef): boolean {
  if (!q.document || !q.article) return false;
  // Procedure documents split from a file carry "<file id>#<code>"; a mixed index puts the corpus in "legal/".
  const doc = ref.documentId.split('#')[0]!.replace(/^legal\//, '');
  return doc === q.document && articleOf(ref.section) === q.article;
}

/** 1-based rank of the first gold chunk among the first `k`, or null. */
export function goldRank(q: LegalQuestion, retrieved: readonly ArticleRef[], k = 10): number | null {
  const i = retrieved.slice(0, k).findIndex((r) => isGold(q, r));
  return i < 0 ? null : i + 1;
}

export interface RankSummary {
  n: number;
  hit1: number;
  hit5: number;
  mrr10: number;
}

/** hit@1, hit@5 and MRR@10 over ranks (null = not in the top 10); shares in 0–1. */
export function summariseRanks(ranks: ReadonlyArray<number | null>): RankSummary {
  const n = ranks.length;
  if (n === 0) return { n, hit1: 0, hit5: 0, mrr10: 0 };
  const share = (f: (r: number | null) => number) => ranks.reduce((s: number, r) => s + f(r), 0) / n;
  return {
    n,
    hit1: share((r) => (r === 1 ? 1 : 0)),
    hit5: share((r) => (r !== null && r <= 5 ? 1 : 0)),
    mrr10: share((r) => (r !== null && r <= 10 ? 1 / r : 0)),
  };
}

/** True when the question carries no Vietnamese mark at all (typed on a phone without accents). */
export function withoutDiacritics(question: string): boolean {
  return !/[\u0300-\u036fđĐ]/u.test(question.normalize('NFD'));
}

/** True when the question points at an article by number ("Điều 12", "dieu 8"). */
export function pointsAtArticle(question: string): boolean {
  return /(?:^|[^\p{L}])(điều|dieu)\s+\d+/iu.test(question);
}
