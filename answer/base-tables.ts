/**
 * The answer layer's per-base tables — word rarity (evidence.ts), procedure names (procedure-match.ts),
 * name sharing (answer.ts), held document numbers (scope.ts) and name phrases (named-procedure.ts) — are built from the knowledge base's
 * catalogue, each once per base. prepareBaseTables builds them before a base goes live, so no question
 * pays for them; without it the first question that needs one builds it at once (about a second of CPU
 * at 100k chunks once the catalogue is there; the catalogue of a format-3 index costs a pass over the chunks).
 */
import type { KnowledgeBase } from '../knowledge/index.ts';
import { buildNameSharing } from './document-choice.ts';
import { phraseTable } from './named-procedure.ts';
import { buildProcedureNames } from './procedure-match.ts';
import { holdings } from './scope.ts';
import { runStepsYielding } from './table-steps.ts';

/**
 * Gathers the catalogue and builds the tables, letting the event loop through every few milliseconds: the
 * bot's knowledge holder runs it on a new base while the old one keeps answering, then swaps.
 */
export async function prepareBaseTables(kb: KnowledgeBase): Promise<void> {
  await kb.warm();
  await runStepsYielding(buildProcedureNames(kb));
  await runStepsYielding(buildNameSharing(kb));
  holdings(kb);
  phraseTable(kb);
}
