/**
 * Configuration of the ask and chat programs: the only place in answer/ that reads process.env.
 * Every problem is reported at once; the result is frozen.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { embedderConfigSchema, type EmbedderConfig } from '../knowledge/index.ts';
import { AnswerError } from './errors.ts';
import { llmConfigSchema, type LlmConfig } from './generator.ts';

export interface AnswerConfig {
  /** Where the built index lives (default: knowledge/index). */
  indexDir: string;
  /** Where the source documents live (default: knowledge/sources). */
  sourcesDir: string;
  /** Embedder used to build the index when it is missing or stale (default: the offline hashed embedder). */
  embedder: EmbedderConfig;
  /** The optional generative mode; null = extractive only (default). */
  llm: LlmConfig | null;
}

const pathsSchema = z.object({
  INDEX_DIR: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('knowledge/index')),
  SOURCES_DIR: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('knowledge/sources')),
});

/** Parses an environment-like object; throws E_CONFIG listing every problem. */
export function parseAnswerConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): Readonly<AnswerConfig> {
  const paths = pathsSchema.safeParse(env);
  const embedder = embedderConfigSchema.safeParse(env);
  const llm = llmConfigSchema.safeParse(env);
  const problems = [paths, embedder, llm].flatMap((r) =>
    r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
  );
  if (problems.length > 0 || !paths.success || !embedder.success || !llm.success) {
    throw new AnswerError('E_CONFIG', problems.join('; '));
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  return Object.freeze({
    indexDir: abs(paths.data.INDEX_DIR),
    sourcesDir: abs(paths.data.SOURCES_DIR),
    embedder: Object.freeze({ ...embedder.data }),
    llm: llm.data ? Object.freeze({ ...llm.data }) : null,
  });
}

/** Reads the program's configuration from process.env. */
export function readAnswerConfig(): Readonly<AnswerConfig> {
  return parseAnswerConfig(process.env);
}
