/**
 * The answer layer's per-base tables — word rarity (evidence.ts), procedure names (procedure-match.ts),
 * name sharing (answer.ts) and held document numbers (scope.ts) — are built from the knowledge base's
 * catalogue, each once per base. prepareBaseTables builds them all before a base goes live, so no
 * question pays for them; without it the first question that needs one builds it (milliseconds once the
 * catalogue is there; the catalogue of a format-3 index costs one pass over the chunks).
 */
import type { KnowledgeBase } from '../knowledge/index.ts';
import { nameSharing } from './answer.ts';
import { corpusStats } from './evidence.ts';
import { procedureNames } from './procedure-match.ts';
import { holdings } from './scope.ts';

/**
 * Gathers the catalogue (yielding to the event loop while a format-3 index is read) and builds the four
 * tables. The bot's knowledge holder calls it on a new base before swapping it in.
 */
export async function prepareBaseTables(kb: KnowledgeBase): Promise<void> {
  await kb.warm();
  corpusStats(kb);
  procedureNames(kb);
  await new Promise((resolve) => setImmediate(resolve));
  nameSharing(kb);
  holdings(kb);
}
