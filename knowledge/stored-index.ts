/** readStoredIndex: what ingest needs to re-use unchanged documents without re-embedding them. */
import { KnowledgeError } from './errors.ts';
import { locateCurrent, readChunks, readManifest, readVectors, type IndexedDocument, type Manifest } from './format.ts';

export interface StoredIndex {
  manifest: Manifest;
  documents: IndexedDocument[];
  /** chunk id → vector (as stored: float32 precision). */
  vectors: Map<string, number[]>;
}

/**
 * The live index as data, or null when there is nothing to re-use: no index yet, or (unless `strict`)
 * one this program cannot read (E_INDEX_VERSION / E_INDEX_CORRUPT), which a full rebuild replaces.
 * The analyser version is not checked: chunks and vectors do not depend on it.
 */
export async function readStoredIndex(indexDir: string, opts: { strict?: boolean } = {}): Promise<StoredIndex | null> {
  try {
    const dir = await locateCurrent(indexDir);
    if (!dir) return null;
    const manifest = await readManifest(dir, { checkAnalyser: false });
    const chunks = await readChunks(dir, manifest);
    const rows = await readVectors(dir, manifest);
    const byId = new Map(chunks.map((c) => [c.id, c]));
    const vectors = new Map<string, number[]>();
    chunks.forEach((c, i) => {
      const row = rows[i];
      if (row) vectors.set(c.id, row);
    });
    const documents = manifest.documents.map((d) => ({
      meta: d.meta,
      contentHash: d.contentHash,
      chunks: d.chunkIds.map((id) => {
        const chunk = byId.get(id);
        if (!chunk)
          throw new KnowledgeError(
            'E_INDEX_CORRUPT',
            `chunk ${id} of ${d.meta.id} is missing from chunks.jsonl; delete the index folder and run npm run ingest`,
          );
        return chunk;
      }),
    }));
    return { manifest, documents, vectors };
  } catch (err) {
    const unusable =
      err instanceof KnowledgeError && (err.code === 'E_INDEX_VERSION' || err.code === 'E_INDEX_CORRUPT');
    if (unusable && !opts.strict) return null;
    throw err;
  }
}
