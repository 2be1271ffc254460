/**
 * The vector leg: an hnswlib HierarchicalNSW graph (cosine) whose labels are chunk positions (labels).
 * Built once by writeIndex, loaded by KnowledgeBase. The graph file is the only copy of the vectors on
 * disk (format 2 also kept them raw in vectors.f32: 102 MB more at 100k chunks); ingest reads them back
 * from it with {@link VectorIndex.vectorOf}, normalised, which is all the cosine space ever used.
 */
import hnswlib from 'hnswlib-node';

type Hnsw = InstanceType<typeof hnswlib.HierarchicalNSW>;

/** Graph parameters; fixed so the same vectors always give the same file. */
const HNSW = { m: 16, efConstruction: 100, randomSeed: 100, efSearch: 128 };

export interface VectorHit {
  label: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

export class VectorIndex {
  private constructor(
    private readonly graph: Hnsw | null,
    readonly dimensions: number,
  ) {}

  /** Builds the graph from vectors in label order (label i = chunk i). */
  static build(vectors: readonly number[][], dimensions: number): VectorIndex {
    if (vectors.length === 0 || dimensions === 0) return new VectorIndex(null, dimensions);
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    graph.initIndex(vectors.length, HNSW.m, HNSW.efConstruction, HNSW.randomSeed);
    vectors.forEach((v, label) => graph.addPoint(v, label));
    graph.setEf(HNSW.efSearch);
    return new VectorIndex(graph, dimensions);
  }

  /** Reads a graph written by {@link write}; an index with no vectors has no file. */
  static read(path: string | null, dimensions: number): VectorIndex {
    if (path === null) return new VectorIndex(null, dimensions);
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    graph.readIndexSync(path);
    graph.setEf(HNSW.efSearch);
    return new VectorIndex(graph, dimensions);
  }

  get size(): number {
    return this.graph?.getCurrentCount() ?? 0;
  }

  write(path: string): boolean {
    if (!this.graph) return false;
    this.graph.writeIndexSync(path);
    return true;
  }

  /** The stored (unit-length, float32-precision) vector of a label. */
  vectorOf(label: number): number[] {
    if (!this.graph) throw new RangeError('the index holds no vectors');
    return this.graph.getPoint(label);
  }

  /** Nearest labels to `query`, optionally only labels that pass `allow`. */
  search(query: readonly number[], k: number, allow?: (label: number) => boolean): VectorHit[] {
    if (!this.graph || this.size === 0 || k <= 0) return [];
    const n = Math.min(k, this.size);
    const { neighbors, distances } = allow
      ? this.graph.searchKnn([...query], n, allow)
      : this.graph.searchKnn([...query], n);
    return neighbors.map((label, i) => ({ label, similarity: 1 - (distances[i] as number) }));
  }

  /**
   * Exact cosine against a few labels. A filter that keeps only a handful of chunks (one document) makes
   * the graph walk most of its nodes to find them; comparing with those few vectors directly is cheaper.
   * `query` must be unit length (stored vectors are: the cosine space normalises them).
   */
  exact(query: readonly number[], labels: readonly number[], k: number): VectorHit[] {
    if (!this.graph) return [];
    const hits = labels.map((label) => {
      const v = (this.graph as Hnsw).getPoint(label);
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += (v[i] as number) * (query[i] as number);
      return { label, similarity: dot };
    });
    return hits.sort((a, b) => b.similarity - a.similarity || a.label - b.label).slice(0, k);
  }
}
