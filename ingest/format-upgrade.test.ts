/**
 * An index of format 3 (the same files without catalogue.json) still opens, and the next ingest rewrites it
 * as the current format from its stored chunks and vectors, embedding nothing again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FORMAT_VERSION, KnowledgeBase, type Embedder } from '../knowledge/index.ts';
import { ensureIndex, runIngest } from './index.ts';
import { FIXTURES, PLAN_FILE, PLAN_NAME, copyInto, readCurrent, tempWorkspace, testEmbedder } from './test-support.ts';

let ws: Awaited<ReturnType<typeof tempWorkspace>>;
let embedder: Embedder & { embedded: number };

beforeEach(async () => {
  ws = await tempWorkspace();
  const inner = testEmbedder();
  embedder = Object.assign(Object.create(inner) as Embedder, { embedded: 0 });
  embedder.embedDocuments = async (texts: string[]) => {
    embedder.embedded += texts.length;
    return inner.embedDocuments(texts);
  };
  await copyInto(ws.sources, PLAN_FILE, `plans/${PLAN_NAME}`);
  await copyInto(ws.sources, join(FIXTURES, 'front-matter.md'), 'guides/nop-truc-tuyen.md');
});
afterEach(() => ws.cleanup());

/** Turns the live version into what format 3 wrote: the same files without catalogue.json. */
async function asFormat3(): Promise<void> {
  const version = join(ws.index, (await readCurrent(ws.index)).trim());
  const manifestPath = join(version, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    formatVersion: number;
    files: Record<string, unknown>;
  };
  manifest.formatVersion = 3;
  delete manifest.files['catalogue.json'];
  await writeFile(manifestPath, JSON.stringify(manifest));
  await rm(join(version, 'catalogue.json'));
}

describe('an index of format 3', () => {
  it('opens with the catalogue gathered from its chunks, and is rewritten by the next ingest without re-embedding', async () => {
    const opts = { sourcesDir: ws.sources, indexDir: ws.index, embedder };
    await runIngest(opts);
    const stored = (await KnowledgeBase.open(ws.index, { embedder })).catalogue();
    await asFormat3();
    const old = await KnowledgeBase.open(ws.index, { embedder });
    expect([old.manifest.formatVersion, old.catalogue()]).toEqual([3, stored]);
    const embedded = embedder.embedded;
    const report = await ensureIndex(opts);
    expect(report?.wrote).toBe(true);
    expect(embedder.embedded).toBe(embedded);
    const rewritten = await KnowledgeBase.open(ws.index, { embedder });
    expect([rewritten.manifest.formatVersion, rewritten.catalogue()]).toEqual([FORMAT_VERSION, stored]);
  });
});
