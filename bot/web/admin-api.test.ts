/**
 * The console's HTTP API over a real socket (web/test/server.ts: real index in a temp folder, real SQLite):
 * authentication, upload checks, metadata edits, withdrawal, curated answers, questions and CSV.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_DOCX, UPLOAD_FACT, factDocx } from './test/fixtures.ts';
import { TEST_ADMIN_TOKEN, startTestServer, type TestServer } from './test/server.ts';

const LIMIT = 256 * 1024;
let server: TestServer;
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

async function call(
  method: string,
  path: string,
  opts: { body?: unknown; bytes?: Buffer; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...auth, ...opts.headers };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (opts.bytes) [headers['content-type'], body] = ['application/octet-stream', Uint8Array.from(opts.bytes)];
  else if (opts.body !== undefined) [headers['content-type'], body] = ['application/json', JSON.stringify(opts.body)];
  const res = await fetch(server.url + path, { method, headers, body });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
  };
}
const ask = async (question: string, sessionId = 's1') =>
  (await call('POST', '/api/ask', { body: { question, sessionId } })).json;

beforeAll(async () => {
  server = await startTestServer({ uploadLimitBytes: LIMIT });
});
afterAll(async () => server?.close());

describe('console authentication', () => {
  it('answers 401 to every console path without the token, including unknown ones', async () => {
    for (const path of [
      '/admin',
      '/admin/api/documents',
      '/admin/api/questions.csv',
      '/admin/api/openapi.json',
      '/admin/nothing-here',
    ]) {
      const res = await call('GET', path, { headers: { authorization: '' } });
      expect(res.status, path).toBe(401);
    }
    expect(
      (await call('GET', '/admin/api/documents', { headers: { authorization: 'Bearer not-the-token-0000' } })).json
        .code,
    ).toBe('E_UNAUTHORIZED');
  });

  it('trades the right token for an HttpOnly session cookie and refuses a wrong one', async () => {
    expect(
      (await call('POST', '/admin/login', { body: { token: 'nope' }, headers: { authorization: '' } })).status,
    ).toBe(401);
    const res = await fetch(`${server.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hoidap_admin=[^;]+; Max-Age=43200; Path=\/admin; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(TEST_ADMIN_TOKEN);
    const page = await fetch(`${server.url}/admin`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
  });

  it('serves the OpenAPI description, generated from the route schemas, of every console operation', async () => {
    const doc = (await call('GET', '/admin/api/openapi.json')).json;
    const ops = [
      '/documents',
      '/documents/{id}',
      '/documents/{id}/file',
      '/reindex',
      '/search',
      '/questions',
      '/questions.csv',
      '/curated',
    ];
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(ops.map((p) => `/admin/api${p}`)));
    expect(doc.paths['/admin/api/search'].post.requestBody.content['application/json'].schema.required).toEqual([
      'query',
    ]);
  });
});

describe('uploads', () => {
  it('rejects a file over the size limit with 413 and a renamed binary with 415', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(LIMIT + 10, 0x20)]);
    expect((await call('POST', '/admin/api/documents?filename=big.pdf', { bytes: big })).json.code).toBe(
      'E_UPLOAD_TOO_LARGE',
    );
    const exe = await call('POST', '/admin/api/documents?filename=virus.pdf', {
      bytes: Buffer.from('MZ\x90\x00 not a pdf'),
    });
    expect([exe.status, exe.json.code]).toEqual([415, 'E_UPLOAD_TYPE']);
    expect((await call('POST', '/admin/api/documents?filename=tool.exe', { bytes: Buffer.from('MZ') })).json.code).toBe(
      'E_UPLOAD_TYPE',
    );
  });

  it('answers 422 with the parser code for a broken DOCX and writes nothing', async () => {
    const current = await readFile(join(server.indexDir, 'CURRENT'), 'utf8');
    const res = await call('POST', '/admin/api/documents?filename=hong.docx', { bytes: BROKEN_DOCX });
    expect([res.status, res.json.code, res.json.detail]).toEqual([422, 'E_UPLOAD_UNREADABLE', 'E_SOURCE_UNREADABLE']);
    expect(res.json.message).not.toContain(server.dir);
    expect(await readdir(join(server.sourcesDir, 'guides'))).not.toContain('hong.docx');
    expect(await readFile(join(server.indexDir, 'CURRENT'), 'utf8')).toBe(current);
    expect(server.runtime.reindexer.status().runs).toBe(0);
  });

  it('accepts an upload larger than the service-wide 64 KB body limit but within its own limit', async () => {
    const paragraphs = Array.from(
      { length: 900 },
      (_, i) => `Đoạn ${i}: nội dung hướng dẫn dài để thử giới hạn kích thước tệp tải lên.`,
    ).join('\n\n');
    const bytes = Buffer.from(`# Hướng dẫn dài\n\n## Phần một\n\n${paragraphs}\n`);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const res = await call('POST', '/admin/api/documents?filename=huong-dan-dai.md', { bytes });
    expect([res.status, res.json.document?.id]).toEqual([202, 'guides/huong-dan-dai']);
    await server.runtime.reindexer.idle();
    expect(server.runtime.holder.live().document('guides/huong-dan-dai')).toBeDefined();
  });

  it('rejects an invalid procedure sheet with the sheet code', async () => {
    const res = await call('POST', '/admin/api/documents?filename=thu-tuc.yaml', {
      bytes: Buffer.from('name: Thủ tục thử\nfee: 5\n'),
    });
    expect([res.status, res.json.code, res.json.detail]).toEqual([422, 'E_UPLOAD_UNREADABLE', 'E_SHEET_INVALID']);
  });

  it('indexes an uploaded DOCX, refuses a second upload of the same name, and replaces it on request', async () => {
    const added = await call('POST', '/admin/api/documents?filename=the-thu-vien.docx&folder=guides', {
      bytes: await factDocx(),
    });
    expect([added.status, added.json.document.id]).toEqual([202, 'guides/the-thu-vien']);
    await server.runtime.reindexer.idle();
    expect((await ask(UPLOAD_FACT.question)).citations.map((c: { documentId: string }) => c.documentId)).toContain(
      'guides/the-thu-vien',
    );
    const again = await call('POST', '/admin/api/documents?filename=the-thu-vien.docx&folder=guides', {
      bytes: await factDocx(),
    });
    expect([again.status, again.json.code]).toEqual([409, 'E_DOCUMENT_EXISTS']);
    const md = Buffer.from(
      `# ${UPLOAD_FACT.title}\n\n## ${UPLOAD_FACT.section}\n\nHồ sơ đăng ký thẻ thư viện số thử nghiệm gồm mẫu đơn TV-43.\n`,
    );
    const replaced = await call(
      'PUT',
      `/admin/api/documents/${encodeURIComponent('guides/the-thu-vien')}/file?filename=moi.md`,
      { bytes: md },
    );
    expect(replaced.status).toBe(202);
    await server.runtime.reindexer.idle();
    expect(await readdir(join(server.sourcesDir, 'guides'))).toEqual(expect.arrayContaining(['the-thu-vien.md']));
    expect(await readdir(join(server.sourcesDir, 'guides'))).not.toContain('the-thu-vien.docx');
    expect((await ask(UPLOAD_FACT.question, 's2')).answer).toContain('TV-43');
  });
});

describe('document metadata and withdrawal', () => {
  it('writes edited metadata to the sidecar and shows it after the re-index', async () => {
    const bad = await call('PATCH', `/admin/api/documents/${encodeURIComponent('guides/the-thu-vien')}`, {
      body: { issueDate: '27/11/2026' },
    });
    expect([bad.status, bad.json.code]).toEqual([400, 'E_BAD_REQUEST']);
    const ok = await call('PATCH', `/admin/api/documents/${encodeURIComponent('guides/the-thu-vien')}`, {
      body: { number: '99/HD-TEST', supersededBy: '100/HD-TEST' },
    });
    expect(ok.status).toBe(202);
    await server.runtime.reindexer.idle();
    const docs = (await call('GET', '/admin/api/documents')).json.documents as Array<{
      id: string;
      number: string;
      status: string;
      lastIndexed: string | null;
    }>;
    const doc = docs.find((d) => d.id === 'guides/the-thu-vien');
    expect([doc?.number, doc?.status]).toEqual(['99/HD-TEST', 'superseded']);
    expect(doc?.lastIndexed).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await readFile(join(server.sourcesDir, 'guides', 'the-thu-vien.md.meta.yaml'), 'utf8')).toContain(
      'number: 99/HD-TEST',
    );
  });

  it('stops citing a withdrawn document at once and keeps the file in DATA_DIR/withdrawn', async () => {
    const res = await call('DELETE', `/admin/api/documents/${encodeURIComponent('guides/the-thu-vien')}`);
    expect(res.status).toBe(202);
    const hits = await server.runtime.holder.current().search(UPLOAD_FACT.question, { k: 20 });
    expect(hits.map((h) => h.document.id)).not.toContain('guides/the-thu-vien');
    await server.runtime.reindexer.idle();
    expect(server.runtime.holder.live().document('guides/the-thu-vien')).toBeUndefined();
    expect(server.runtime.holder.withdrawn()).toEqual([]);
    const stamps = await readdir(join(server.dir, 'data', 'withdrawn'));
    expect(await readdir(join(server.dir, 'data', 'withdrawn', stamps[0]!, 'guides'))).toEqual([
      'the-thu-vien.md',
      'the-thu-vien.md.meta.yaml',
    ]);
    expect((await call('DELETE', `/admin/api/documents/${encodeURIComponent('guides/the-thu-vien')}`)).json.code).toBe(
      'E_NOT_FOUND',
    );
  });
});

describe('curated answers, questions and feedback', () => {
  it('serves a curated answer before the composed one, marked curated, for any listed phrasing', async () => {
    const created = await call('POST', '/admin/api/curated', {
      body: {
        question: 'Làm căn cước mất bao lâu?',
        variants: ['lam cccd bao lau co'],
        answer: 'Câu trả lời đã duyệt của tổ nội dung.',
        citations: [{ documentId: 'procedures/the-can-cuoc', section: 'Thời hạn' }],
      },
    });
    expect(created.status).toBe(201);
    const reply = await ask('LAM CCCD bao lâu có???', 's3');
    expect([reply.mode, reply.curated.id, reply.answer]).toEqual([
      'curated',
      created.json.id,
      'Câu trả lời đã duyệt của tổ nội dung.',
    ]);
    expect(reply.citations[0]).toMatchObject({ n: 1, documentId: 'procedures/the-can-cuoc' });
    expect(reply.citations[0].section).toContain('Thời hạn');
    expect((await ask('lam cccd can giay to gi', 's4')).curated).toBeNull();
    const unknown = await call('POST', '/admin/api/curated', {
      body: { question: 'abc def', answer: 'x', citations: [{ documentId: 'guides/khong-co' }] },
    });
    expect([unknown.status, unknown.json.code]).toEqual([422, 'E_CITATION_UNKNOWN']);
  });

  it('groups questions by topic with refused ones first, masks ID numbers, and exports CSV', async () => {
    await ask('so cccd cua toi la 079123456789, thoi tiet mai the nao?', 's5');
    const { groups } = (await call('GET', '/admin/api/questions')).json as {
      groups: Array<{
        topic: string;
        attention: number;
        questions: Array<{ id: number; refused: boolean; question: string }>;
      }>;
    };
    expect(groups[0]!.attention).toBeGreaterThan(0);
    expect(groups[0]!.questions[0]!.refused).toBe(true);
    expect(groups[0]!.questions[0]!.question).toBe('so cccd cua toi la ************, thoi tiet mai the nao?');
    const id = groups[0]!.questions[0]!.id;
    const marked = await call('PATCH', `/admin/api/questions/${id}`, {
      body: { status: 'needs_document', assignee: 'Chị Lan' },
    });
    expect([marked.json.status, marked.json.assignee]).toEqual(['needs_document', 'Chị Lan']);
    expect((await call('GET', '/admin/api/questions?status=needs_document')).json.total).toBe(1);
    const csv = await call('GET', '/admin/api/questions.csv');
    expect(csv.text.startsWith('id,thoi_gian,kenh,chu_de,cau_hoi')).toBe(true);
    const raw = Buffer.from(
      await (await fetch(`${server.url}/admin/api/questions.csv`, { headers: auth })).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for Vietnamese
    expect(csv.text).toContain('Chị Lan');
    expect(csv.text).not.toContain('079123456789');
  });

  it('accepts 👍/👎 for a known question and answers 404 for an unknown id', async () => {
    const reply = await ask('dang ky khai sinh o dau', 's6');
    expect((await call('POST', '/api/feedback', { body: { questionId: reply.questionId, rating: 'up' } })).status).toBe(
      201,
    );
    const missing = await call('POST', '/api/feedback', { body: { questionId: 999999, rating: 'down' } });
    expect([missing.status, missing.json.code]).toEqual([404, 'E_NOT_FOUND']);
    expect((await call('POST', '/api/feedback', { body: { rating: 'meh' } })).json.code).toBe('E_BAD_REQUEST');
  });

  it('explains retrieval hits with scores and the fields the terms matched', async () => {
    const { hits } = (await call('POST', '/admin/api/search', { body: { query: 'le phi dang ky ket hon' } })).json;
    expect(hits[0].documentId).toBe('procedures/dang-ky-ket-hon');
    expect(hits[0].score).toBeGreaterThan(0);
    expect([...hits[0].matchedIn.title, ...hits[0].matchedIn.text].length).toBeGreaterThan(0);
  });
});
