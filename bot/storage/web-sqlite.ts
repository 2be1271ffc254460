/**
 * The SQLite web store (DATA_DIR/web.sqlite, the default for one instance): the question log, feedback, curated
 * answers and indexed-at notes. One writer (this process); WAL so the console reads while the chat writes. The
 * schema is the one web.sqlite always had (CREATE IF NOT EXISTS), so existing files open unchanged.
 * better-sqlite3 is synchronous: each method runs its statements in one transaction and returns a promise, so
 * the callers are the same as on PostgreSQL. A failing statement becomes E_STORE.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  WebError,
  applyPatch,
  type FeedbackInput,
  type QuestionPatch,
  type QuestionRecord,
  type QuestionRow,
  type QuestionStatus,
  type WebStore,
} from '../runtime/index.ts';
import { createPrivateFile } from './sqlite.ts';
import { SqliteCuratedAnswers } from './web-sqlite-curated.ts';
import { maskedFeedback, maskedNote, maskedQuestion, toQuestionRow, type Row } from './web-rows.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS questions(
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, channel TEXT NOT NULL, session TEXT, question TEXT NOT NULL, answer TEXT NOT NULL,
  refused INTEGER NOT NULL, mode TEXT NOT NULL, topic_document_id TEXT, topic TEXT, cited TEXT NOT NULL, curated_id INTEGER,
  status TEXT NOT NULL DEFAULT 'open', assignee TEXT, note TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS feedback(
  id INTEGER PRIMARY KEY, question_id INTEGER REFERENCES questions(id), at TEXT NOT NULL, rating INTEGER NOT NULL,
  comment TEXT, session TEXT, question TEXT);
CREATE INDEX IF NOT EXISTS feedback_question ON feedback(question_id);
CREATE TABLE IF NOT EXISTS curated(
  id INTEGER PRIMARY KEY, question TEXT NOT NULL, variants TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS curated_keys(key TEXT PRIMARY KEY, curated_id INTEGER NOT NULL REFERENCES curated(id) ON DELETE CASCADE);
CREATE TABLE IF NOT EXISTS indexed(document_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, indexed_at TEXT NOT NULL);
`;

// Refused and 👎 first, then newest: the content team works from the top.
const LIST_SQL = `
SELECT q.*, COALESCE((SELECT MIN(rating) FROM feedback f WHERE f.question_id = q.id), 0) AS rating,
  (SELECT json_group_array(comment) FROM feedback f WHERE f.question_id = q.id AND comment IS NOT NULL) AS comments
FROM questions q WHERE (? IS NULL OR q.status = ?) AND (? IS NULL OR q.id = ?)
ORDER BY (q.refused = 1 OR rating < 0) DESC, q.id DESC LIMIT ?`;

/** Runs `fn`, turning a SQLite failure into E_STORE (coded errors pass through). */
function guarded<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    if (err instanceof WebError) return Promise.reject(err);
    return Promise.reject(
      new WebError('E_STORE', `web.sqlite failed: ${(err as Error).message}; check DATA_DIR`, { cause: err }),
    );
  }
}

export class SqliteWebStore implements WebStore {
  readonly engine = 'sqlite' as const;
  readonly curated: SqliteCuratedAnswers;

  private constructor(
    readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.curated = new SqliteCuratedAnswers(db, now, guarded);
  }

