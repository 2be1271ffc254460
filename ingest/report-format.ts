/** Human-readable rendering of an IngestReport for the CLIs (they print; this only formats). */
import type { IngestReport } from './run-ingest.ts';

const MAX_PATHS = 5; // paths named per inferred-metadata line

/** Multi-line summary: counts, time, failures with their codes, skipped files, inferred metadata. */
export function formatReport(r: IngestReport): string {
  const lines = [
    `documents: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged, ` +
      `${r.removed.length} removed, ${r.failed.length} failed`,
    `chunks: ${r.chunks} · ${r.seconds.toFixed(2)} s · ${r.wrote ? 'index written' : 'nothing changed, index untouched'}`,
  ];
  for (const f of r.failed) lines.push(`FAILED ${f.path} [${f.code}] ${f.reason}`);
  for (const s of r.skipped) lines.push(`skipped ${s.path}: ${s.reason}`);
  // Grouped by field set: a folder of guides all inferring "title, type" is one line, not hundreds.
  const groups = new Map<string, string[]>();
  for (const i of r.inferred) groups.set(i.fields.join(', '), [...(groups.get(i.fields.join(', ')) ?? []), i.path]);
  for (const [fields, paths] of groups) {
    const shown = paths.slice(0, MAX_PATHS).join(', ');
    const more = paths.length > MAX_PATHS ? ` and ${paths.length - MAX_PATHS} more` : '';
    lines.push(`inferred ${fields}: ${shown}${more}`);
  }
  return lines.join('\n');
}
