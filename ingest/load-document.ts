/**
 * One source file → its metadata and chunks: pick the loader, read the sidecar, merge metadata,
 * chunk. Every failure leaves as an IngestError with the file's path and a code.
 */
import { extname, relative, sep } from 'node:path';
import type { Chunk, DocumentMeta } from '../knowledge/index.ts';
import { chunkBlocks, finishPrebuilt } from './chunker.ts';
import { IngestError } from './errors.ts';
import { SUPPORTED_EXTENSIONS, loaderFor } from './loaders/registry.ts';
import { assembleMeta, readSidecar } from './metadata.ts';
import type { LoadedSource } from './types.ts';

/** Source path relative to the sources folder, '/'-separated. */
export function relativeSourcePath(path: string, sourcesDir: string): string {
  return relative(sourcesDir, path).split(sep).join('/');
}

/** The stable document id: relative path without its extension. */
export function documentIdOf(relPath: string): string {
  const ext = extname(relPath);
  return ext ? relPath.slice(0, -ext.length) : relPath;
}

/** Loads one source file into metadata and chunks (see DESIGN.md, ingest/index.ts). */
export async function loadDocument(path: string, sourcesDir: string): Promise<{ meta: DocumentMeta; chunks: Chunk[] }> {
  const loader = loaderFor(path);
  if (!loader) {
    throw new IngestError('E_UNSUPPORTED_FORMAT', `No loader for "${path}". Supported: ${SUPPORTED_EXTENSIONS.join(', ')}.`, { path });
  }
  const loaded = await runLoader(loader, path);
  const sidecar = await readSidecar(path);
  const sourcePath = relativeSourcePath(path, sourcesDir);
  const id = documentIdOf(sourcePath);
  const meta = assembleMeta({ id, sourcePath, declared: { ...loaded.declared, ...sidecar }, inferred: loaded.inferred });
  const chunks = loaded.prebuiltChunks ? finishPrebuilt(id, loaded.prebuiltChunks) : chunkBlocks(id, loaded.blocks);
  if (chunks.length === 0) {
    throw new IngestError('E_SOURCE_UNREADABLE', `No text found in "${path}" (a scanned PDF or an empty file?). Add a text version or remove it.`, { path });
  }
  return { meta, chunks };
}

async function runLoader(loader: (p: string) => Promise<LoadedSource>, path: string): Promise<LoadedSource> {
  try {
    return await loader(path);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new IngestError('E_SOURCE_UNREADABLE', `Cannot read "${path}": ${why}`, { path, cause: err });
  }
}
