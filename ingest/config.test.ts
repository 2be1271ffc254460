import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadIngestConfig } from './index.ts';
import { ProgressBar } from './progress-bar.ts';
import { formatReport } from './report-format.ts';

describe('loadIngestConfig', () => {
  it('defaults to knowledge/sources, knowledge/index and the offline embedder, frozen', () => {
    const cfg = loadIngestConfig({});
    expect(cfg).toEqual({
      sourcesDir: resolve('knowledge/sources'),
      indexDir: resolve('knowledge/index'),
      embedder: { provider: 'hashed' },
    });
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.embedder)).toBe(true);
  });

  it('reads SOURCES_DIR, INDEX_DIR and EMBEDDINGS_*', () => {
    const cfg = loadIngestConfig({
      SOURCES_DIR: '/srv/src',
      INDEX_DIR: '/srv/idx',
      EMBEDDINGS_PROVIDER: 'ollama',
      EMBEDDINGS_BASE_URL: 'http://127.0.0.1:11434',
      EMBEDDINGS_MODEL: 'bge-m3',
    });
    expect(cfg).toMatchObject({
      sourcesDir: '/srv/src',
      indexDir: '/srv/idx',
      embedder: { provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'bge-m3' },
    });
  });

  it('lists every problem in one E_CONFIG_INVALID error without echoing the API key', () => {
    let err: unknown;
    try {
      loadIngestConfig({
        EMBEDDINGS_PROVIDER: 'openai',
        EMBEDDINGS_API_KEY: 'sk-very-secret',
        EMBEDDINGS_DIMENSIONS: '-3',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'E_CONFIG_INVALID' });
    const message = (err as Error).message;
    for (const key of ['EMBEDDINGS_BASE_URL', 'EMBEDDINGS_MODEL', 'EMBEDDINGS_DIMENSIONS'])
      expect(message).toContain(key);
    expect(message).not.toContain('sk-very-secret');
  });
});

describe('progress bar and summary', () => {
  it('redraws one line in place and clears it when finished', () => {
    let out = '';
    const bar = new ProgressBar({ write: (s) => ((out += s), true), columns: 60 });
    bar.update(1, 4, 'plans/ke-hoach.txt');
    bar.update(4, 4, 'procedures/the-can-cuoc.yaml');
    bar.finish();
    const frames = out.split('\r').filter(Boolean);
    expect(frames[0]).toContain('1/4 plans/ke-hoach.txt');
    expect(frames[0]).toContain('██████░');
    expect(frames[1]).toContain(`[${'█'.repeat(24)}] 4/4`);
    expect(frames.at(-1)).toBe('\x1b[2K');
    expect(out).not.toContain('\n');
  });

  it('shortens a long item name from the left to fit the terminal', () => {
    let out = '';
    new ProgressBar({ write: (s) => ((out += s), true), columns: 50 }).update(1, 2, `guides/${'a'.repeat(80)}.md`);
    expect(out).toContain('…');
    expect(out).toContain('a.md');
  });

  it('summarises counts, failures, skipped files and inferred fields grouped by field set', () => {
    const text = formatReport({
      added: ['a.txt', 'b.txt'],
      updated: [],
      unchanged: ['c.md'],
      removed: ['d.pdf'],
      failed: [{ path: 'e.pdf', code: 'E_SOURCE_UNREADABLE', reason: 'Invalid PDF structure.' }],
      skipped: [{ path: 'f.jpg', reason: 'unsupported format' }],
      chunks: 12,
      seconds: 0.5,
      wrote: true,
      inferred: [
        { path: 'a.txt', fields: ['title', 'type'] },
        { path: 'b.txt', fields: ['title', 'type'] },
      ],
      procedures: [],
      ocr: [],
    });
    expect(text.split('\n')).toEqual([
      'documents: 2 added, 0 updated, 1 unchanged, 1 removed, 1 failed',
      'chunks: 12 · 0.50 s · index written',
      'FAILED e.pdf [E_SOURCE_UNREADABLE] Invalid PDF structure.',
      'skipped f.jpg: unsupported format',
      'inferred title, type: a.txt, b.txt',
    ]);
  });
});
