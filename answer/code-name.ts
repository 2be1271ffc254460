/**
 * A form or procedure code ("CT07", "TK01") said in a question names the one sheet whose text holds it:
 * "ct07??" asks about the residence-confirmation sheet although search reads "ct" as shorthand for "chỉ thị".
 * A code held by several sheets names none of them. The catalogue counts the chunks holding the code; search
 * finds them, so no chunk beyond the hits is read while answering.
 */
import type { KnowledgeBase } from '../knowledge/index.ts';
import { foldTokens } from './query-text.ts';

/** Letters then digits, optionally one trailing letter, as one token: CT07, TK1, DK3a (a year or a date is not). */
const CODE_IN_TEXT = /(?<![\p{L}\p{N}])([A-Za-z]{1,4})(\d{1,3}[A-Za-z]?)(?![\p{L}\p{N}])/gu;

/** The code-like tokens of a question, as typed ("ct07??" → ["ct07"]). */
export function codeTokens(question: string): string[] {
  return [...question.matchAll(CODE_IN_TEXT)].map((m) => m[0]);
}

/** The one sheet a code of the question names, and the question without the code; null when none does. */
export async function sheetNamedByCode(
  kb: KnowledgeBase,
  question: string,
): Promise<{ id: string; rest: string } | null> {
  for (const token of codeTokens(question)) {
    const word = token.toLowerCase();
    const held = kb.catalogue().wordChunks.get(word) ?? 0;
    if (held === 0) continue;
    const hits = await kb.search(word, { k: held + 5 });
    // Words as the catalogue counts them (knowledge's foldedWords), so the two counts compare.
    const holding = hits.filter((h) => foldTokens(h.chunk.text).includes(word));
    const ids = new Set(holding.map((h) => h.document.id));
    const [id] = [...ids];
    // Every chunk holding the code was found, and all are one procedure sheet's.
    if (holding.length === held && ids.size === 1 && id && kb.document(id)?.type === 'procedure')
      return { id, rest: question.replace(token, ' ').trim() };
  }
  return null;
}
