/**
 * KnowledgeBase: a loaded index and hybrid search over it. The lexical leg is BM25 over the accented
 * and folded fields (summed with weights); the vector leg is hnswlib. The legs are fused by a convex
 * combination of min-max normalised scores over the union of each leg's top candidates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseQuery, type QueryPlan } from './analyser.ts';
import { createEmbedder } from './embedder.ts';
import { KnowledgeError, isKnowledgeError } from './errors.ts';
import { allowedDocumentIds } from './filters.ts';
import { ChunkStore } from './chunk-store.ts';
import { CatalogueBuilder, parseCatalogue, type BaseCatalogue } from './base-catalogue.ts';
import { FILES, corrupt, locateCurrent, readManifest, type LexicalHeader, type Manifest } from './format.ts';
import { FieldIndex } from './lexical-index.ts';
import { SEARCH_DEFAULTS, type SearchTuning } from './search-defaults.ts';
import { rankLexical, fuse, type Candidate } from './ranking.ts';
import { VectorIndex } from './vector-index.ts';
import type { Embedder } from './embedder-types.ts';
import type { Chunk, DocumentMeta, SearchHit, SearchOptions } from './types.ts';

/** Up to this many allowed chunks, the vector leg compares them all directly instead of walking the graph. */
const EXACT_VECTOR_LIMIT = 256;
/** Chunks warm() reads between yields to the event loop (a few milliseconds of inflating and folding). */
const CHUNKS_PER_YIELD = 200;

export interface OpenOptions {
  /** Embedder for questions; must be the one that built the index. Default: the manifest's, if hashed. */
  embedder?: Embedder;
  /** Overrides of SEARCH_DEFAULTS for every search on this base. */
  tuning?: Partial<SearchTuning>;
  /** Called when the vector leg fails and search falls back to the lexical leg alone. */
  onVectorError?: (err: KnowledgeError) => void;
}

export interface KnowledgeSearchOptions extends SearchOptions {
  /** Which legs to run (default both); eval uses this for its ablation. */
  legs?: { lexical?: boolean; vector?: boolean };
  /** Per-search overrides of the tuning (eval). */
  tuning?: Partial<SearchTuning>;
}

function resolveEmbedder(manifest: Manifest, given: Embedder | undefined): Embedder | null {
  const built = manifest.embedder;
  if (given) {
    const dimsDiffer = given.info.dimensions > 0 && built.dimensions > 0 && given.info.dimensions !== built.dimensions;
    if (given.info.id !== built.id || dimsDiffer) {
      throw new KnowledgeError(
        'E_EMBEDDER_MISMATCH',
        `the index was built with embedder "${built.id}" (${built.dimensions} dimensions) but "${given.info.id}" was given: re-run npm run ingest with this embedder, or set EMBEDDINGS_PROVIDER/EMBEDDINGS_MODEL back to ${built.kind}/${built.model}`,
      );
    }
    return given;
  }
  if (manifest.chunkCount === 0) return null;
  if (built.kind === 'hashed') return createEmbedder({ provider: 'hashed', dimensions: built.dimensions });
  throw new KnowledgeError(
    'E_EMBEDDER_REQUIRED',
    `the index was built with the ${built.kind} embedder "${built.model}": pass its config (EMBEDDINGS_PROVIDER=${built.kind}, EMBEDDINGS_MODEL=${built.model}, EMBEDDINGS_BASE_URL) to open it`,
  );
}

export class KnowledgeBase {
  private readonly docsById: Map<string, DocumentMeta>;
  private readonly metas: readonly DocumentMeta[];
  /** The most recent vector-leg failure that search recovered from, for health checks. */
  lastVectorError: KnowledgeError | null = null;
  private gathering: Promise<BaseCatalogue> | null = null;

  private constructor(
    readonly manifest: Manifest,
    private readonly chunks: ChunkStore,
    private readonly accented: FieldIndex,
    private readonly folded: FieldIndex,
    private readonly vectors: VectorIndex,
    private readonly embedder: Embedder | null,
    private readonly opts: OpenOptions,
    private stored: BaseCatalogue | null,
  ) {
    this.metas = manifest.documents.map((d) => d.meta);
    this.docsById = new Map(this.metas.map((m) => [m.id, m]));
  }

