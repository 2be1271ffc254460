/**
 * One web-store contract, two engines: every case runs against SQLite (DATA_DIR/web.sqlite in a temp folder)
 * and PostgreSQL (a fresh database per test). Two "instances" on PostgreSQL are two stores on one database.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { CuratedCitation, QuestionRecord, WebStore } from '../runtime/index.ts';
import { PostgresWebStore, SqliteWebStore } from '../storage/index.ts';
import { tempDir } from './helpers.ts';
import { freshDatabase, type TestDatabase } from './postgres.ts';

interface Engine {
  name: 'sqlite' | 'postgres';
  /** Opens a store on this engine's one database, with its own clock. */
  open(now?: () => Date): Promise<WebStore>;
  url(): string | null;
}

const opened: WebStore[] = [];
const databases: TestDatabase[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of databases.splice(0)) await d.drop();
});

function sqliteEngine(): Engine {
  let dir: string | null = null;
  return {
    name: 'sqlite',
    async open(now) {
      dir ??= await tempDir('hoidap-webstore-');
      const s = SqliteWebStore.open(dir, { now });
      opened.push(s);
      return s;
    },
    url: () => null,
  };
}

function postgresEngine(): Engine {
  let db: TestDatabase | null = null;
  return {
    name: 'postgres',
    async open(now) {
      if (!db) {
        db = await freshDatabase();
        databases.push(db);
      }
      const s = await PostgresWebStore.open(db.url, { now });
      opened.push(s);
      return s;
    },
    url: () => db?.url ?? null,
  };
}

const base: QuestionRecord = {
  channel: 'api',
  session: null,
  question: 'q',
  answer: 'a',
  refused: false,
  mode: 'extractive',
  topicDocumentId: null,
  topic: 'T',
  citedDocuments: [],
  curatedId: null,
};
const cite: CuratedCitation[] = [
  { n: 1, documentId: 'd', title: 't', number: null, section: 's', page: null, text: 'x' },
];
const clockAt = (iso: string) => {
  const c = { t: Date.parse(iso), now: () => new Date(c.t) };
  return c;
};