  /** Opens (creating, mode 0600) DATA_DIR/web.sqlite. Error: E_STORE when the folder is not writable. */
  static open(dataDir: string, opts: { now?: () => Date } = {}): SqliteWebStore {
    const file = join(dataDir, 'web.sqlite');
    try {
      mkdirSync(dataDir, { recursive: true });
      // Questions and feedback are personal data: the file (and its -wal/-shm, which inherit the mode) is 0600.
      createPrivateFile(file);
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.exec(SCHEMA);
      return new SqliteWebStore(db, opts.now ?? (() => new Date()));
    } catch (err) {
      throw new WebError(
        'E_STORE',
        `cannot open ${file}: ${(err as Error).message}; check DATA_DIR permissions and free space`,
        { cause: err },
      );
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  recordQuestion(r: QuestionRecord): Promise<number> {
    return guarded(() => {
      const v = maskedQuestion(r);
      const row = this.db
        .prepare(
          `INSERT INTO questions(at, channel, session, question, answer, refused, mode, topic_document_id, topic, cited, curated_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          this.now().toISOString(),
          v.channel,
          v.session,
          v.question,
          v.answer,
          v.refused ? 1 : 0,
          v.mode,
          v.topicDocumentId,
          v.topic,
          v.cited,
          v.curatedId,
        );
      return Number(row.lastInsertRowid);
    });
  }

  addFeedback(f: FeedbackInput): Promise<number> {
    return guarded(() => {
      if (f.questionId !== null && !this.db.prepare('SELECT 1 FROM questions WHERE id = ?').get(f.questionId)) {
        throw new WebError('E_NOT_FOUND', `no question ${f.questionId}; send the questionId returned with the answer`);
      }
      const m = maskedFeedback(f);
      const row = this.db
        .prepare('INSERT INTO feedback(question_id, at, rating, comment, session, question) VALUES (?, ?, ?, ?, ?, ?)')
        .run(m.questionId, this.now().toISOString(), m.rating, m.comment, m.session, m.question);
      return Number(row.lastInsertRowid);
    });
  }

  listQuestions(opts: { status?: QuestionStatus; limit?: number } = {}): Promise<QuestionRow[]> {
    return guarded(() => this.rows(opts.status ?? null, null, opts.limit ?? 1000));
  }

  question(id: number): Promise<QuestionRow | undefined> {
    return guarded(() => this.rows(null, id, 1)[0]);
  }

  updateQuestion(id: number, patch: QuestionPatch): Promise<QuestionRow> {
    return guarded(() =>
      this.db.transaction(() => {
        const current = this.db.prepare('SELECT status, assignee, note FROM questions WHERE id = ?').get(id) as
          { status: QuestionStatus; assignee: string | null; note: string | null } | undefined;
        if (!current) throw new WebError('E_NOT_FOUND', `no question ${id}`);
        const next = applyPatch(current, patch);
        this.db
          .prepare('UPDATE questions SET status = ?, assignee = ?, note = ?, updated_at = ? WHERE id = ?')
          .run(next.status, next.assignee, maskedNote(next.note), this.now().toISOString(), id);
        return this.rows(null, id, 1)[0]!;
      })(),
    );
  }

  noteIndexed(docs: ReadonlyArray<{ id: string; contentHash: string }>): Promise<void> {
    return guarded(() => {
      const at = this.now().toISOString();
      const upsert = this.db.prepare(`INSERT INTO indexed(document_id, content_hash, indexed_at) VALUES (?, ?, ?)
        ON CONFLICT(document_id) DO UPDATE SET content_hash = excluded.content_hash, indexed_at = excluded.indexed_at
        WHERE indexed.content_hash <> excluded.content_hash`);
      this.db.transaction(() => docs.forEach((d) => upsert.run(d.id, d.contentHash, at)))();
    });
  }

  indexedAt(id: string): Promise<string | null> {
    return guarded(() => {
      const row = this.db.prepare('SELECT indexed_at FROM indexed WHERE document_id = ?').get(id) as
        { indexed_at: string } | undefined;
      return row?.indexed_at ?? null;
    });
  }

  indexedTimes(): Promise<Map<string, string>> {
    return guarded(() => {
      const rows = this.db.prepare('SELECT document_id, indexed_at FROM indexed').all() as Row[];
      return new Map(rows.map((r) => [r.document_id as string, r.indexed_at as string]));
    });
  }

  purge(before: number): Promise<{ questions: number; feedback: number }> {
    const cutoff = new Date(before).toISOString();
    return guarded(() =>
      this.db.transaction(() => {
        const feedback = this.db
          .prepare(`DELETE FROM feedback WHERE at < ? OR question_id IN (SELECT id FROM questions WHERE at < ?)`)
          .run(cutoff, cutoff).changes;
        const questions = this.db.prepare('DELETE FROM questions WHERE at < ?').run(cutoff).changes;
        return { questions, feedback };
      })(),
    );
  }

  private rows(status: QuestionStatus | null, id: number | null, limit: number): QuestionRow[] {
    const rows = this.db.prepare(LIST_SQL).all(status, status, id, id, limit) as Row[];
    return rows.map((r) => toQuestionRow(r, JSON.parse((r.comments as string | null) ?? '[]') as string[]));
  }
}
