/**
 * Is the retrieved evidence about what was asked? Search always returns *something*; these features say
 * whether it is worth answering from. Words are weighted by how rare they are in the whole knowledge base,
 * so a missing "Bình Dương" or "nước ngoài" counts far more than a missing "thủ tục".
 * The threshold is calibrated on the dev sets by answer/calibrate.ts.
 */
import type { KnowledgeBase, SearchHit } from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import type { QuestionIntent } from './intent.ts';
import { foldTokens } from './query-text.ts';

/**
 * Minimum evidence score to answer, calibrated with `npx tsx answer/calibrate.ts` on the dev sets
 * eval/questions/plan.jsonl + procedures.jsonl (156 questions: 138 answerable, 18 unanswerable; 27/11/2026).
 * 0.26 maximises both refusal accuracy (96.8%) and outcome accuracy (92.9%: refused when unanswerable,
 * answered from the gold evidence when answerable). With no threshold (0): 92.9% / 88.5%, 11 of 18
 * unanswerable questions answered; at 0.35: 94.9% / 91.7%; at 0.5: 90.4% / 87.2%, 12 answerable refused.
 * Full table in answer/README.md. Re-run calibrate.ts when the sets or the analyser change.
 */
export const EVIDENCE_THRESHOLD = 0.26;

export interface EvidenceFeatures {
  /** Rarity-weighted share of the question's content words found in the evidence (0..1). */
  coverage: number;
  /** Rarity-weighted share of the question's adjacent word pairs found as pairs in the evidence (0..1). */
  pairCoverage: number;
  /** Content words of the question missing from the evidence. */
  missing: string[];
  /** The combined score compared with EVIDENCE_THRESHOLD. */
  score: number;
}

export interface CorpusStats {
  chunks: number;
  df: ReadonlyMap<string, number>;
}

/**
 * Document frequency of every folded word over all chunks (of the title, heading path and text). The base
 * catalogue holds it: stored in the index, never counted while answering.
 */
export function corpusStats(kb: KnowledgeBase): CorpusStats {
  const catalogue = kb.catalogue();
  return { chunks: catalogue.chunks, df: catalogue.wordChunks };
}

/**
 * The evidence a question is judged against: the top document's title and its hits among the first three,
 * plus, for a procedure sheet, its overview chunk (the everyday names people use live there).
 */
export function evidenceTokens(kb: KnowledgeBase, hits: readonly SearchHit[]): string[] {
  const top = hits[0];
  if (!top) return [];
  const chunks = hits
    .slice(0, 3)
    .filter((h) => h.document.id === top.document.id)
    .map((h) => h.chunk);
  if (top.document.type === 'procedure') {
    const overview = kb.chunksOf(top.document.id).find((c) => c.field === 'overview');
    if (overview && !chunks.includes(overview)) chunks.push(overview);
  }
  const text = [top.document.title, ...chunks.map((c) => `${c.sectionPath.join(' ')}\n${c.text}`)].join('\n');
  return foldTokens(text);
}

/** Computes the evidence features of a question against its hits. */
export function evidenceFeatures(
  kb: KnowledgeBase,
  intent: QuestionIntent,
  hits: readonly SearchHit[],
): EvidenceFeatures {
  const stats = corpusStats(kb);
  const idf = (t: string) => Math.log((stats.chunks + 1) / ((stats.df.get(t) ?? 0) + 0.5));
  const tokens = evidenceTokens(kb, hits);
  const vocabulary = new Set(tokens);
  // Field words ("mất bao lâu", "lệ phí") say what is asked, not about what: only topic words are weighed.
  const terms = [...new Set(intent.topicTerms)];
  const weight = (ts: readonly string[]) => ts.reduce((s, t) => s + idf(t), 0);
  const coverage = terms.length === 0 ? 0 : weight(terms.filter((t) => vocabulary.has(t))) / weight(terms);
  const content = new Set(terms);
  const pairs = [...bigrams(intent.folded.split(' '))].filter((p) => p.split(' ').some((t) => content.has(t)));
  const evidencePairs = bigrams(tokens);
  const pairWeight = (ps: readonly string[]) => weight(ps.flatMap((p) => p.split(' ')));
  const pairCoverage =
    pairs.length === 0 ? coverage : pairWeight(pairs.filter((p) => evidencePairs.has(p))) / pairWeight(pairs);
  return {
    coverage: round(coverage),
    pairCoverage: round(pairCoverage),
    missing: terms.filter((t) => !vocabulary.has(t)),
    score: round((coverage + pairCoverage) / 2),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The question's rarest topic word that the chosen procedure never uses, anywhere in its sheet: "làm visa"
 * answered from a residence declaration for foreigners, "nhận con nuôi" from the online-filing guide. Shared
 * words ("người nước ngoài", "đăng ký") lift the evidence score; the word that names what is asked does not
 * occur. Null when the rarest word is in the sheet (or is common across the corpus, and so says little).
 */
export function unmatchedProcedureWord(kb: KnowledgeBase, intent: QuestionIntent, documentId: string): string | null {
  const stats = corpusStats(kb);
  const terms = [...new Set(intent.topicTerms)].filter((t) => t.length > 1 && !/^\d+$/.test(t));
  if (terms.length === 0) return null;
  const df = (t: string) => stats.df.get(t) ?? 0;
  const rarest = terms.reduce((a, b) => (df(b) < df(a) ? b : a));
  if (df(rarest) > stats.chunks * RARE_SHARE) return null;
  const meta = kb.document(documentId);
  const text = new Set(
    foldTokens(
      [meta?.title ?? '', ...kb.chunksOf(documentId).map((c) => `${c.sectionPath.join(' ')} ${c.text}`)].join('\n'),
    ),
  );
  return text.has(rarest) ? null : rarest;
}

/** A word in more than this share of chunks is too common to decide which procedure is asked about. */
const RARE_SHARE = 0.03;
