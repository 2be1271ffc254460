/**
 * Internal shapes passed between the loaders, the normaliser and the chunker.
 * Nothing here crosses the folder boundary; the public contract is in index.ts.
 */
import type { DatedVariant, DocType, DocumentMeta, ProcedureField } from '../knowledge/index.ts';

export type { DocType };

/** What a block is, structurally. Headings open sections; the rest is content. */
export type BlockKind = 'heading' | 'paragraph' | 'bullet' | 'row';

/** One structural unit of a normalised document, in reading order. */
export interface Block {
  kind: BlockKind;
  /** Normalised text; the document text is all blocks joined with '\n', so chunks are verbatim spans of it. */
  text: string;
  /** 1-based page for paged sources (PDF), else null. */
  page: number | null;
  /** Headings only: nesting rank, smaller is higher (h1 = 1; "I." outranks "1."). */
  rank?: number;
}

/** The metadata fields a source may declare (front matter, sidecar, sheet) or ingest may infer. */
export type MetaFields = Omit<DocumentMeta, 'id' | 'sourcePath' | 'inferred'>;

/** What every loader returns: blocks in order, plus whatever metadata the file itself declares or implies. */
export interface LoadedSource {
  blocks: Block[];
  /** Fields declared by the file (front matter, procedure sheet). */
  declared: Partial<MetaFields>;
  /** Fields read from the document's own header text ("Số: 53/KH-UBND"), reported as inferred. */
  inferred: Partial<MetaFields>;
  /** Procedure sheets build their chunks themselves (one per field); other formats leave this undefined. */
  prebuiltChunks?: PrebuiltChunk[];
  /** PDFs: pages read by OCR, and whether Vietnamese diacritics survived it. */
  ocr?: OcrFinding;
}

/** What OCR did to a PDF whose pages had no text layer. */
export interface OcrFinding {
  /** Pages without a text layer (1-based). */
  pages: number[];
  /** Pages whose text came from OCR. */
  read: number[];
  /** Share of syllables with a Vietnamese mark in the OCR text (0–1); null when nothing was read. */
  markShare: number | null;
  /** True when the share is too low for Vietnamese: the marks were probably lost (check the text). */
  diacriticsLost: boolean;
  /** Why OCR did not run (tesseract or the Vietnamese data missing), else null. */
  skipped: string | null;
}

/** A chunk a loader builds itself (procedure sheets): ids and ordinals are assigned later. */
export interface PrebuiltChunk {
  sectionPath: string[];
  text: string;
  field?: ProcedureField;
  variants?: DatedVariant[];
}

/** Same signature for every format: a file path in, blocks with headings and pages out. */
export type Loader = (path: string) => Promise<LoadedSource>;
