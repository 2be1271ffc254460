/**
 * createEmbedder: the offline hashed embedder by default, or an OpenAI-compatible / Ollama server
 * through LangChain. Remote failures become KnowledgeErrors with distinct codes: the server answered
 * with an error (E_EMBEDDER_REFUSED) versus we could not reach it (E_EMBEDDER_UNREACHABLE).
 */
import { Embeddings } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import { OllamaEmbeddings } from '@langchain/ollama';
import { z } from 'zod';
import { KnowledgeError } from './errors.ts';
import { HashedEmbeddings, HASHED_DEFAULT_DIMENSIONS } from './hashed-embedder.ts';
import type { Embedder, EmbedderConfig, EmbedderInfo } from './embedder-types.ts';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 2;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** Where the server is, for messages: origin only, so credentials in a URL never reach a log. */
function describeEndpoint(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return '(invalid URL)';
  }
}

function httpStatusOf(err: unknown): number | null {
  const e = err as { status?: unknown; status_code?: unknown; statusCode?: unknown; response?: { status?: unknown } };
  for (const v of [e?.status, e?.status_code, e?.statusCode, e?.response?.status]) {
    if (typeof v === 'number' && v >= 400) return v;
  }
  return null;
}

function isNetworkFailure(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
    if (
      e.name === 'APIConnectionError' ||
      e.name === 'APIConnectionTimeoutError' ||
      e.name === 'AbortError' ||
      e.name === 'TimeoutError'
    )
      return true;
    if (typeof e.message === 'string' && /fetch failed|Connection error|timed? ?out/i.test(e.message)) return true;
  }
  return false;
}

/** Maps whatever LangChain / the SDK threw into a coded KnowledgeError. */
export function classifyRemoteError(err: unknown, info: EmbedderInfo, endpoint: string): KnowledgeError {
  if (err instanceof KnowledgeError) return err;
  const status = httpStatusOf(err);
  if (status !== null) {
    return new KnowledgeError(
      'E_EMBEDDER_REFUSED',
      `the embedding server at ${endpoint} refused the request for model "${info.model}" (HTTP ${status}); check the model name, API key and server log`,
      { cause: err },
    );
  }
  if (isNetworkFailure(err)) {
    return new KnowledgeError(
      'E_EMBEDDER_UNREACHABLE',
      `cannot reach the embedding server at ${endpoint}; start it or fix EMBEDDINGS_BASE_URL`,
      { cause: err },
    );
  }
  return new KnowledgeError(
    'E_EMBEDDER_RESPONSE',
    `the embedding server at ${endpoint} gave an unusable answer for model "${info.model}"`,
    { cause: err },
  );
}

/** Wraps a LangChain remote embedder: learns the vector length, checks answers, codes errors. */
class RemoteEmbeddings extends Embeddings {
  private current: EmbedderInfo;

  constructor(
    private readonly inner: Embeddings,
    info: EmbedderInfo,
    private readonly endpoint: string,
  ) {
    super({});
    this.current = info;
  }

  get info(): EmbedderInfo {
    return this.current;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const vectors = await this.call(() => this.inner.embedDocuments(texts));
    if (vectors.length !== texts.length) throw this.badAnswer(`${vectors.length} vectors for ${texts.length} texts`);
    for (const v of vectors) this.check(v);
    return vectors;
  }

  async embedQuery(text: string): Promise<number[]> {
    const v = await this.call(() => this.inner.embedQuery(text));
    this.check(v);
    return v;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw classifyRemoteError(err, this.current, this.endpoint);
    }
  }

  private check(v: unknown): void {
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw this.badAnswer('a vector that is not a list of numbers');
    }
    if (this.current.dimensions === 0) this.current = { ...this.current, dimensions: v.length };
    if (v.length !== this.current.dimensions) {
      throw this.badAnswer(`vectors of length ${v.length}, expected ${this.current.dimensions}`);
    }
  }

  private badAnswer(what: string): KnowledgeError {
    return new KnowledgeError(
      'E_EMBEDDER_RESPONSE',
      `the embedding server at ${this.endpoint} returned ${what} for model "${this.current.model}"`,
    );
  }
}

