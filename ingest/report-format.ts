/** Human-readable rendering of an IngestReport for the CLIs (they print; this only formats). */
import type { IngestReport } from './run-ingest.ts';

/** Multi-line summary: counts, time, failures with their codes, skipped files, inferred metadata. */
export function formatReport(r: IngestReport): string {
  const lines = [
    `documents: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged, ` +
      `${r.removed.length} removed, ${r.failed.length} failed`,
    `chunks: ${r.chunks} · ${r.seconds.toFixed(2)} s · ${r.wrote ? 'index written' : 'nothing changed, index untouched'}`,
  ];
  for (const f of r.failed) lines.push(`FAILED ${f.path} [${f.code}] ${f.reason}`);
  for (const s of r.skipped) lines.push(`skipped ${s.path}: ${s.reason}`);
  for (const i of r.inferred) lines.push(`inferred ${i.path}: ${i.fields.join(', ')}`);
  return lines.join('\n');
}
