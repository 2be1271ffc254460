/**
 * ingest/ — the public face: turning source files into the index.
 */

// Used by bot (npm start), answer CLIs and eval: build the index when missing or stale.
export { runIngest, ensureIndex } from './run-ingest.ts';
export type { IngestOptions, IngestReport } from './run-ingest.ts';

// Used by tests and tools that want one document's chunks without building an index.
export { loadDocument, loadFile } from './load-document.ts';
export type { LoadedFile } from './load-document.ts';
export type { ProcedureFinding } from './procedure-documents.ts';
export { CHUNKER_VERSION, CHUNK_LIMITS } from './chunker.ts';

// Configuration of the ingest/search programs (SOURCES_DIR, INDEX_DIR, EMBEDDINGS_*).
export { loadIngestConfig, INGEST_DEFAULTS } from './config.ts';
export type { IngestConfig } from './config.ts';

// Errors
export { IngestError } from './errors.ts';
export type { IngestErrorCode } from './errors.ts';
