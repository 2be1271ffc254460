/**
 * KnowledgeHolder: the live KnowledgeBase behind every answer. A re-index writes a new version folder and
 * then `reload()` swaps the reference in one assignment, so a question being answered keeps the base it
 * started with and the next one gets the new base: answering never stops.
 *
 * Withdrawn documents must stop being cited at once, before the re-index finishes. `current()` therefore
 * hands out a view of the base that adds them to every search's `excludeDocuments` and hides them from
 * `documents()`, `document()` and `chunksOf()`.
 */
import type { Chunk, DocumentMeta, Embedder, KnowledgeSearchOptions, SearchHit } from '../../knowledge/index.ts';
import { KnowledgeBase } from '../../knowledge/index.ts';

export interface KnowledgeHolderOptions {
  indexDir: string;
  /** The embedder that built the index (default: the manifest's hashed one). */
  embedder?: Embedder;
}

/** How long a replaced base stays open: far longer than any answer takes, so no question loses its chunks. */
export const RETIRE_AFTER_MS = 60_000;

export class KnowledgeHolder {
  private kb: KnowledgeBase;
  private readonly retiring = new Map<KnowledgeBase, NodeJS.Timeout>();
  private view: KnowledgeBase | null = null;
  private readonly excluded = new Set<string>();
  private loads = 1;

  private constructor(private readonly opts: KnowledgeHolderOptions, kb: KnowledgeBase) {
    this.kb = kb;
  }

  /** Opens the live index. Errors are knowledge's (E_INDEX_MISSING, E_EMBEDDER_MISMATCH, ...). */
  static async open(opts: KnowledgeHolderOptions): Promise<KnowledgeHolder> {
    return new KnowledgeHolder(opts, await KnowledgeBase.open(opts.indexDir, { embedder: opts.embedder }));
  }

  /** The base to answer with: the live one minus withdrawn documents. */
  current(): KnowledgeBase {
    if (this.excluded.size === 0) return this.kb;
    this.view ??= excludingView(this.kb, new Set(this.excluded));
    return this.view;
  }

  /** The live base as indexed, withdrawn documents included (for the console's document list). */
  live(): KnowledgeBase {
    return this.kb;
  }

  /** How many times a base was loaded (1 after open); the console shows it as the index generation. */
  generation(): number {
    return this.loads;
  }

  /**
   * Opens the index's current version and swaps it in. Withdrawn ids that the new base no longer holds
   * are forgotten; the others stay filtered (the re-index may have started before the withdrawal).
   */
  async reload(): Promise<KnowledgeBase> {
    const next = await KnowledgeBase.open(this.opts.indexDir, { embedder: this.opts.embedder });
    for (const id of [...this.excluded]) if (!next.document(id)) this.excluded.delete(id);
    this.retire(this.kb);
    this.kb = next;
    this.view = null;
    this.loads += 1;
    return next;
  }

  /** Closes the live base and any replaced ones still open (service shutdown). */
  close(): void {
    for (const [kb, timer] of this.retiring) {
      clearTimeout(timer);
      kb.close();
    }
    this.retiring.clear();
    this.kb.close();
  }

  // Answers that started on the old base keep using it; its chunk file stays readable until it is closed.
  private retire(kb: KnowledgeBase): void {
    const timer = setTimeout(() => {
      this.retiring.delete(kb);
      kb.close();
    }, RETIRE_AFTER_MS);
    timer.unref();
    this.retiring.set(kb, timer);
  }

  /** Stops citing a document now (until a re-index removes it). */
  withdraw(id: string): void {
    this.excluded.add(id);
    this.view = null;
  }

  /** Cites a document again (it was uploaded anew under the same id). */
  restore(id: string): void {
    if (this.excluded.delete(id)) this.view = null;
  }

  /** Ids filtered out right now. */
  withdrawn(): string[] {
    return [...this.excluded].sort();
  }
}

/** A base whose reads skip `excluded`; everything else falls through to `kb` via the prototype. */
function excludingView(kb: KnowledgeBase, excluded: ReadonlySet<string>): KnowledgeBase {
  const view = Object.create(kb) as KnowledgeBase;
  const ids = [...excluded];
  view.documents = (): DocumentMeta[] => kb.documents().filter((d) => !excluded.has(d.id));
  view.document = (id: string): DocumentMeta | undefined => (excluded.has(id) ? undefined : kb.document(id));
  view.chunksOf = (id: string): Chunk[] => (excluded.has(id) ? [] : kb.chunksOf(id));
  view.search = (query: string, opts: KnowledgeSearchOptions = {}): Promise<SearchHit[]> => {
    const filter = { ...opts.filter, excludeDocuments: [...(opts.filter?.excludeDocuments ?? []), ...ids] };
    return kb.search(query, { ...opts, filter });
  };
  return view;
}
