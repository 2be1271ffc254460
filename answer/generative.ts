/**
 * Checks a generated reply against the passages it was given: markers that point at no passage are removed,
 * the rest are renumbered in order of use, and a reply left with no valid marker is rejected.
 */
import type { SearchHit } from '../knowledge/index.ts';
import { sectionLabel } from '../knowledge/index.ts';
import { sourceLabel, verbatimSpan } from './citations.ts';
import { truncate } from './reply.ts';
import { MAX_REPLY_CHARS, type Citation, type GeneratorPassage } from './types.ts';

/** Passages shown to the model: the first hits, numbered from 1. */
export function toPassages(hits: readonly SearchHit[], max = 6): GeneratorPassage[] {
  return hits.slice(0, max).map((h, i) => ({ n: i + 1, label: sourceLabel(h.document, h.chunk), text: h.chunk.text }));
}

export interface CheckedReply {
  text: string;
  citations: Citation[];
}

/** "[1]", "[1, 3]", "[1][2]" → numbers; the model may group markers either way. */
const MARKER = /\[(\s*\d+\s*(?:[,;]\s*\d+\s*)*)\]/g;

/**
 * Keeps markers that name a passage, renumbers them 1..m by first use, and appends the source lines.
 * Returns null when no valid marker remains (the caller falls back to the extractive answer).
 */
export function checkGenerated(raw: string, hits: readonly SearchHit[], passageCount: number): CheckedReply | null {
  const renumber = new Map<number, number>();
  const body = raw.trim().replace(MARKER, (_m, inner: string) => {
    const valid = inner
      .split(/[,;]/)
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n >= 1 && n <= passageCount);
    if (valid.length === 0) return '';
    const mapped = [...new Set(valid)].map((n) => {
      if (!renumber.has(n)) renumber.set(n, renumber.size + 1);
      return renumber.get(n) as number;
    });
    return mapped.map((m) => `[${m}]`).join('');
  });
  if (renumber.size === 0) return null;
  const citations: Citation[] = [];
  const lines: string[] = [];
  for (const [passage, n] of renumber) {
    const hit = hits[passage - 1] as SearchHit;
    citations.push({
      n,
      documentId: hit.document.id,
      title: hit.document.title,
      number: hit.document.number,
      section: sectionLabel(hit.chunk.sectionPath),
      page: hit.chunk.page,
      text: verbatimSpan(hit.chunk.text, []),
    });
    lines.push(`[${n}] ${sourceLabel(hit.document, hit.chunk)}`);
  }
  const sources = `Nguồn:\n${lines.join('\n')}`;
  const room = MAX_REPLY_CHARS - sources.length - 1;
  const text = `${truncate(body.replace(/[ \t]+\n/g, '\n').replace(/ {2,}/g, ' '), room)}\n${sources}`;
  return { text, citations };
}