describe.each([
  ['sqlite', sqliteEngine],
  ['postgres', postgresEngine],
] as const)('web store contract on %s', (_name, make) => {
  it('lists refused and 👎 questions before newer answered ones', async () => {
    const store = await make().open();
    const refused = await store.recordQuestion({ ...base, question: 'refused', refused: true });
    const disliked = await store.recordQuestion({ ...base, question: 'disliked' });
    const newest = await store.recordQuestion({ ...base, question: 'newest' });
    await store.addFeedback({ questionId: disliked, session: null, rating: -1, comment: null, question: null });
    await store.addFeedback({ questionId: newest, session: null, rating: 1, comment: null, question: null });
    expect((await store.listQuestions()).map((q) => q.id)).toEqual([disliked, refused, newest]);
    expect((await store.question(refused))?.refused).toBe(true);
  });

  it('masks phone and ID numbers in questions, answers, comments and notes before storing them', async () => {
    const store = await make().open();
    const id = await store.recordQuestion({
      ...base,
      question: 'toi la 0912 345 678',
      answer: 'goi lai 0912345678',
      citedDocuments: ['a', 'b'],
    });
    await store.addFeedback({ questionId: id, session: 's', rating: -1, comment: 'cccd 079123456789', question: null });
    await store.updateQuestion(id, { note: 'da goi 0987.654.321' });
    const row = await store.question(id);
    expect(row).toMatchObject({
      question: 'toi la **** *** ***',
      answer: 'goi lai **********',
      comments: ['cccd ************'],
      note: 'da goi ****.***.***',
      citedDocuments: ['a', 'b'],
      rating: -1,
    });
  });

  it('refuses feedback for an unknown question with E_NOT_FOUND, and keeps feedback that only names the question', async () => {
    const store = await make().open();
    await expect(
      store.addFeedback({ questionId: 999, session: null, rating: 1, comment: null, question: null }),
    ).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    const id = await store.addFeedback({ questionId: null, session: 's', rating: -1, comment: null, question: 'q?' });
    expect(id).toBeGreaterThan(0);
  });

  it('changes only the fields a patch names, filters the list by status, and answers E_NOT_FOUND for an unknown id', async () => {
    const store = await make().open();
    const a = await store.recordQuestion({ ...base, question: 'a' });
    await store.recordQuestion({ ...base, question: 'b' });
    await store.updateQuestion(a, { status: 'assigned', assignee: 'Lan', note: 'xem lai' });
    const row = await store.updateQuestion(a, { status: 'resolved' });
    expect([row.status, row.assignee, row.note]).toEqual(['resolved', 'Lan', 'xem lai']);
    expect((await store.updateQuestion(a, { assignee: null })).assignee).toBeNull();
    expect((await store.listQuestions({ status: 'resolved' })).map((q) => q.question)).toEqual(['a']);
    expect((await store.listQuestions({ status: 'open' })).map((q) => q.question)).toEqual(['b']);
    await expect(store.updateQuestion(12345, { status: 'resolved' })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('keeps curated phrasings unique across answers and finds an answer by any of them', async () => {
    const store = await make().open();
    const a = await store.curated.save({
      question: 'Lệ phí làm căn cước?',
      variants: ['phi lam cccd'],
      answer: 'A',
      citations: cite,
    });
    expect((await store.curated.find('PHÍ làm CCCD'))?.id).toBe(a.id);
    await expect(
      store.curated.save({ question: 'le phi lam can cuoc', variants: [], answer: 'B', citations: cite }),
    ).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    expect((await store.curated.list()).map((c) => c.answer)).toEqual(['A']);
    expect(await store.curated.remove(a.id)).toBe(true);
    expect(await store.curated.remove(a.id)).toBe(false);
    expect(await store.curated.find('phi lam cccd')).toBeUndefined();
  });

  it('replaces a curated answer with its new phrasings only, and writes nothing when a new phrasing is taken', async () => {
    const store = await make().open();
    const a = await store.curated.save({
      question: 'cap ho chieu',
      variants: ['lam ho chieu'],
      answer: 'A',
      citations: cite,
    });
    const b = await store.curated.save({ question: 'dang ky ket hon', variants: [], answer: 'B', citations: cite });
    const edited = await store.curated.save(
      { question: 'cap ho chieu', variants: ['xin ho chieu'], answer: 'A2', citations: cite },
      a.id,
    );
    expect([edited.id, edited.answer, edited.variants]).toEqual([a.id, 'A2', ['xin ho chieu']]);
    expect(await store.curated.find('lam ho chieu')).toBeUndefined();
    expect((await store.curated.find('xin ho chieu'))?.answer).toBe('A2');
    await expect(
      store.curated.save(
        { question: 'cap ho chieu', variants: ['dang ky ket hon'], answer: 'A3', citations: cite },
        a.id,
      ),
    ).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    expect((await store.curated.get(a.id))?.answer).toBe('A2');
    expect((await store.curated.find('xin ho chieu'))?.id).toBe(a.id);
    expect((await store.curated.find('dang ky ket hon'))?.id).toBe(b.id);
    await expect(
      store.curated.save({ question: 'khac', variants: [], answer: 'C', citations: cite }, 777),
    ).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('notes a document as indexed again only when its content changed', async () => {
    const clock = clockAt('2026-01-01T00:00:00Z');
    const store = await make().open(clock.now);
    await store.noteIndexed([
      { id: 'a', contentHash: 'h1' },
      { id: 'b', contentHash: 'h1' },
    ]);
    clock.t += 60_000;
    await store.noteIndexed([{ id: 'a', contentHash: 'h1' }]);
    expect(await store.indexedAt('a')).toBe('2026-01-01T00:00:00.000Z');
    await store.noteIndexed([{ id: 'a', contentHash: 'h2' }]);
    expect(await store.indexedAt('a')).toBe('2026-01-01T00:01:00.000Z');
    expect(await store.indexedAt('none')).toBeNull();
    expect(Object.fromEntries(await store.indexedTimes())).toEqual({
      a: '2026-01-01T00:01:00.000Z',
      b: '2026-01-01T00:00:00.000Z',
    });
  });

  it('purges questions and feedback older than the cut-off, keeping newer ones and every curated answer', async () => {
    const day = 86_400_000;
    const clock = clockAt('2026-06-01T00:00:00Z');
    const engine = make();
    const store = await engine.open(clock.now);
    const old = await store.recordQuestion({ ...base, question: 'cũ' });
    await store.addFeedback({ questionId: old, session: null, rating: -1, comment: 'tệ', question: null });
    await store.curated.save({ question: 'giu lai', variants: [], answer: 'A', citations: cite });
    clock.t += 100 * day;
    const fresh = await store.recordQuestion({ ...base, question: 'mới' });
    await store.addFeedback({ questionId: fresh, session: null, rating: 1, comment: null, question: null });
    expect(await store.purge(clock.t - 90 * day)).toEqual({ questions: 1, feedback: 1 });
    expect((await store.listQuestions()).map((q) => [q.question, q.rating])).toEqual([['mới', 1]]);
    expect(await store.curated.list()).toHaveLength(1);
  });
});

describe('web store on PostgreSQL shared by two instances', () => {
  it('shows each instance the questions, feedback and curated answers the other wrote', async () => {
    const engine = postgresEngine();
    const a = await engine.open();
    const b = await engine.open();
    const id = await a.recordQuestion({ ...base, question: 'hoi tren A' });
    await b.addFeedback({ questionId: id, session: null, rating: -1, comment: 'chua dung', question: null });
    expect(await b.question(id)).toMatchObject({ question: 'hoi tren A', rating: -1, comments: ['chua dung'] });
    const saved = await b.curated.save({ question: 'le phi ho chieu', variants: [], answer: 'B', citations: cite });
    expect((await a.curated.find('Lệ phí hộ chiếu?'))?.id).toBe(saved.id);
  });

  it('lets exactly one of two instances saving the same phrasing at once keep it', async () => {
    const engine = postgresEngine();
    const a = await engine.open();
    const b = await engine.open();
    const results = await Promise.allSettled([
      a.curated.save({ question: 'lam cccd', variants: ['can cuoc'], answer: 'A', citations: cite }),
      b.curated.save({ question: 'lam cccd', variants: ['the can cuoc'], answer: 'B', citations: cite }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      code: 'E_BAD_REQUEST',
    });
    expect(await a.curated.list()).toHaveLength(1);
  });

  it('rolls back a curated save whose connection dies half-way and reports E_DB_UNREACHABLE', async () => {
    const engine = postgresEngine();
    const store = await engine.open();
    // The server drops this connection after the answer row is written, before its phrasing keys are.
    const admin = new pg.Client({ connectionString: engine.url()! });
    await admin.connect();
    await admin.query(`CREATE FUNCTION drop_me() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$`);
    await admin.query(`CREATE TRIGGER drop_me BEFORE INSERT ON curated_keys FOR EACH ROW EXECUTE FUNCTION drop_me()`);
    await expect(
      store.curated.save({ question: 'cap ho chieu', variants: [], answer: 'A', citations: cite }),
    ).rejects.toMatchObject({ code: 'E_DB_UNREACHABLE' });
    await admin.query('DROP TRIGGER drop_me ON curated_keys');
    await admin.end();
    expect(await store.curated.list()).toEqual([]);
    // The pool replaced the dead connection: the next save goes through.
    await store.curated.save({ question: 'cap ho chieu', variants: [], answer: 'A', citations: cite });
    expect((await store.curated.find('cap ho chieu'))?.answer).toBe('A');
  });

  it('reports an unreachable server with E_DB_UNREACHABLE at open', async () => {
    await expect(PostgresWebStore.open('postgres://postgres@127.0.0.1:1/none')).rejects.toMatchObject({
      code: 'E_DB_UNREACHABLE',
    });
  });
});

describe('web store on SQLite', () => {
  it('keeps web.sqlite readable by its owner only', async () => {
    const dir = await tempDir('hoidap-webstore-');
    const store = SqliteWebStore.open(dir);
    opened.push(store);
    await store.recordQuestion(base);
    for (const f of ['web.sqlite', 'web.sqlite-wal'])
      expect({ f, mode: fs.statSync(path.join(dir, f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
  });

  it('turns a failing statement into E_STORE', async () => {
    const store = SqliteWebStore.open(await tempDir('hoidap-webstore-'));
    store.db.exec('DROP TABLE feedback');
    await expect(store.listQuestions()).rejects.toMatchObject({ code: 'E_STORE' });
    await store.close();
  });
});
