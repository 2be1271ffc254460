/**
 * KnowledgeHolder: the live KnowledgeBase behind every answer. A re-index writes a new version folder and
 * then `reload()` swaps the reference in one assignment, so a question being answered keeps the base it
 * started with and the next one gets the new base: answering never stops.
 *
 * Withdrawn documents must stop being cited at once, before the re-index finishes. `current()` therefore
 * hands out a view of the base that adds them to every search's `excludeDocuments` and hides them from
 * `documents()`, `document()` and `chunksOf()`.
 *
 * Several instances share one INDEX_DIR (a shared directory: see DESIGN.md "One knowledge version for all
 * instances"). `follow()` polls its CURRENT pointer — a few bytes, once a second — and swaps when another
 * instance's upload or re-index published a new version, so every instance serves it within seconds.
 *
 * A new base is prepared (`prepare`: the answer layer's per-base tables) before it is swapped in, so the
 * first question after a load does not pay for them.
 */
import { basename } from 'node:path';
import type { Embedder } from '../../knowledge/index.ts';
import { KnowledgeBase, locateCurrent, writeIndex } from '../../knowledge/index.ts';
import { excludingView } from './knowledge-view.ts';

/** Errors of KnowledgeBase.open meaning "no usable index here" (build one), not a disk or config failure. */
const UNUSABLE = new Set(['E_INDEX_MISSING', 'E_INDEX_VERSION', 'E_INDEX_CORRUPT', 'E_EMBEDDER_MISMATCH']);

export interface KnowledgeHolderOptions {
  indexDir: string;
  /** The embedder that built the index (default: the manifest's hashed one). */
  embedder?: Embedder;
  /**
   * Run on every base before it goes live (at open and before each swap); a failure keeps the old base.
   * The runtime passes answer's prepareBaseTables. Default: nothing (tables are then built on first use).
   */
  prepare?: (kb: KnowledgeBase) => Promise<void>;
}

/** How long a replaced base stays open: far longer than any answer takes, so no question loses its chunks. */
export const RETIRE_AFTER_MS = 60_000;

export class KnowledgeHolder {
  private kb: KnowledgeBase;
  private readonly retiring = new Map<KnowledgeBase, NodeJS.Timeout>();
  private view: KnowledgeBase | null = null;
  private readonly excluded = new Set<string>();
  private loads = 1;
  private served: string | null;
  private loadedAt: number;
  private follower: NodeJS.Timeout | null = null;
  private reloading: Promise<KnowledgeBase> | null = null;
  private building = false;
  private servingNow: Promise<void> = Promise.resolve();
  private markServing: () => void = () => undefined;

  private constructor(
    private readonly opts: KnowledgeHolderOptions,
    kb: KnowledgeBase,
    version: string | null,
  ) {
    this.kb = kb;
    this.served = version;
    this.loadedAt = Date.now();
  }

  /** Opens the live index. Errors are knowledge's (E_INDEX_MISSING, E_EMBEDDER_MISMATCH, ...). */
  static async open(opts: KnowledgeHolderOptions): Promise<KnowledgeHolder> {
    const version = await currentVersion(opts.indexDir);
    return new KnowledgeHolder(opts, await openPrepared(opts, opts.indexDir), version);
  }

