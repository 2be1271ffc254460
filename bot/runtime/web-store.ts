/**
 * The web/ SQLite store (DATA_DIR/web.sqlite): asked questions (masked), feedback, curated answers and when
 * each document version was first indexed. One writer (this process); WAL so the console reads while the
 * chat writes.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CuratedAnswers } from './curated-store.ts';
import { WebError } from './errors.ts';
import { maskPersonalData } from './mask.ts';

export type QuestionStatus = 'open' | 'needs_document' | 'assigned' | 'resolved';
export const QUESTION_STATUSES: readonly QuestionStatus[] = ['open', 'needs_document', 'assigned', 'resolved'];

/** What the question log writes for one answered question (text is masked on the way in). */
export interface QuestionRecord {
  channel: string;
  session: string | null;
  question: string;
  answer: string;
  refused: boolean;
  mode: string;
  topicDocumentId: string | null;
  topic: string | null;
  citedDocuments: string[];
  curatedId: number | null;
}

/** One row of the console's question list. */
export interface QuestionRow extends QuestionRecord {
  id: number;
  at: string;
  status: QuestionStatus;
  assignee: string | null;
  note: string | null;
  /** -1 when someone gave 👎, 1 when only 👍, 0 without feedback. */
  rating: number;
  comments: string[];
}

export interface FeedbackInput {
  questionId: number | null;
  session: string | null;
  rating: 1 | -1;
  comment: string | null;
  question: string | null;
}

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
FROM questions q WHERE (? IS NULL OR q.status = ?)
ORDER BY (q.refused = 1 OR rating < 0) DESC, q.id DESC LIMIT ?`;

export class WebStore {
  readonly curated: CuratedAnswers;

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.curated = new CuratedAnswers(db, now);
  }

  /** Opens (creating) DATA_DIR/web.sqlite. Error: E_STORE when the folder is not writable. */
  static open(dataDir: string, opts: { now?: () => Date } = {}): WebStore {
    try {
      mkdirSync(dataDir, { recursive: true });
      // Questions and feedback are personal data: the file (and its -wal/-shm, which inherit the mode) is 0600.
      const file = join(dataDir, 'web.sqlite');
      closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.exec(SCHEMA);
      return new WebStore(db, opts.now ?? (() => new Date()));
    } catch (err) {
      throw new WebError(
        'E_STORE',
        `cannot open ${join(dataDir, 'web.sqlite')}: ${(err as Error).message}; check DATA_DIR permissions and free space`,
        { cause: err },
      );
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Stores one answered question with personal data masked; returns its id. */
  recordQuestion(r: QuestionRecord): number {
    const row = this.db
      .prepare(
        `INSERT INTO questions(at, channel, session, question, answer, refused, mode, topic_document_id, topic, cited, curated_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.now().toISOString(),
        r.channel,
        r.session,
        maskPersonalData(r.question),
        maskPersonalData(r.answer),
        r.refused ? 1 : 0,
        r.mode,
        r.topicDocumentId,
        r.topic,
        JSON.stringify(r.citedDocuments),
        r.curatedId,
      );
    return Number(row.lastInsertRowid);
  }

  /** Stores 👍/👎 with an optional comment (masked). Error: E_NOT_FOUND for an unknown question id. */
  addFeedback(f: FeedbackInput): number {
    if (f.questionId !== null && !this.db.prepare('SELECT 1 FROM questions WHERE id = ?').get(f.questionId)) {
      throw new WebError('E_NOT_FOUND', `no question ${f.questionId}; send the questionId returned with the answer`);
    }
    const mask = (s: string | null) => (s === null ? null : maskPersonalData(s));
    const row = this.db
      .prepare('INSERT INTO feedback(question_id, at, rating, comment, session, question) VALUES (?, ?, ?, ?, ?, ?)')
      .run(f.questionId, this.now().toISOString(), f.rating, mask(f.comment), f.session, mask(f.question));
    return Number(row.lastInsertRowid);
  }

  /** Questions, refused and 👎 first, then newest. */
  listQuestions(opts: { status?: QuestionStatus; limit?: number } = {}): QuestionRow[] {
    const status = opts.status ?? null;
    const rows = this.db.prepare(LIST_SQL).all(status, status, opts.limit ?? 1000) as Array<Record<string, unknown>>;
    return rows.map(toQuestionRow);
  }

  question(id: number): QuestionRow | undefined {
    return this.listQuestions().find((q) => q.id === id);
  }

  /** Marks a question (needs a document / assigned / resolved) and sets assignee and note. */
  updateQuestion(
    id: number,
    patch: { status?: QuestionStatus; assignee?: string | null; note?: string | null },
  ): QuestionRow {
    const current = this.db.prepare('SELECT status, assignee, note FROM questions WHERE id = ?').get(id) as
      { status: QuestionStatus; assignee: string | null; note: string | null } | undefined;
    if (!current) throw new WebError('E_NOT_FOUND', `no question ${id}`);
    const next = { ...current, ...patch };
    this.db
      .prepare('UPDATE questions SET status = ?, assignee = ?, note = ?, updated_at = ? WHERE id = ?')
      .run(
        next.status,
        next.assignee,
        next.note === null ? null : maskPersonalData(next.note),
        this.now().toISOString(),
        id,
      );
    return this.question(id) as QuestionRow;
  }

  /** Remembers when each document version (content hash) first appeared in a live index. */
  noteIndexed(docs: ReadonlyArray<{ id: string; contentHash: string }>): void {
    const at = this.now().toISOString();
    const upsert = this.db.prepare(`INSERT INTO indexed(document_id, content_hash, indexed_at) VALUES (?, ?, ?)
      ON CONFLICT(document_id) DO UPDATE SET content_hash = excluded.content_hash, indexed_at = excluded.indexed_at
      WHERE indexed.content_hash <> excluded.content_hash`);
    this.db.transaction(() => docs.forEach((d) => upsert.run(d.id, d.contentHash, at)))();
  }

  /** Retention: deletes questions and feedback older than `before` (epoch ms); curated answers are kept. */
  purge(before: number): { questions: number; feedback: number } {
    const cutoff = new Date(before).toISOString();
    return this.db.transaction(() => {
      const feedback = this.db
        .prepare(`DELETE FROM feedback WHERE at < ? OR question_id IN (SELECT id FROM questions WHERE at < ?)`)
        .run(cutoff, cutoff).changes;
      const questions = this.db.prepare('DELETE FROM questions WHERE at < ?').run(cutoff).changes;
      return { questions, feedback };
    })();
  }

  indexedAt(id: string): string | null {
    const row = this.db.prepare('SELECT indexed_at FROM indexed WHERE document_id = ?').get(id) as
      { indexed_at: string } | undefined;
    return row?.indexed_at ?? null;
  }
}

function toQuestionRow(r: Record<string, unknown>): QuestionRow {
  return {
    id: r.id as number,
    at: r.at as string,
    channel: r.channel as string,
    session: (r.session as string | null) ?? null,
    question: r.question as string,
    answer: r.answer as string,
    refused: r.refused === 1,
    mode: r.mode as string,
    topicDocumentId: (r.topic_document_id as string | null) ?? null,
    topic: (r.topic as string | null) ?? null,
    citedDocuments: JSON.parse(r.cited as string) as string[],
    curatedId: (r.curated_id as number | null) ?? null,
    status: r.status as QuestionStatus,
    assignee: (r.assignee as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    rating: r.rating as number,
    comments: JSON.parse((r.comments as string | null) ?? '[]') as string[],
  };
}
