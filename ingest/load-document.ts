/**
 * One source file → its metadata and chunks: pick the loader, read the sidecar, merge metadata,
 * chunk. Every failure leaves as an IngestError with the file's path and a code.
 */
import { extname, relative, sep } from 'node:path';
import type { Chunk, DocumentMeta } from '../knowledge/index.ts';
import { finishPrebuilt } from './chunker.ts';
import { IngestError } from './errors.ts';
import { SUPPORTED_EXTENSIONS, loaderFor } from './loaders/registry.ts';
import { assembleMeta, readSidecar } from './metadata.ts';
import { splitDocuments, type LoadedDocument, type ProcedureFinding } from './procedure-documents.ts';
import type { LoadedSource, OcrFinding } from './types.ts';

/** Everything one source file yields: its documents and what ingest noticed reading it. */
export interface LoadedFile {
  documents: LoadedDocument[];
  procedures: ProcedureFinding[];
  /** Declared `type: procedure` but no part recognised: indexed as passages. */
  passage: boolean;
  ocr: OcrFinding | null;
}

/** Source path relative to the sources folder, '/'-separated. */
export function relativeSourcePath(path: string, sourcesDir: string): string {
  return relative(sourcesDir, path).split(sep).join('/');
}

/** The stable document id: relative path without its extension. */
export function documentIdOf(relPath: string): string {
  const ext = extname(relPath);
  return ext ? relPath.slice(0, -ext.length) : relPath;
}

/**
 * Loads one source file into metadata and chunks (see DESIGN.md, ingest/index.ts). A file holding several
 * procedures yields its first document here, with every chunk of the file; ingest uses loadFile.
 */
export async function loadDocument(path: string, sourcesDir: string): Promise<{ meta: DocumentMeta; chunks: Chunk[] }> {
  const file = await loadFile(path, sourcesDir);
  return { meta: file.documents[0]!.meta, chunks: file.documents.flatMap((d) => d.chunks) };
}

/** Loads one source file into the documents it holds (one, or one per procedure of an annex). */
export async function loadFile(path: string, sourcesDir: string): Promise<LoadedFile> {
  const loader = loaderFor(path);
  if (!loader) {
    throw new IngestError(
      'E_UNSUPPORTED_FORMAT',
      `No loader for "${path}". Supported: ${SUPPORTED_EXTENSIONS.join(', ')}.`,
      { path },
    );
  }
  const loaded = await runLoader(loader, path);
  const sidecar = await readSidecar(path);
  const sourcePath = relativeSourcePath(path, sourcesDir);
  const id = documentIdOf(sourcePath);
  const declared = { ...loaded.declared, ...sidecar };
  const ocr = loaded.ocr ?? null;
  const file: LoadedFile = loaded.prebuiltChunks
    ? {
        documents: [
          {
            meta: assembleMeta({ id, sourcePath, declared, inferred: loaded.inferred }),
            chunks: finishPrebuilt(id, loaded.prebuiltChunks),
          },
        ],
        procedures: [],
        passage: false,
        ocr,
      }
    : { ...splitDocuments(loaded, id, sourcePath, declared), ocr };
  if (file.documents.every((d) => d.chunks.length === 0)) {
    const scan =
      ocr && ocr.skipped
        ? ` It looks scanned and OCR was skipped: ${ocr.skipped}`
        : ' (a scanned PDF or an empty file?)';
    throw new IngestError(
      'E_SOURCE_UNREADABLE',
      `No text found in "${path}".${scan} Add a text version or remove it.`,
      { path },
    );
  }
  file.documents = file.documents.filter((d) => d.chunks.length > 0);
  return file;
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
