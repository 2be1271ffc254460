/**
 * The ingest and search programs as real child processes: exit codes, --json output, a corrupt
 * source among good ones, and a SIGKILL in the middle of writing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { KnowledgeBase } from '../knowledge/index.ts';
import type { IngestReport } from './index.ts';
import {
  FIXTURES,
  PLAN_FILE,
  PLAN_NAME,
  copyInto,
  readCurrent,
  runCli,
  spawnCli,
  tempWorkspace,
  testEmbedder,
  writeText,
} from './test-support.ts';

let ws: Awaited<ReturnType<typeof tempWorkspace>>;
beforeEach(async () => {
  ws = await tempWorkspace();
});
afterEach(() => ws.cleanup());

// Child processes load tsx, LangChain and the loaders from scratch; on a busy 2-core machine that is slow.
const SLOW = { timeout: 240_000 };

const dirs = () => ['--sources', ws.sources, '--index', ws.index];

describe('npm run ingest', SLOW, () => {
  it('indexes the good files, names the corrupt PDF with its code, exits 1, and leaves a loadable index', async () => {
    await copyInto(ws.sources, join(FIXTURES, 'front-matter.md'), 'guides/nop-truc-tuyen.md');
    await copyInto(ws.sources, join(FIXTURES, 'three-pages.pdf'), 'guides/ba-trang.pdf');
    const first = await runCli('ingest-cli.ts', ['--json', ...dirs()]);
    expect(first.code).toBe(0);
    const before = await readCurrent(ws.index);

    await copyInto(ws.sources, join(FIXTURES, 'corrupt.pdf'), 'plans/hong.pdf');
    await copyInto(ws.sources, join(FIXTURES, 'nav-and-footer.html'), 'guides/can-cuoc.html');
    const run = await runCli('ingest-cli.ts', ['--json', ...dirs()]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as IngestReport;
    expect(report.failed).toEqual([
      { path: 'plans/hong.pdf', code: 'E_SOURCE_UNREADABLE', reason: expect.stringContaining('hong.pdf') },
    ]);
    expect(report.added).toEqual(['guides/can-cuoc.html']);
    expect(report.unchanged.sort()).toEqual(['guides/ba-trang.pdf', 'guides/nop-truc-tuyen.md']);
    expect(await readCurrent(ws.index)).not.toBe(before);

    const kb = await KnowledgeBase.open(ws.index, { embedder: testEmbedder() });
    expect(
      kb
        .documents()
        .map((d) => d.id)
        .sort(),
    ).toEqual(['guides/ba-trang', 'guides/can-cuoc', 'guides/nop-truc-tuyen']);
  });

  it('prints a readable summary with failures and inferred metadata when not --json', async () => {
    await copyInto(ws.sources, PLAN_FILE, `plans/${PLAN_NAME}`);
    await copyInto(ws.sources, join(FIXTURES, 'corrupt.pdf'), 'plans/hong.pdf');
    const run = await runCli('ingest-cli.ts', dirs());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('documents: 1 added, 0 updated, 0 unchanged, 0 removed, 1 failed');
    expect(run.stdout).toContain('FAILED plans/hong.pdf [E_SOURCE_UNREADABLE]');
    expect(run.stdout).toContain(`inferred issueDate, issuer, number, title, type: plans/${PLAN_NAME}`);
    expect(run.stderr).not.toContain('█'); // no progress bar when stderr is not a terminal
  });

  it('exits 2 with the usage on an unknown option', async () => {
    const run = await runCli('ingest-cli.ts', ['--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run ingest');
  });

  it('exits 2 and names the variable when the configuration is invalid', async () => {
    const run = await runCli('ingest-cli.ts', dirs(), {
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_API_KEY: 'sk-secret-value',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('E_CONFIG_INVALID');
    expect(run.stderr).toContain('EMBEDDINGS_BASE_URL');
    expect(run.stderr).not.toContain('sk-secret-value');
  });

  it('leaves the old index live and searchable when killed while writing the new one', async () => {
    await copyInto(ws.sources, PLAN_FILE, `plans/${PLAN_NAME}`);
    expect((await runCli('ingest-cli.ts', dirs())).code).toBe(0);
    const before = await readCurrent(ws.index);
    await writeBulkCorpus(join(ws.sources, 'bulk'), 60);

    const child = spawnCli('ingest-cli.ts', dirs());
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let finished = false;
    void exited.then(() => (finished = true));
    // Poll until the writer has started the new version folder, then kill without warning.
    while (!finished && !(await readdir(ws.index)).some((e) => e.startsWith('.building-'))) await sleep(5);
    expect(finished, 'ingest finished before the new version folder was seen').toBe(false);
    child.kill('SIGKILL');
    await exited;

    expect(await readCurrent(ws.index)).toBe(before);
    const kb = await KnowledgeBase.open(ws.index, { embedder: testEmbedder() });
    expect(kb.documents().map((d) => d.id)).toEqual(['plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai']);
    const hits = await kb.search('ty le ho so giai quyet truc tuyen cap xa', { k: 1 });
    expect(hits[0]!.chunk.text).toContain('30% tại cấp xã');
  });
});

describe('npm run search', SLOW, () => {
  it('builds a missing index, then prints exactly one JSON object with the II.2.2 chunk first', async () => {
    await copyInto(ws.sources, PLAN_FILE, `plans/${PLAN_NAME}`);
    const run = await runCli('search-cli.ts', [
      '--json',
      '--k',
      '3',
      ...dirs(),
      'ty le ho so giai quyet truc tuyen cap xa',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { results: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(['results']);
    expect(out.results).toHaveLength(3);
    expect(Object.keys(out.results[0]!).sort()).toEqual([
      'documentId',
      'number',
      'page',
      'score',
      'section',
      'text',
      'title',
    ]);
    expect(out.results[0]).toMatchObject({
      documentId: 'plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai',
      number: '53/KH-UBND',
      section: 'II. MỤC TIÊU > 2. Mục tiêu cụ thể > 2.2. Chính quyền số',
      page: null,
      text: expect.stringContaining('80% tại cấp sở, 40% tại cấp huyện và 30% tại cấp xã'),
    });
    expect(run.stderr).toContain('1 added'); // the build is reported on stderr, never mixed into the JSON
  });

  it('prints ranked chunks with document number, section and excerpt', async () => {
    await copyInto(ws.sources, PLAN_FILE, `plans/${PLAN_NAME}`);
    const run = await runCli('search-cli.ts', ['--k', '2', ...dirs(), 'Tỷ lệ hồ sơ giải quyết trực tuyến cấp xã']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1\. \[\d\.\d{3}\] 53\/KH-UBND · /);
    expect(run.stdout).toContain('II. MỤC TIÊU > 2. Mục tiêu cụ thể > 2.2. Chính quyền số');
    expect(run.stdout).toContain('\n2. [');
  });

  it('exits 2 on a missing query or a bad --k', async () => {
    const noQuery = await runCli('search-cli.ts', ['--json', ...dirs()]);
    expect(noQuery.code).toBe(2);
    expect(noQuery.stderr).toContain('missing the query');
    const badK = await runCli('search-cli.ts', ['--k', 'zero', ...dirs(), 'lệ phí']);
    expect(badK.code).toBe(2);
    expect(badK.stderr).toContain('--k must be');
    expect(badK.stdout).toBe('');
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Enough plain-text documents that writing the index takes a noticeable while. */
async function writeBulkCorpus(dir: string, count: number): Promise<void> {
  const words =
    'thủ tục hành chính dịch vụ công trực tuyến hồ sơ giải quyết cấp xã huyện tỉnh người dân doanh nghiệp chuyển đổi số nền tảng dữ liệu'.split(
      ' ',
    );
  for (let d = 0; d < count; d++) {
    const lines: string[] = [];
    for (let s = 1; s <= 20; s++) {
      lines.push(`${s}. Mục ${d}-${s}`);
      for (let b = 0; b < 6; b++)
        lines.push(
          `- ${Array.from({ length: 40 }, (_, i) => words[(d * 7 + s * 13 + b * 3 + i * i) % words.length]).join(' ')}.`,
        );
      lines.push('');
    }
    await writeText(join(dir, `tai-lieu-${String(d).padStart(3, '0')}.txt`), lines.join('\n'));
  }
}
