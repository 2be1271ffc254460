/** readStoredIndex: what ingest needs to re-use unchanged documents without re-embedding them. */
import { join } from 'node:path';
import { ChunkStore } from './chunk-store.ts';
import { KnowledgeError } from './errors.ts';
import { FILES, corrupt, locateCurrent, readManifest, type IndexedDocument, type Manifest } from './format.ts';
import { VectorIndex } from './vector-index.ts';

export interface StoredIndex {
  manifest: Manifest;
  documents: IndexedDocument[];
  /** chunk id → vector as the graph stores it: float32 precision, unit length (cosine only ever used that). */
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
    const store = await ChunkStore.open(dir, manifest);
    let chunks;
    try {
      chunks = store.all();
    } finally {
      store.close();
    }
    const vectors = new Map<string, number[]>();
    if (manifest.files[FILES.graph]) {
      let graph: VectorIndex;
      try {
        graph = VectorIndex.read(join(dir, FILES.graph), manifest.embedder.dimensions);
      } catch (err) {
        throw corrupt(`cannot read ${FILES.graph}`, err);
      }
      if (graph.size !== chunks.length)
        throw corrupt(`${FILES.graph} holds ${graph.size} vectors for ${chunks.length} chunks`);
      chunks.forEach((c, label) => vectors.set(c.id, graph.vectorOf(label)));
    }
    let label = 0;
    const documents = manifest.documents.map((d) => {
      const own = chunks.slice(label, (label += d.chunkCount));
      return { meta: d.meta, contentHash: d.contentHash, chunks: own };
    });
    return { manifest, documents, vectors };
  } catch (err) {
    const unusable =
      err instanceof KnowledgeError && (err.code === 'E_INDEX_VERSION' || err.code === 'E_INDEX_CORRUPT');
    if (unusable && !opts.strict) return null;
    throw err;
  }
}
