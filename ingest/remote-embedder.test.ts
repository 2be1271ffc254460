/**
 * Ingest with an OpenAI-compatible embedding server: a stand-in on 127.0.0.1 answers (or fails),
 * so the remote path is exercised for real without any download.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createEmbedder, KnowledgeBase, readStoredIndex } from '../knowledge/index.ts';
import { runIngest } from './index.ts';
import { FIXTURES, copyInto, readCurrent, tempWorkspace, testEmbedder } from './test-support.ts';

let ws: Awaited<ReturnType<typeof tempWorkspace>>;
let server: Server | null = null;

beforeEach(async () => {
  ws = await tempWorkspace();
  await copyInto(ws.sources, join(FIXTURES, 'front-matter.md'), 'guides/nop-truc-tuyen.md');
  await copyInto(ws.sources, join(FIXTURES, 'nav-and-footer.html'), 'guides/can-cuoc.html');
});
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  await ws.cleanup();
});

/** Answers /v1/embeddings with an 8-dim vector per input, or with `status` when it is not 200. */
async function standIn(status: number): Promise<{ url: string; calls: () => number }> {
  let calls = 0;
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      calls++;
      res.setHeader('content-type', 'application/json');
      if (status !== 200) {
        res.statusCode = status;
        res.end(JSON.stringify({ error: { message: 'model overloaded' } }));
        return;
      }
      const body = JSON.parse(raw) as { input: string[]; model: string; encoding_format?: string };
      const data = [body.input].flat().map((text, index) => {
        const v = Array.from({ length: 8 }, (_, i) => ((text.length * (i + 1)) % 17) / 17 + 0.01);
        // The OpenAI SDK asks for base64 floats unless told otherwise; answer in the format asked.
        const embedding =
          body.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v;
        return { object: 'embedding', index, embedding };
      });
      res.end(
        JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }),
      );
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`, calls: () => calls };
}

const remote = (url: string) =>
  createEmbedder({
    provider: 'openai',
    baseUrl: url,
    model: 'stand-in-embed',
    apiKey: 'sk-test-key',
    maxRetries: 0,
    timeoutMs: 5_000,
  });

describe('ingest with a remote embedder', () => {
  it('embeds every chunk through the server and records the model in the manifest', async () => {
    const api = await standIn(200);
    const embedder = remote(api.url);
    const report = await runIngest({ sourcesDir: ws.sources, indexDir: ws.index, embedder });
    expect(report.failed).toEqual([]);
    expect(api.calls()).toBeGreaterThan(0);
    const stored = await readStoredIndex(ws.index);
    expect(stored!.manifest.embedder).toMatchObject({ kind: 'openai', model: 'stand-in-embed', dimensions: 8 });
    const kb = await KnowledgeBase.open(ws.index, { embedder });
    expect((await kb.search('lệ phí cấp lại căn cước', { k: 1 }))[0]!.document.id).toBe('guides/can-cuoc');
  });

  it('fails with the embedder code and leaves the previous index live when the server refuses', async () => {
    await runIngest({ sourcesDir: ws.sources, indexDir: ws.index, embedder: testEmbedder() });
    const before = await readCurrent(ws.index);
    const api = await standIn(500);
    const err = await runIngest({ sourcesDir: ws.sources, indexDir: ws.index, embedder: remote(api.url) }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'E_EMBEDDER_REFUSED' });
    expect((err as Error).message).not.toContain('sk-test-key');
    expect(await readCurrent(ws.index)).toBe(before);
    await expect(KnowledgeBase.open(ws.index, { embedder: testEmbedder() })).resolves.toBeDefined();
  });
});
