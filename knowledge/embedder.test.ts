import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbedder, embedderConfigSchema, KnowledgeError } from './index.ts';

/** A stand-in embedding server on 127.0.0.1 that records what it was asked. */
interface StandIn {
  url: string;
  requests: Array<{ path: string; body: Record<string, unknown>; auth: string | undefined }>;
  close: () => Promise<void>;
}

const servers: StandIn[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

/** Deterministic fake vector for a text: length 4, depends on the text length. */
const fakeVector = (text: string) => [text.length, 1, 0, 2];

async function standIn(status = 200): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    requests.push({ path: req.url ?? '', body, auth: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    if (status !== 200) {
      res.statusCode = status;
      res.end(JSON.stringify({ error: { message: 'model crashed' } }));
      return;
    }
    const inputs = ([] as string[]).concat(body.input as string | string[]);
    if (req.url === '/v1/embeddings') {
      const data = inputs.map((text, index) => {
        const v = fakeVector(text);
        // The OpenAI SDK asks for base64 floats unless told otherwise; answer in the format asked.
        const embedding =
          body.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v;
        return { object: 'embedding', index, embedding };
      });
      res.end(
        JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }),
      );
      return;
    }
    if (req.url === '/api/embed') {
      res.end(JSON.stringify({ model: body.model, embeddings: inputs.map(fakeVector) }));
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const s = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  servers.push(s);
  return s;
}

/** A port that was just free: listen, note the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('hashed embedder', () => {
  it('gives the same unit-length vector for the same text every time', async () => {
    const a = createEmbedder({ provider: 'hashed' });
    const b = createEmbedder({ provider: 'hashed' });
    const [v1] = await a.embedDocuments(['Đăng ký khai sinh cho trẻ em']);
    const v2 = await b.embedQuery('Đăng ký khai sinh cho trẻ em');
    expect(v1).toEqual(v2);
    expect(v1).toHaveLength(256);
    expect(Math.hypot(...(v1 as number[]))).toBeCloseTo(1, 10);
    expect(a.info).toEqual({ id: 'hashed-ngram-v1:256', kind: 'hashed', model: 'hashed-ngram-v1', dimensions: 256 });
  });

  it('puts text typed without accents near the accented text', async () => {
    const e = createEmbedder({ provider: 'hashed', dimensions: 256 });
    const [accented, plain, other] = await e.embedDocuments([
      'lệ phí làm căn cước',
      'le phi lam can cuoc',
      'kinh tế số',
    ]);
    const cos = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * (y[i] as number), 0);
    expect(cos(accented as number[], plain as number[])).toBeCloseTo(1, 10);
    expect(cos(accented as number[], other as number[])).toBeLessThan(0.5);
  });
});

describe('OpenAI-compatible embedder', () => {
  it('embeds through POST /v1/embeddings and learns the vector length', async () => {
    const server = await standIn();
    const e = createEmbedder({
      provider: 'openai',
      baseUrl: `${server.url}/v1`,
      model: 'bge-m3',
      apiKey: 'sk-test',
      maxRetries: 0,
    });
    expect(e.info.dimensions).toBe(0);
    const vectors = await e.embedDocuments(['abc', 'hello']);
    expect(vectors).toEqual([fakeVector('abc'), fakeVector('hello')]);
    expect(e.info).toEqual({ id: 'openai:bge-m3', kind: 'openai', model: 'bge-m3', dimensions: 4 });
    expect(server.requests[0]?.path).toBe('/v1/embeddings');
    expect(server.requests[0]?.body.model).toBe('bge-m3');
    expect(server.requests[0]?.auth).toBe('Bearer sk-test');
  });

  it('reports a 500 answer as E_EMBEDDER_REFUSED without the API key in the message', async () => {
    const server = await standIn(500);
    const e = createEmbedder({
      provider: 'openai',
      baseUrl: `${server.url}/v1`,
      model: 'bge-m3',
      apiKey: 'sk-secret-123',
      maxRetries: 0,
    });
    const err = await e.embedQuery('xin chào').catch((x: unknown) => x);
    expect(err).toBeInstanceOf(KnowledgeError);
    expect((err as KnowledgeError).code).toBe('E_EMBEDDER_REFUSED');
    expect((err as KnowledgeError).message).toContain('HTTP 500');
    expect((err as KnowledgeError).message).not.toContain('sk-secret-123');
  });

  it('reports a closed port as E_EMBEDDER_UNREACHABLE', async () => {
    const port = await closedPort();
    const e = createEmbedder({ provider: 'openai', baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', maxRetries: 0 });
    await expect(e.embedQuery('xin chào')).rejects.toMatchObject({ code: 'E_EMBEDDER_UNREACHABLE' });
  });
});

describe('Ollama embedder', () => {
  it('embeds through POST /api/embed', async () => {
    const server = await standIn();
    const e = createEmbedder({ provider: 'ollama', baseUrl: server.url, model: 'bge-m3', maxRetries: 0 });
    expect(await e.embedQuery('đăng ký')).toEqual(fakeVector('đăng ký'));
    expect(server.requests[0]?.path).toBe('/api/embed');
    expect(server.requests[0]?.body.model).toBe('bge-m3');
    expect(e.info.id).toBe('ollama:bge-m3');
  });

  it('reports a 500 answer as E_EMBEDDER_REFUSED', async () => {
    const server = await standIn(500);
    const e = createEmbedder({ provider: 'ollama', baseUrl: server.url, model: 'bge-m3', maxRetries: 0 });
    await expect(e.embedDocuments(['a'])).rejects.toMatchObject({ code: 'E_EMBEDDER_REFUSED' });
  });

  it('reports a closed port as E_EMBEDDER_UNREACHABLE', async () => {
    const port = await closedPort();
    const e = createEmbedder({
      provider: 'ollama',
      baseUrl: `http://127.0.0.1:${port}`,
      model: 'bge-m3',
      maxRetries: 0,
    });
    await expect(e.embedDocuments(['a'])).rejects.toMatchObject({ code: 'E_EMBEDDER_UNREACHABLE' });
  });
});

describe('embedder config', () => {
  it('defaults to the hashed embedder and ignores unrelated variables', () => {
    expect(embedderConfigSchema.parse({ PATH: '/usr/bin', EMBEDDINGS_PROVIDER: '' })).toEqual({ provider: 'hashed' });
  });

  it('reports every missing setting of a remote provider at once', () => {
    const result = embedderConfigSchema.safeParse({ EMBEDDINGS_PROVIDER: 'ollama' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['EMBEDDINGS_BASE_URL', 'EMBEDDINGS_MODEL']);
  });

  it('refuses to build a remote embedder without a model with E_EMBEDDER_CONFIG', () => {
    expect(() => createEmbedder({ provider: 'openai', baseUrl: 'http://127.0.0.1:1/v1' })).toThrow(
      expect.objectContaining({ code: 'E_EMBEDDER_CONFIG' }),
    );
  });
});