  /**
   * Opens the live index, or — when INDEX_DIR holds no usable one (missing, older format, another embedder) —
   * an empty placeholder written to `placeholderDir`, so the service can listen while the first index is
   * built in the background. `isBuilding()` is true until a real version is loaded; `whenServing()` waits.
   */
  static async openOrPlaceholder(opts: KnowledgeHolderOptions & { placeholderDir: string }): Promise<KnowledgeHolder> {
    try {
      return await KnowledgeHolder.open(opts);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code !== 'string' || !UNUSABLE.has(code) || !opts.embedder) throw err;
    }
    await writeIndex(opts.placeholderDir, { documents: [], vectors: new Map(), embedder: opts.embedder.info });
    const holder = new KnowledgeHolder(opts, await openPrepared(opts, opts.placeholderDir), null);
    holder.building = true;
    holder.servingNow = new Promise((resolve) => (holder.markServing = resolve));
    return holder;
  }

  /** True while only the empty placeholder is loaded (no usable index yet). */
  isBuilding(): boolean {
    return this.building;
  }

  /** Resolves once a real index is loaded (at once when one was loaded at start). */
  whenServing(): Promise<void> {
    return this.servingNow;
  }

  /** The index version folder this instance answers from (e.g. `v-1a2b…`). */
  version(): string | null {
    return this.served;
  }

  /** For /readyz: which knowledge version this instance serves and since when. */
  describe(): {
    knowledgeVersion: string | null;
    knowledgeLoadedAt: string;
    knowledgeGeneration: number;
    knowledgeState: 'serving' | 'index building';
  } {
    return {
      knowledgeState: this.building ? 'index building' : 'serving',
      knowledgeVersion: this.served,
      knowledgeLoadedAt: new Date(this.loadedAt).toISOString(),
      knowledgeGeneration: this.loads,
    };
  }

  /**
   * Swaps to a version another instance published in the shared INDEX_DIR. Polls every `intervalMs`; a failed
   * load (half-copied folder, disk error) keeps the current base and is reported to `onError`.
   */
  follow(
    intervalMs = 1000,
    onError: (err: unknown) => void = () => undefined,
    onSwap?: (kb: KnowledgeBase) => void,
  ): void {
    if (this.follower) return;
    this.follower = setInterval(() => {
      void this.syncWithDisk().then((kb) => {
        if (kb) onSwap?.(kb);
      }, onError);
    }, intervalMs);
    this.follower.unref();
  }

  /** Reloads when the CURRENT pointer names another version than the one served; null when nothing changed. */
  async syncWithDisk(): Promise<KnowledgeBase | null> {
    if (this.reloading) return null;
    const onDisk = await currentVersion(this.opts.indexDir);
    if (onDisk === null || onDisk === this.served) return null;
    return this.reload();
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
  reload(): Promise<KnowledgeBase> {
    // Chained, never shared: a reload asked for after a re-index wrote CURRENT must read that CURRENT.
    const run = (this.reloading ?? Promise.resolve(null)).catch(() => null).then(() => this.load());
    this.reloading = run;
    void run
      .finally(() => {
        if (this.reloading === run) this.reloading = null;
      })
      .catch(() => undefined);
    return run;
  }

  private async load(): Promise<KnowledgeBase> {
    const version = await currentVersion(this.opts.indexDir);
    const next = await openPrepared(this.opts, this.opts.indexDir);
    this.served = version;
    this.loadedAt = Date.now();
    for (const id of [...this.excluded]) if (!next.document(id)) this.excluded.delete(id);
    this.retire(this.kb);
    this.kb = next;
    this.setView();
    this.loads += 1;
    if (this.building) {
      this.building = false;
      this.markServing();
    }
    return next;
  }

  /** Closes the live base and any replaced ones still open (service shutdown). */
  close(): void {
    if (this.follower) clearInterval(this.follower);
    this.follower = null;
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
    this.setView();
  }

  /** Cites a document again (it was uploaded anew under the same id). */
  restore(id: string): void {
    if (this.excluded.delete(id)) this.setView();
  }

  /**
   * Drops the withdrawn-documents view, and prepares the next one in the background: a view has its own
   * tables (the withdrawn documents counted out), which would otherwise be built by the next question.
   */
  private setView(): void {
    this.view = null;
    if (!this.opts.prepare || this.excluded.size === 0) return;
    // A failure here only means the next question builds the tables itself.
    void this.opts.prepare(this.current()).catch(() => undefined);
  }

  /** Ids filtered out right now. */
  withdrawn(): string[] {
    return [...this.excluded].sort();
  }
}

/** Opens a base and runs `prepare` on it; the base is closed again when that fails. */
async function openPrepared(opts: KnowledgeHolderOptions, indexDir: string): Promise<KnowledgeBase> {
  const kb = await KnowledgeBase.open(indexDir, { embedder: opts.embedder });
  try {
    await opts.prepare?.(kb);
  } catch (err) {
    kb.close();
    throw err;
  }
  return kb;
}

async function currentVersion(indexDir: string): Promise<string | null> {
  const dir = await locateCurrent(indexDir);
  return dir ? basename(dir) : null;
}