function requireRemote(cfg: EmbedderConfig): { baseUrl: string; model: string } {
  const missing = [!cfg.baseUrl && 'baseUrl (EMBEDDINGS_BASE_URL)', !cfg.model && 'model (EMBEDDINGS_MODEL)'].filter(
    Boolean,
  );
  if (missing.length > 0) {
    throw new KnowledgeError('E_EMBEDDER_CONFIG', `the ${cfg.provider} embedder needs ${missing.join(' and ')}`);
  }
  return { baseUrl: cfg.baseUrl as string, model: cfg.model as string };
}

/** Builds the embedder a config asks for. Remote embedders do not contact the server until used. */
export function createEmbedder(cfg: EmbedderConfig): Embedder {
  if (cfg.provider === 'hashed') return new HashedEmbeddings(cfg.dimensions ?? HASHED_DEFAULT_DIMENSIONS);
  const { baseUrl, model } = requireRemote(cfg);
  const info: EmbedderInfo = {
    id: `${cfg.provider}:${model}`,
    kind: cfg.provider,
    model,
    dimensions: cfg.dimensions ?? 0,
  };
  const timeout = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = cfg.maxRetries ?? DEFAULT_RETRIES;
  const inner =
    cfg.provider === 'openai'
      ? new OpenAIEmbeddings({
          model,
          apiKey: cfg.apiKey ?? 'not-needed',
          timeout,
          maxRetries: 0,
          ...(cfg.dimensions ? { dimensions: cfg.dimensions } : {}),
          configuration: { baseURL: baseUrl, maxRetries, timeout },
        })
      : new OllamaEmbeddings({
          model,
          baseUrl,
          maxRetries,
          ...(cfg.apiKey ? { headers: { Authorization: `Bearer ${cfg.apiKey}` } } : {}),
          fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeout) }),
        });
  return new RemoteEmbeddings(inner, info, describeEndpoint(baseUrl));
}

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * Reads the embedder settings from an environment-like object:
 * EMBEDDINGS_PROVIDER (hashed | openai | ollama, default hashed), EMBEDDINGS_BASE_URL, EMBEDDINGS_MODEL,
 * EMBEDDINGS_API_KEY, EMBEDDINGS_DIMENSIONS, EMBEDDINGS_TIMEOUT_MS. Other keys are ignored, so a
 * program's config module can pass all of process.env.
 */
export const embedderConfigSchema = z
  .object({
    EMBEDDINGS_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['hashed', 'openai', 'ollama']).default('hashed')),
    EMBEDDINGS_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    EMBEDDINGS_MODEL: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    EMBEDDINGS_API_KEY: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    EMBEDDINGS_DIMENSIONS: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().max(8192).optional()),
    EMBEDDINGS_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
  })
  .superRefine((env, ctx) => {
    if (env.EMBEDDINGS_PROVIDER === 'hashed') return;
    for (const key of ['EMBEDDINGS_BASE_URL', 'EMBEDDINGS_MODEL'] as const) {
      if (!env[key])
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `required when EMBEDDINGS_PROVIDER=${env.EMBEDDINGS_PROVIDER}`,
        });
    }
  })
  .transform((env): EmbedderConfig => {
    const cfg: EmbedderConfig = { provider: env.EMBEDDINGS_PROVIDER };
    if (env.EMBEDDINGS_BASE_URL) cfg.baseUrl = env.EMBEDDINGS_BASE_URL;
    if (env.EMBEDDINGS_MODEL) cfg.model = env.EMBEDDINGS_MODEL;
    if (env.EMBEDDINGS_API_KEY) cfg.apiKey = env.EMBEDDINGS_API_KEY;
    if (env.EMBEDDINGS_DIMENSIONS) cfg.dimensions = env.EMBEDDINGS_DIMENSIONS;
    if (env.EMBEDDINGS_TIMEOUT_MS) cfg.timeoutMs = env.EMBEDDINGS_TIMEOUT_MS;
    return cfg;
  });
