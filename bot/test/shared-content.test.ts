/**
 * One question log, feedback and curated answers for all instances: two service instances (real apps from
 * buildApp and the real web runtime, on real sockets) share one PostgreSQL database, each with its own DATA_DIR.
 * What one console or chat page writes, the other instance reads and serves.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from './postgres.ts';
import { startSharedInstances, type SharedInstances } from './shared-instances.ts';

const ADMIN_TOKEN = 'shared-content-admin-token-0123';

interface Reply {
  status: number;
  json: Record<string, unknown> & { code?: string };
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Reply['json']) : {} };
}

type ConsoleQuestion = { id: number; question: string; rating: number; comments: string[] };
async function consoleQuestions(base: string): Promise<ConsoleQuestion[]> {
  const { json } = await call(base, 'GET', '/admin/api/questions');
  return (json.groups as Array<{ questions: ConsoleQuestion[] }>).flatMap((g) => g.questions);
}

describe('two instances sharing one question log, feedback and curated answers', { timeout: 300_000 }, () => {
  let shared: SharedInstances;
  let db: TestDatabase;
  let a: string;
  let b: string;

  beforeAll(async () => {
    shared = await startSharedInstances('hoidap-shared-content-', ADMIN_TOKEN);
    ({ a, b, db } = shared);
  });

  afterAll(async () => {
    await shared?.close();
  });

  it("lists a question asked on A in B's console, and records 👎 given through B against it", async () => {
    const asked = await call(a, 'POST', '/api/ask', {
      question: 'le phi cap ho chieu, goi 0912 345 678',
      sessionId: 't1',
    });
    const questionId = asked.json.questionId as number;
    expect(questionId).toBeGreaterThan(0);
    const onB = (await consoleQuestions(b)).find((q) => q.id === questionId);
    expect(onB?.question).toBe('le phi cap ho chieu, goi **** *** ***');

    const feedback = await call(b, 'POST', '/api/feedback', { questionId, rating: 'down', comment: 'thieu le phi' });
    expect(feedback.status).toBe(201);
    const onA = (await consoleQuestions(a)).find((q) => q.id === questionId);
    expect([onA?.rating, onA?.comments]).toEqual([-1, ['thieu le phi']]);
  });

  it("serves a curated answer saved through A's console from B", async () => {
    const saved = await call(a, 'POST', '/admin/api/curated', {
      question: 'Làm căn cước mất bao lâu?',
      variants: ['lam cccd bao lau co'],
      answer: 'Câu trả lời đã duyệt trên máy A.',
      citations: [{ documentId: 'procedures/the-can-cuoc', section: 'Thời hạn' }],
    });
    expect(saved.status).toBe(201);
    const reply = (await call(b, 'POST', '/api/ask', { question: 'LAM CCCD bao lâu có???', sessionId: 't2' })).json;
    expect([reply.mode, (reply.curated as { id: number } | null)?.id, reply.answer]).toEqual([
      'curated',
      saved.json.id,
      'Câu trả lời đã duyệt trên máy A.',
    ]);
  });

  it('answers a console save whose database connection drops with a coded 500, and keeps nothing of it', async () => {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      // The server drops the saving connection after the answer row is written, before its phrasings are.
      await admin.query(`CREATE FUNCTION drop_me() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$`);
      await admin.query(`CREATE TRIGGER drop_me BEFORE INSERT ON curated_keys FOR EACH ROW EXECUTE FUNCTION drop_me()`);
      const failed = await call(a, 'POST', '/admin/api/curated', {
        question: 'Đăng ký kết hôn ở đâu?',
        answer: 'Không được lưu.',
        citations: [{ documentId: 'procedures/dang-ky-ket-hon' }],
      });
      expect([failed.status, failed.json.code]).toEqual([500, 'E_DB_UNREACHABLE']);
    } finally {
      await admin.query('DROP TRIGGER IF EXISTS drop_me ON curated_keys');
      await admin.end();
    }
    const listed = (await call(b, 'GET', '/admin/api/curated')).json.curated as Array<{ answer: string }>;
    expect(listed.map((c) => c.answer)).not.toContain('Không được lưu.');
    const reply = (await call(b, 'POST', '/api/ask', { question: 'Đăng ký kết hôn ở đâu?', sessionId: 't3' })).json;
    expect(reply.mode).not.toBe('curated');
  });
});
