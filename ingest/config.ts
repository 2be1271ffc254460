/**
 * Configuration of the ingest and search programs, read once from the environment and frozen.
 * The only module in ingest/ that reads process.env.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { embedderConfigSchema, type EmbedderConfig } from '../knowledge/index.ts';
import { IngestError } from './errors.ts';

/** Defaults, relative to the working directory (npm scripts run from the repository root). */
export const INGEST_DEFAULTS = Object.freeze({
  sourcesDir: 'knowledge/sources',
  indexDir: 'knowledge/index',
});

const pathsSchema = z.object({
  SOURCES_DIR: z.string().trim().min(1).default(INGEST_DEFAULTS.sourcesDir),
  INDEX_DIR: z.string().trim().min(1).default(INGEST_DEFAULTS.indexDir),
});

export interface IngestConfig {
  /** Absolute path of the sources folder (SOURCES_DIR, default knowledge/sources). */
  readonly sourcesDir: string;
  /** Absolute path of the index folder (INDEX_DIR, default knowledge/index). */
  readonly indexDir: string;
  /** EMBEDDINGS_* (see knowledge's embedderConfigSchema; default: the offline hashed embedder). */
  readonly embedder: Readonly<EmbedderConfig>;
}

/** Parses the environment; every problem is listed in one E_CONFIG_INVALID error (secrets never echoed). */
export function loadIngestConfig(env: Record<string, string | undefined> = process.env): IngestConfig {
  const paths = pathsSchema.safeParse({ SOURCES_DIR: blank(env.SOURCES_DIR), INDEX_DIR: blank(env.INDEX_DIR) });
  const embedder = embedderConfigSchema.safeParse(env);
  const problems = [
    ...(paths.success ? [] : paths.error.issues),
    ...(embedder.success ? [] : embedder.error.issues),
  ].map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  if (!paths.success || !embedder.success) {
    throw new IngestError(
      'E_CONFIG_INVALID',
      `Invalid configuration: ${problems.join('; ')}. Fix these environment variables.`,
    );
  }
  return Object.freeze({
    sourcesDir: resolve(paths.data.SOURCES_DIR),
    indexDir: resolve(paths.data.INDEX_DIR),
    embedder: Object.freeze({ ...embedder.data }),
  });
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
