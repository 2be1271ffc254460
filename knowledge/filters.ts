/** Metadata filters of a search, applied per document before ranking. */
import type { DocumentMeta, SearchFilter } from './types.ts';

/**
 * True when `meta` is superseded on `day`: it names a successor, and that successor (when we hold it and
 * it has an effective date) is already in force. A successor we do not hold counts as in force.
 */
function supersededOn(meta: DocumentMeta, day: string, byKey: ReadonlyMap<string, DocumentMeta>): boolean {
  if (!meta.supersededBy) return false;
  const successor = byKey.get(meta.supersededBy);
  if (successor?.effectiveDate && successor.effectiveDate > day) return false;
  return true;
}

/** Documents a filter lets through, by id; null when the filter lets everything through. */
export function allowedDocumentIds(
  docs: readonly DocumentMeta[],
  filter: SearchFilter | undefined,
): Set<string> | null {
  if (!filter) return null;
  const { types, audience, inForceOn, excludeDocuments, documentIds } = filter;
  const active = types || (audience && audience !== 'both') || inForceOn || excludeDocuments?.length || documentIds;
  if (!active) return null;
  const byKey = new Map<string, DocumentMeta>();
  for (const d of docs) {
    byKey.set(d.id, d);
    if (d.number) byKey.set(d.number, d);
  }
  const only = documentIds ? new Set(documentIds) : null;
  const excluded = new Set(excludeDocuments ?? []);
  const allowed = new Set<string>();
  for (const d of docs) {
    if (only && !only.has(d.id)) continue;
    if (excluded.has(d.id)) continue;
    if (types && !types.includes(d.type)) continue;
    if (audience && audience !== 'both' && d.audience !== 'both' && d.audience !== audience) continue;
    if (inForceOn && d.expiryDate && d.expiryDate < inForceOn) continue;
    if (inForceOn && supersededOn(d, inForceOn, byKey)) continue;
    allowed.add(d.id);
  }
  return allowed;
}
