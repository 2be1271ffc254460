/**
 * The base catalogue: what the answer layer needs to know about the whole knowledge base, gathered in one
 * pass over the chunks. In how many chunks each folded word occurs (evidence weighs a question's words by
 * rarity), each document's "Tên gọi khác" line (what a procedure is called), and the document numbers each
 * document cites (a question about a number no document cites is refused).
 *
 * At 100k chunks that pass inflates every chunk and took seconds; four tables in answer/ each made their own
 * pass on first use, so the first answer after a load took ~17 s. The writer now stores the catalogue in the
 * index (catalogue.json, format 4); an index of format 3 gets it from one pass at load (see
 * KnowledgeBase.warm). Only words, counts and short strings are kept, never chunk text.
 */
import { foldText } from './normalise.ts';
import { namesOnLine, otherNamesLine } from './procedure-sheet.ts';
import { stableStringify } from './format.ts';
import type { Chunk, DocumentMeta } from './types.ts';

/** What the catalogue keeps of one document (namesOnLine reads the names off the line). */
export interface CatalogueEntry {
  /** The "Tên gọi khác: …" line of its overview chunk, as written, or null. */
  otherNamesLine: string | null;
  /** Document numbers ("13/2023", folded) its title and chunks cite, sorted. */
  cites: string[];
}

export interface BaseCatalogue {
  /** Chunks counted. */
  chunks: number;
  /** Folded word → number of chunks whose title, section path and text hold it. */
  wordChunks: ReadonlyMap<string, number>;
  /** Document id → its entry; only documents with other names or cited numbers have one. */
  documents: ReadonlyMap<string, CatalogueEntry>;
}

/** Folded words of a text: diacritics off, lowercase, split at anything but a-z, 0-9 and %. */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .replace(/[^a-z0-9%]+/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0);
}

/** A document number in folded text ("13/2023" in "nghi dinh 13/2023/nd-cp"); group 1 is the number. */
export const DOCUMENT_NUMBER = /(?:^|[^\d])(\d{1,4}\/(?:19|20)\d\d)(?![\d])/;
const DOCUMENT_NUMBERS = new RegExp(DOCUMENT_NUMBER.source, 'g');

/** The words a chunk is counted under: its document's title, its heading path and its text. */
function chunkWords(meta: DocumentMeta, chunk: Chunk): Set<string> {
  return new Set(foldedWords(`${meta.title} ${chunk.sectionPath.join(' ')} ${chunk.text}`));
}

/** Builds a catalogue one document at a time (so a caller can yield between documents). */
export class CatalogueBuilder {
  private chunks = 0;
  private readonly words = new Map<string, number>();
  private readonly documents = new Map<string, CatalogueEntry>();

  add(meta: DocumentMeta, chunks: readonly Chunk[]): void {
    const cites = new Set<string>();
    const collect = (text: string) => {
      for (const m of foldText(text).matchAll(DOCUMENT_NUMBERS)) cites.add(m[1] as string);
    };
    collect(meta.title);
    for (const chunk of chunks) {
      this.chunks++;
      for (const w of chunkWords(meta, chunk)) this.words.set(w, (this.words.get(w) ?? 0) + 1);
      collect(chunk.text);
    }
    const line = otherNamesLine(chunks);
    if (line !== null || cites.size > 0)
      this.documents.set(meta.id, { otherNamesLine: line, cites: [...cites].sort() });
  }

  finish(): BaseCatalogue {
    return { chunks: this.chunks, wordChunks: this.words, documents: this.documents };
  }
}

/** The catalogue of a list of documents, in one pass. */
export function buildCatalogue(documents: Iterable<{ meta: DocumentMeta; chunks: readonly Chunk[] }>): BaseCatalogue {
  const builder = new CatalogueBuilder();
  for (const d of documents) builder.add(d.meta, d.chunks);
  return builder.finish();
}

/**
 * The catalogue without some of its documents (the bot's withdrawn ones): their chunks are counted out
 * again, so only those documents are read, not the base.
 */
export function withoutDocuments(
  catalogue: BaseCatalogue,
  removed: ReadonlyArray<{ meta: DocumentMeta; chunks: readonly Chunk[] }>,
): BaseCatalogue {
  if (removed.length === 0) return catalogue;
  const words = new Map(catalogue.wordChunks);
  const documents = new Map(catalogue.documents);
  let chunks = catalogue.chunks;
  for (const { meta, chunks: own } of removed) {
    documents.delete(meta.id);
    chunks -= own.length;
    for (const chunk of own) {
      for (const w of chunkWords(meta, chunk)) {
        const left = (words.get(w) ?? 0) - 1;
        if (left > 0) words.set(w, left);
        else words.delete(w);
      }
    }
  }
  return { chunks, wordChunks: words, documents };
}

/** catalogue.json: sorted keys, so the same input gives the same bytes. */
export function serialiseCatalogue(catalogue: BaseCatalogue): string {
  return stableStringify({
    chunks: catalogue.chunks,
    words: Object.fromEntries(catalogue.wordChunks),
    documents: Object.fromEntries(catalogue.documents),
  });
}

/** Reads catalogue.json back; throws on a shape that is not a catalogue (the caller reports E_INDEX_CORRUPT). */
export function parseCatalogue(text: string): BaseCatalogue {
  const raw = JSON.parse(text) as {
    chunks?: unknown;
    words?: Record<string, number>;
    documents?: Record<string, CatalogueEntry>;
  };
  if (typeof raw.chunks !== 'number' || typeof raw.words !== 'object' || typeof raw.documents !== 'object')
    throw new Error('not a base catalogue');
  return {
    chunks: raw.chunks,
    wordChunks: new Map(Object.entries(raw.words)),
    documents: new Map(Object.entries(raw.documents)),
  };
}

/** A document's other names ("Tên gọi khác"), read from the catalogue without touching its chunks; null when none. */
export function catalogueOtherNames(catalogue: BaseCatalogue, documentId: string): string | null {
  return namesOnLine(catalogue.documents.get(documentId)?.otherNamesLine ?? null);
}
