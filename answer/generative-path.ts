/**
 * Runs the optional generator and decides whether its reply can be used. Any failure (timeout, error, no valid
 * citation, "no answer") yields a fallback notice instead of a reply; answer() then keeps the extractive draft.
 */
import type { SearchHit } from '../knowledge/index.ts';
import { codeOf } from './errors.ts';
import { checkGenerated, toPassages, type CheckedReply } from './generative.ts';
import { NO_ANSWER_TOKEN } from './generator.ts';
import type { AnswerGenerator } from './types.ts';

export type GenerativeOutcome = CheckedReply | { fallback: string };

/** Asks the generator; returns a checked reply, or `{ fallback }` naming why the extractive answer is used. */
export async function tryGenerative(
  generator: AnswerGenerator,
  question: string,
  hits: readonly SearchHit[],
  asOf: string,
): Promise<GenerativeOutcome> {
  const passages = toPassages(hits);
  let raw: string;
  try {
    raw = await generator.generate({ question, passages, asOf });
  } catch (err) {
    return { fallback: `generator fallback: ${codeOf(err)}` };
  }
  if (raw.includes(NO_ANSWER_TOKEN)) return { fallback: 'generator fallback: E_LLM_NO_ANSWER' };
  const checked = checkGenerated(raw, hits, passages.length);
  return checked ?? { fallback: 'generator fallback: E_LLM_NO_CITATION' };
}
