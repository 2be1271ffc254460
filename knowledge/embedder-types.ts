/** Types shared by the embedders and the index format. */
import type { Embeddings } from '@langchain/core/embeddings';

/** Which model made a set of vectors; recorded in the manifest and checked when an index is opened. */
export interface EmbedderInfo {
  /** Stable id compared at open time, e.g. "hashed-ngram-v1:512", "openai:text-embedding-3-small". */
  id: string;
  kind: 'hashed' | 'openai' | 'ollama';
  model: string;
  /** Vector length; 0 while a remote embedder has not answered yet and none was configured. */
  dimensions: number;
}

/** A LangChain embedder that knows what it is. */
export type Embedder = Embeddings & { readonly info: EmbedderInfo };

/** How to build an embedder (see embedderConfigSchema for the environment variables). */
export interface EmbedderConfig {
  provider: 'hashed' | 'openai' | 'ollama';
  /** Server root, e.g. "http://127.0.0.1:11434" (Ollama) or "http://127.0.0.1:8000/v1" (OpenAI-compatible). */
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  /** Vector length: required for hashed (default 512), optional for remote models. */
  dimensions?: number;
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Retries of a failed remote request (default 2). */
  maxRetries?: number;
}
