/**
 * The two baselines we claim to beat, run on the same documents and questions as our system:
 * (a) generic RAG: LangChain RecursiveCharacterTextSplitter (1000/200) + BM25 on accented text, top chunk answers;
 * (b) MiniSearch with default settings on the same chunks, top chunk answers.
 */
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import MiniSearch from 'minisearch';
import type { KnowledgeBase } from '../knowledge/index.ts';
import { Bm25Index, DEFAULT_BM25 } from './bm25.ts';
import type { QuestionRun } from './metrics.ts';
import type { EvalQuestion } from './question-set.ts';
import { scoreRuns, toRun, type EvalRun } from './run-eval.ts';

/** A source document as plain text, the way a generic pipeline would see it. */
export interface RawDocument {
  id: string;
  text: string;
}

export interface FlatChunk {
  documentId: string;
  text: string;
}

/** Fixed-size splitter settings of the generic baseline (characters). */
export const GENERIC_SPLIT: Readonly<{ chunkSize: number; chunkOverlap: number }> = {
  chunkSize: 1000,
  chunkOverlap: 200,
};

/**
 * Rebuilds each document's plain text from the knowledge base: title, then every heading when it changes,
 * then the chunk texts in order. Our loaders did the file parsing; the baselines redo chunking and ranking.
 */
export function rawDocuments(kb: KnowledgeBase): RawDocument[] {
  return kb.documents().map((meta) => {
    const lines: string[] = [meta.title];
    let previous: string[] = [];
    for (const chunk of kb.chunksOf(meta.id)) {
      chunk.sectionPath.forEach((h, i) => {
        if (previous[i] !== h) lines.push(h);
      });
      previous = chunk.sectionPath;
      lines.push(chunk.text);
    }
    return { id: meta.id, text: lines.join('\n\n') };
  });
}

/** Splits every document with LangChain's RecursiveCharacterTextSplitter. */
export async function splitDocuments(docs: readonly RawDocument[], split = GENERIC_SPLIT): Promise<FlatChunk[]> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: split.chunkSize, chunkOverlap: split.chunkOverlap });
  const out: FlatChunk[] = [];
  for (const d of docs) {
    for (const text of await splitter.splitText(d.text)) out.push({ documentId: d.id, text });
  }
  return out;
}

/** A retriever that returns chunk positions with scores, best first. */
export interface FlatRetriever {
  name: string;
  search(query: string, k: number): Array<{ id: number; score: number }>;
}

export function bm25Retriever(chunks: readonly FlatChunk[], params = DEFAULT_BM25): FlatRetriever {
  const index = new Bm25Index(params);
  index.addAll(chunks.map((c) => c.text));
  return { name: 'generic-rag', search: (q, k) => index.search(q, k) };
}

export function miniSearchRetriever(chunks: readonly FlatChunk[]): FlatRetriever {
  const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  ms.addAll(chunks.map((c, id) => ({ id, text: c.text })));
  return {
    name: 'minisearch',
    search: (q, k) =>
      ms
        .search(q)
        .slice(0, k)
        .map((r) => ({ id: r.id as number, score: r.score })),
  };
}

/** Runs a flat retriever as a "system": the top chunk is the reply and its only citation. */
export function runFlat(
  retriever: FlatRetriever,
  chunks: readonly FlatChunk[],
  questions: readonly EvalQuestion[],
  k = 10,
): EvalRun {
  const runs: QuestionRun[] = questions.map((q) => {
    const started = performance.now();
    const hits = retriever.search(q.question, k);
    const latencyMs = Number((performance.now() - started).toFixed(2));
    const retrieved = hits.map((h) => {
      const c = chunks[h.id] as FlatChunk;
      return { documentId: c.documentId, section: '', text: c.text, score: h.score };
    });
    const top = retrieved[0];
    return toRun(q, {
      reply: top?.text ?? '',
      refused: top === undefined,
      citations: top === undefined ? [] : [{ documentId: top.documentId, section: '', text: top.text }],
      retrieved,
      latencyMs,
    });
  });
  return scoreRuns(retriever.name, questions, runs);
}

/** Both baselines on the same documents and questions. */
export async function runBaselines(kb: KnowledgeBase, questions: readonly EvalQuestion[], k = 10): Promise<EvalRun[]> {
  const chunks = await splitDocuments(rawDocuments(kb));
  return [
    runFlat(bm25Retriever(chunks), chunks, questions, k),
    runFlat(miniSearchRetriever(chunks), chunks, questions, k),
  ];
}
