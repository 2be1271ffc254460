/**
 * The JSON printed by `npm run ask -- --json`. Other tools read it: keep the keys and their order stable.
 */
import type { AnswerResult, Citation, RetrievedChunk } from './types.ts';

export interface AskJson {
  answer: string;
  refused: boolean;
  citations: Citation[];
  retrieved: RetrievedChunk[];
  latencyMs: number;
}

/** Picks exactly the stable keys, in order, from an AnswerResult. */
export function toAskJson(r: AnswerResult): AskJson {
  return {
    answer: r.answer,
    refused: r.refused,
    citations: r.citations.map((c) => ({
      n: c.n,
      documentId: c.documentId,
      title: c.title,
      number: c.number,
      section: c.section,
      page: c.page,
      text: c.text,
    })),
    retrieved: r.retrieved.map((c) => ({
      documentId: c.documentId,
      title: c.title,
      number: c.number,
      section: c.section,
      page: c.page,
      text: c.text,
      score: c.score,
    })),
    latencyMs: r.latencyMs,
  };
}
