/**
 * The last re-index report of each document, kept across runs: a start-up refresh that changes nothing must
 * not wipe what the console showed about the file uploaded yesterday (procedures and parts recognised, a file
 * read as passages, OCR that lost the diacritics, a failure). Held in memory; a restart starts it empty.
 */
import type { IngestReport } from '../../ingest/index.ts';

export interface DocumentReport {
  /** Source path relative to SOURCES_DIR. */
  path: string;
  /** When the run that last read (or removed) this file finished. */
  at: string;
  outcome: 'added' | 'updated' | 'removed' | 'failed';
  failure: { code: string; reason: string } | null;
  /** Procedures recognised in the national structure, with the parts found and missing. */
  procedures: IngestReport['procedures'][number]['procedures'];
  /** Declared a procedure document but no part was recognised: indexed as passages. */
  passage: boolean;
  /** Pages without a text layer and what OCR made of them (null when every page had text). */
  ocr: Omit<IngestReport['ocr'][number], 'path'> | null;
}

export class DocumentReports {
  private readonly byPath = new Map<string, DocumentReport>();

  /** Records every file the run read, failed or removed; unchanged files keep their earlier entry. */
  note(
    report: Pick<IngestReport, 'added' | 'updated' | 'removed' | 'failed' | 'procedures' | 'ocr'>,
    at: string,
  ): void {
    const procedures = new Map(report.procedures.map((p) => [p.path, p]));
    const ocr = new Map(report.ocr.map(({ path, ...rest }) => [path, rest]));
    const read = (path: string, outcome: 'added' | 'updated'): DocumentReport => ({
      path,
      at,
      outcome,
      failure: null,
      procedures: procedures.get(path)?.procedures ?? [],
      passage: procedures.get(path)?.passage ?? false,
      ocr: ocr.get(path) ?? null,
    });
    for (const path of report.added) this.byPath.set(path, read(path, 'added'));
    for (const path of report.updated) this.byPath.set(path, read(path, 'updated'));
    for (const f of report.failed)
      this.byPath.set(f.path, {
        path: f.path,
        at,
        outcome: 'failed',
        failure: { code: f.code, reason: f.reason },
        procedures: [],
        passage: false,
        ocr: null,
      });
    for (const path of report.removed)
      this.byPath.set(path, { path, at, outcome: 'removed', failure: null, procedures: [], passage: false, ocr: null });
  }

  /** Newest first, then by path. */
  list(): DocumentReport[] {
    return [...this.byPath.values()].sort((a, b) => b.at.localeCompare(a.at) || a.path.localeCompare(b.path));
  }
}
