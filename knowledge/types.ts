/**
 * The data contract shared by ingest (writes), knowledge (stores and searches), answer and eval (read).
 * Changing a shape here is a format change: bump FORMAT_VERSION in knowledge/format.ts.
 */

export type DocType = 'plan' | 'procedure' | 'guide' | 'legal';
export type Audience = 'residents' | 'officials' | 'both';

/** Metadata of one source document (from front matter, a sidecar `<file>.meta.yaml`, or inferred). */
export interface DocumentMeta {
  /** Stable id: the source path relative to the sources folder, without extension, '/' separated. */
  id: string;
  title: string;
  /** Số hiệu, e.g. "53/KH-UBND"; null when the document has none (guides, procedure sheets). */
  number: string | null;
  issuer: string | null;
  /** ISO dates (YYYY-MM-DD) or null. */
  issueDate: string | null;
  effectiveDate: string | null;
  expiryDate: string | null;
  /** Id or number of the document that replaced this one; a superseded document is still searchable but flagged. */
  supersededBy: string | null;
  type: DocType;
  sourceUrl: string | null;
  audience: Audience;
  /** Source file path relative to the sources folder. */
  sourcePath: string;
  /** Names of the fields above that were inferred from the text rather than declared (reported by ingest). */
  inferred: string[];
  /** For procedure sheets: the date the facts were last checked (YYYY-MM-DD). */
  lastChecked?: string | null;
  /** Procedures only: the national procedure code (mã TTHC, e.g. "1.004222"), shown in citations. */
  code?: string | null;
}

/** The fields of a structured procedure sheet; each becomes one chunk. */
export type ProcedureField =
  | 'overview'
  | 'agency'
  | 'steps'
  | 'documents'
  | 'timeLimit'
  | 'fee'
  | 'whereToFile'
  | 'online'
  | 'legalBasis'
  | 'conditions'
  | 'notes';

/**
 * One value of a procedure field that holds only between dates and/or under a condition.
 * Dates are inclusive ISO dates; a missing bound is open.
 */
export interface DatedVariant {
  /** The value as text (a list is joined with newlines, one item per line). */
  value: string;
  validFrom: string | null;
  validTo: string | null;
  /** E.g. "có tài khoản VNeID mức 2"; null when it applies to everyone. */
  condition: string | null;
  legalBasis: string | null;
}

/** One retrievable passage. `text` is what gets cited; it is a verbatim (normalised) span of the source. */
export interface Chunk {
  /** Deterministic: hash(documentId + section + ordinal). */
  id: string;
  documentId: string;
  /** Heading path from the top, e.g. ["II. MỤC TIÊU", "2. Mục tiêu cụ thể", "2.2. Chính quyền số"]. */
  sectionPath: string[];
  /** 1-based page number for paged sources (PDF), else null. */
  page: number | null;
  /** Order of the chunk in its document, from 0. */
  ordinal: number;
  text: string;
  /** Procedure sheets only: which field this chunk holds, and its dated variants if it has any. */
  field?: ProcedureField;
  variants?: DatedVariant[];
}

export interface SearchFilter {
  types?: DocType[];
  audience?: Audience;
  /** Drop documents that are superseded or expired on this ISO date. */
  inForceOn?: string;
  /** Drop these document ids (e.g. withdrawn). */
  excludeDocuments?: string[];
  /** Only these document ids. */
  documentIds?: string[];
}

export interface SearchOptions {
  /** Number of results (default 10). */
  k?: number;
  filter?: SearchFilter;
}

export interface SearchHit {
  chunk: Chunk;
  document: DocumentMeta;
  /** Fused score, higher is better; comparable within one query only. */
  score: number;
  /** Per-leg raw scores, for debugging and the eval ablation. */
  lexicalScore: number;
  vectorScore: number;
  /** Query terms that matched this chunk (debugging aid for the content team). */
  matchedTerms: string[];
}

/** The stable JSON shape printed by `npm run search -- --json`. */
export interface SearchResultJson {
  documentId: string;
  title: string;
  number: string | null;
  section: string;
  page: number | null;
  text: string;
  score: number;
}

/** Joins a section path for display and citation: "II. MỤC TIÊU > 2. Mục tiêu cụ thể". */
export function sectionLabel(path: readonly string[]): string {
  return path.join(' > ');
}

/** A hit in the stable JSON shape (`search --json`, and `retrieved` in the answer JSON). */
export function toSearchResultJson(hit: SearchHit): SearchResultJson {
  return {
    documentId: hit.document.id,
    title: hit.document.title,
    number: hit.document.number,
    section: sectionLabel(hit.chunk.sectionPath),
    page: hit.chunk.page,
    text: hit.chunk.text,
    score: hit.score,
  };
}
