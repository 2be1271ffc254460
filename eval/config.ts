/**
 * Configuration of the eval and bench programs: the only place in eval/ that reads process.env.
 * Same variables as the other programs (INDEX_DIR, SOURCES_DIR, EMBEDDINGS_*), every problem reported at once.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { embedderConfigSchema, type EmbedderConfig } from '../knowledge/index.ts';
import { EvalError } from './errors.ts';

export interface EvalConfig {
  /** Built index (default knowledge/index); built or refreshed from the sources before a run. */
  indexDir: string;
  /** Source documents (default knowledge/sources). */
  sourcesDir: string;
  /** Embedder that builds and queries the index (default: the offline hashed embedder). */
  embedder: EmbedderConfig;
}

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const pathsSchema = z.object({
  INDEX_DIR: z.preprocess(blankToUndefined, z.string().default('knowledge/index')),
  SOURCES_DIR: z.preprocess(blankToUndefined, z.string().default('knowledge/sources')),
});

/** Parses an environment-like object; throws E_EVAL_CONFIG naming every bad variable. */
export function parseEvalConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): Readonly<EvalConfig> {
  const paths = pathsSchema.safeParse(env);
  const embedder = embedderConfigSchema.safeParse(env);
  if (!paths.success || !embedder.success) {
    const issues = [paths, embedder].flatMap((r) =>
      r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
    throw new EvalError('E_EVAL_CONFIG', `fix these environment variables: ${issues.join('; ')}`);
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  return Object.freeze({
    indexDir: abs(paths.data.INDEX_DIR),
    sourcesDir: abs(paths.data.SOURCES_DIR),
    embedder: Object.freeze({ ...embedder.data }),
  });
}

/** Reads the program's configuration from process.env. */
export function readEvalConfig(): Readonly<EvalConfig> {
  return parseEvalConfig(process.env);
}
