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
  lines.push(...procedureLines(r), ...ocrLines(r));
  return lines.join('\n');
}

/** Per file: how many procedures, and per procedure its code, name, parts found and parts not found. */
function procedureLines(r: IngestReport): string[] {
  const lines: string[] = [];
  for (const f of r.procedures) {
    if (f.passage) {
      lines.push(
        `procedures ${f.path}: declared a procedure, but no part (trình tự, hồ sơ, thời hạn, phí…) recognised: indexed as passages`,
      );
      continue;
    }
    lines.push(`procedures ${f.path}: ${f.procedures.length} procedure${f.procedures.length === 1 ? '' : 's'}`);
    for (const p of f.procedures) {
      const missing = p.missing.length > 0 ? `; not found: ${p.missing.join('; ')}` : '';
      lines.push(
        `  ${p.code ?? '(no code)'} ${p.name}: ${p.parts.length} part${p.parts.length === 1 ? '' : 's'} (${p.parts.join('; ')})${missing}`,
      );
    }
  }
  return lines;
}

/** Per scanned PDF: pages OCR'd, the diacritics check, or why OCR was skipped. */
function ocrLines(r: IngestReport): string[] {
  return r.ocr.map((o) => {
    if (o.skipped) return `OCR SKIPPED ${o.path}: ${o.pages.length} page(s) without a text layer; ${o.skipped}`;
    const share = o.markShare === null ? 'no text read' : `${Math.round(o.markShare * 100)}% of syllables with marks`;
    const flag = o.diacriticsLost ? ' — DIACRITICS LOST? check the text before relying on it' : '';
    return `OCR ${o.path}: pages ${o.read.join(', ')} read by OCR (${share})${flag}`;
  });
}