  /**
   * Loads the live index. Errors: E_INDEX_MISSING (run npm run ingest), E_INDEX_VERSION, E_INDEX_CORRUPT,
   * E_EMBEDDER_MISMATCH (another embedder built it), E_EMBEDDER_REQUIRED (remote embedder not configured).
   */
  static async open(indexDir: string, opts: OpenOptions = {}): Promise<KnowledgeBase> {
    const dir = await locateCurrent(indexDir);
    if (!dir) throw new KnowledgeError('E_INDEX_MISSING', `no index in ${indexDir}: run npm run ingest`);
    const manifest = await readManifest(dir, { checkAnalyser: true });
    const embedder = resolveEmbedder(manifest, opts.embedder);
    let accented: FieldIndex;
    let folded: FieldIndex;
    let vectors: VectorIndex;
    let catalogue: BaseCatalogue | null = null;
    try {
      if (manifest.files[FILES.catalogue]) catalogue = parseCatalogue(readFileSync(join(dir, FILES.catalogue), 'utf8'));
      const header = JSON.parse(readFileSync(join(dir, FILES.lexicalHeader), 'utf8')) as LexicalHeader;
      // One read of the whole file (as the graph is read below); search makes views over this Buffer.
      const blob = readFileSync(join(dir, FILES.lexicalData));
      const a = FieldIndex.deserialise(header.accented, header.chunkCount, blob, 0);
      const f = FieldIndex.deserialise(header.folded, header.chunkCount, blob, a.end);
      [accented, folded] = [a.field, f.field];
      if (header.chunkCount !== manifest.chunkCount)
        throw new Error('lexical index and chunks disagree on the chunk count');
      const graph = manifest.files[FILES.graph] ? join(dir, FILES.graph) : null;
      vectors = VectorIndex.read(graph, manifest.embedder.dimensions);
      if (vectors.size !== (graph ? manifest.chunkCount : 0))
        throw new Error('vector graph and chunks disagree on the chunk count');
    } catch (err) {
      throw corrupt(`cannot load the index in ${dir}: ${(err as Error).message}`, err);
    }
    const chunks = await ChunkStore.open(dir, manifest);
    return new KnowledgeBase(manifest, chunks, accented, folded, vectors, embedder, opts, catalogue);
  }

  /**
   * What the answer layer needs about the whole base (see base-catalogue.ts). Stored in the index since
   * format 4; for a format-3 index the first call reads every chunk once, blocking, unless warm() ran first.
   */
  catalogue(): BaseCatalogue {
    if (this.stored) return this.stored;
    const builder = new CatalogueBuilder();
    for (const meta of this.metas) builder.add(meta, this.chunksOf(meta.id));
    this.stored = builder.finish();
    return this.stored;
  }

