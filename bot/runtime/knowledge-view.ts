/**
 * The view of a knowledge base that the holder hands out while documents are withdrawn: the base minus
 * those documents, at once, before the re-index that removes them finishes.
 */
import type { BaseCatalogue, Chunk, DocumentMeta, KnowledgeSearchOptions, SearchHit } from '../../knowledge/index.ts';
import { withoutDocuments, type KnowledgeBase } from '../../knowledge/index.ts';

/**
 * A base whose reads skip `excluded`; everything else falls through to `kb` via the prototype. Its catalogue
 * is the base's with the excluded documents counted out (only their chunks are read), so word rarity, names
 * and held numbers leave with them.
 */
export function excludingView(kb: KnowledgeBase, excluded: ReadonlySet<string>): KnowledgeBase {
  const view = Object.create(kb) as KnowledgeBase;
  const ids = [...excluded];
  let catalogue: BaseCatalogue | null = null;
  view.catalogue = (): BaseCatalogue => {
    catalogue ??= withoutDocuments(
      kb.catalogue(),
      ids.flatMap((id) => {
        const meta = kb.document(id);
        return meta ? [{ meta, chunks: kb.chunksOf(id) }] : [];
      }),
    );
    return catalogue;
  };
  view.warm = async (): Promise<BaseCatalogue> => {
    await kb.warm();
    return view.catalogue();
  };
  view.documents = (): DocumentMeta[] => kb.documents().filter((d) => !excluded.has(d.id));
  view.document = (id: string): DocumentMeta | undefined => (excluded.has(id) ? undefined : kb.document(id));
  view.chunksOf = (id: string): Chunk[] => (excluded.has(id) ? [] : kb.chunksOf(id));
  view.search = (query: string, opts: KnowledgeSearchOptions = {}): Promise<SearchHit[]> => {
    const filter = { ...opts.filter, excludeDocuments: [...(opts.filter?.excludeDocuments ?? []), ...ids] };
    return kb.search(query, { ...opts, filter });
  };
  return view;
}