  /**
   * Makes catalogue() instant. For a format-3 index this is the one pass over the chunks, yielding to the
   * event loop every CHUNKS_PER_YIELD chunks so a bot loading it in the background keeps answering.
   */
  warm(): Promise<BaseCatalogue> {
    if (this.stored) return Promise.resolve(this.stored);
    this.gathering ??= (async () => {
      const builder = new CatalogueBuilder();
      let sinceYield = 0;
      for (const meta of this.metas) {
        const chunks = this.chunksOf(meta.id);
        builder.add(meta, chunks);
        sinceYield += chunks.length;
        if (sinceYield < CHUNKS_PER_YIELD) continue;
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.stored ??= builder.finish();
      return this.stored;
    })();
    return this.gathering;
  }

  /** Releases the open chunks file; the base cannot return chunks afterwards. */
  close(): void {
    this.chunks.close();
  }

  /** All documents, sorted by id. */
  documents(): DocumentMeta[] {
    return [...this.metas];
  }

  document(id: string): DocumentMeta | undefined {
    return this.docsById.get(id);
  }

  /** Chunks of one document in ordinal order (empty for an unknown id). */
  chunksOf(documentId: string): Chunk[] {
    const range = this.chunks.rangeOf(documentId);
    if (!range) return [];
    const out: Chunk[] = [];
    for (let label = range[0]; label < range[1]; label++) out.push(this.chunks.get(label));
    return out;
  }

  /** Ranked chunks for a question. See SEARCH_DEFAULTS for the knobs. */
  async search(query: string, opts: KnowledgeSearchOptions = {}): Promise<SearchHit[]> {
    const tuning: SearchTuning = { ...SEARCH_DEFAULTS, ...this.opts.tuning, ...opts.tuning };
    const k = opts.k ?? tuning.k;
    if (k <= 0 || this.chunks.size === 0) return [];
    const plan = analyseQuery(query, { expand: tuning.queryExpansion });
    const allowed = this.allowedLabels(opts);
    const useLexical = opts.legs?.lexical !== false;
    const useVector = opts.legs?.vector !== false && this.embedder !== null && this.vectors.size > 0;
    const lexical = useLexical ? rankLexical(plan, this.accented, this.folded, tuning, allowed) : null;
    const queryVector = useVector ? await this.embedQuery(plan, useLexical) : null;
    const vectorHits = queryVector ? this.vectorCandidates(queryVector, allowed, tuning.candidates) : null;
    const candidates: Candidate[] = fuse({ lexical, vectorHits, tuning });
    return candidates.slice(0, k).map((c) => this.toHit(c, plan));
  }

  private vectorCandidates(query: number[], allowed: Uint8Array | null, k: number) {
    if (!allowed) return this.vectors.search(query, k);
    const labels: number[] = [];
    for (let i = 0; i < allowed.length && labels.length <= EXACT_VECTOR_LIMIT; i++)
      if (allowed[i] === 1) labels.push(i);
    if (labels.length <= EXACT_VECTOR_LIMIT) return this.vectors.exact(query, labels, k);
    return this.vectors.search(query, k, (label) => allowed[label] === 1);
  }

  private allowedLabels(opts: KnowledgeSearchOptions): Uint8Array | null {
    const docs = allowedDocumentIds(this.metas, opts.filter);
    if (!docs) return null;
    const mask = new Uint8Array(this.chunks.size);
    for (const id of docs) {
      const range = this.chunks.rangeOf(id);
      if (range) mask.fill(1, range[0], range[1]);
    }
    return mask;
  }

  /** Embeds the question (with its expansions); on a remote failure falls back to lexical when it can. */
  private async embedQuery(plan: QueryPlan, canFallBack: boolean): Promise<number[] | null> {
    try {
      const v = await (this.embedder as Embedder).embedQuery(plan.expandedText);
      if (v.length !== this.vectors.dimensions) {
        throw new KnowledgeError(
          'E_EMBEDDER_MISMATCH',
          `the embedder returned ${v.length} dimensions but the index holds ${this.vectors.dimensions}: re-run npm run ingest with this embedder`,
        );
      }
      const norm = Math.hypot(...v);
      return norm === 0 ? null : v.map((x) => x / norm);
    } catch (err) {
      if (!canFallBack || !isKnowledgeError(err) || err.code === 'E_EMBEDDER_MISMATCH') throw err;
      this.lastVectorError = err;
      this.opts.onVectorError?.(err);
      return null;
    }
  }

  private toHit(c: Candidate, plan: QueryPlan): SearchHit {
    const chunk = this.chunks.get(c.label);
    const matchedTerms: string[] = [];
    for (const t of plan.terms) {
      if (this.accented.has(t.term, c.label) || this.folded.has(t.folded, c.label))
        matchedTerms.push(t.term.replace(/_/g, ' '));
    }
    return {
      chunk,
      document: this.docsById.get(chunk.documentId) as DocumentMeta,
      score: c.score,
      lexicalScore: c.lexical,
      vectorScore: c.vector,
      matchedTerms: [...new Set(matchedTerms)],
    };
  }
}
