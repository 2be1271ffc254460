/**
 * The PostgreSQL web store (DATABASE_URL): the same tables as web.sqlite (migration 002_web), shared by every
 * instance, so a question logged on one instance is in every console, feedback given through another lands on
 * it, and a curated answer saved anywhere is served everywhere. Every write is one statement or one transaction
 * (inTransaction): a connection lost mid-action rolls back and rejects with E_DB_UNREACHABLE, never half-written.
 */
import type pg from 'pg';
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
import { inTransaction, openPool, pgError, poolQuery, type PostgresOptions } from './postgres.ts';
import { PostgresCuratedAnswers } from './web-postgres-curated.ts';
import { maskedFeedback, maskedNote, maskedQuestion, toQuestionRow, type Row } from './web-rows.ts';

// Refused and 👎 first, then newest, as on SQLite (the alias `rating` is only visible one level up).
const LIST_SQL = `
SELECT * FROM (
  SELECT q.*, COALESCE((SELECT MIN(rating) FROM feedback f WHERE f.question_id = q.id), 0) AS rating,
    COALESCE((SELECT json_agg(comment ORDER BY f.id) FROM feedback f WHERE f.question_id = q.id AND comment IS NOT NULL),
      '[]'::json) AS comments
  FROM questions q WHERE ($1::text IS NULL OR q.status = $1) AND ($2::bigint IS NULL OR q.id = $2)) x
ORDER BY (refused OR rating < 0) DESC, id DESC LIMIT $3`;

type Db = pg.Pool | pg.PoolClient;

async function listRows(db: Db, status: QuestionStatus | null, id: number | null, limit: number) {
  const rows = (await db.query<Row>(LIST_SQL, [status, id, limit])).rows;
  return rows.map((r) => toQuestionRow(r, r.comments as string[]));
}

export class PostgresWebStore implements WebStore {
  readonly engine = 'postgres' as const;
  readonly curated: PostgresCuratedAnswers;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {
    this.curated = new PostgresCuratedAnswers(pool, now);
  }

  /** Connects (a small pool of its own: 4 connections), applies pending migrations. */
  static async open(url: string, opts: PostgresOptions & { now?: () => Date } = {}): Promise<PostgresWebStore> {
    const pool = await openPool(url, { max: opts.max ?? 4, onError: opts.onError });
    return new PostgresWebStore(pool, opts.now ?? (() => new Date()));
  }

  private q(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    return poolQuery<Row>(this.pool, text, values);
  }

  async recordQuestion(r: QuestionRecord): Promise<number> {
    const v = maskedQuestion(r);
    const res = await this.q(
      `INSERT INTO questions (at, channel, session, question, answer, refused, mode, topic_document_id, topic, cited, curated_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        this.now().toISOString(),
        v.channel,
        v.session,
        v.question,
        v.answer,
        v.refused,
        v.mode,
        v.topicDocumentId,
        v.topic,
        v.cited,
        v.curatedId,
      ],
    );
    return Number(res.rows[0]!.id);
  }

  async addFeedback(f: FeedbackInput): Promise<number> {
    const m = maskedFeedback(f);
    // One statement: inserted only when the question exists (on any instance), so no check-then-write race.
    const res = await this.q(
      `INSERT INTO feedback (question_id, at, rating, comment, session, question)
       SELECT $1::bigint, $2, $3, $4, $5, $6 WHERE $1::bigint IS NULL OR EXISTS (SELECT 1 FROM questions WHERE id = $1)
       RETURNING id`,
      [m.questionId, this.now().toISOString(), m.rating, m.comment, m.session, m.question],
    );
    if (res.rows.length === 0)
      throw new WebError('E_NOT_FOUND', `no question ${f.questionId}; send the questionId returned with the answer`);
    return Number(res.rows[0]!.id);
  }

  async listQuestions(opts: { status?: QuestionStatus; limit?: number } = {}): Promise<QuestionRow[]> {
    try {
      return await listRows(this.pool, opts.status ?? null, null, opts.limit ?? 1000);
    } catch (err) {
      throw pgError(err);
    }
  }

  async question(id: number): Promise<QuestionRow | undefined> {
    try {
      return (await listRows(this.pool, null, id, 1))[0];
    } catch (err) {
      throw pgError(err);
    }
  }

  updateQuestion(id: number, patch: QuestionPatch): Promise<QuestionRow> {
    return inTransaction(this.pool, async (db) => {
      const current = (
        await db.query<Row>('SELECT status, assignee, note FROM questions WHERE id = $1 FOR UPDATE', [id])
      ).rows[0] as { status: QuestionStatus; assignee: string | null; note: string | null } | undefined;
      if (!current) throw new WebError('E_NOT_FOUND', `no question ${id}`);
      const next = applyPatch(current, patch);
      await db.query('UPDATE questions SET status = $1, assignee = $2, note = $3, updated_at = $4 WHERE id = $5', [
        next.status,
        next.assignee,
        maskedNote(next.note),
        this.now().toISOString(),
        id,
      ]);
      return (await listRows(db, null, id, 1))[0]!;
    });
  }

  async noteIndexed(docs: ReadonlyArray<{ id: string; contentHash: string }>): Promise<void> {
    if (docs.length === 0) return;
    // Several instances note the same version: the first one's time stays, a changed hash moves it.
    await this.q(
      `INSERT INTO indexed (document_id, content_hash, indexed_at)
       SELECT d.id, d.hash, $3 FROM unnest($1::text[], $2::text[]) AS d(id, hash)
       ON CONFLICT (document_id) DO UPDATE SET content_hash = excluded.content_hash, indexed_at = excluded.indexed_at
       WHERE indexed.content_hash <> excluded.content_hash`,
      [docs.map((d) => d.id), docs.map((d) => d.contentHash), this.now().toISOString()],
    );
  }

  async indexedAt(id: string): Promise<string | null> {
    const res = await this.q('SELECT indexed_at FROM indexed WHERE document_id = $1', [id]);
    return (res.rows[0]?.indexed_at as string | undefined) ?? null;
  }

  async indexedTimes(): Promise<Map<string, string>> {
    const res = await this.q('SELECT document_id, indexed_at FROM indexed', []);
    return new Map(res.rows.map((r) => [r.document_id as string, r.indexed_at as string]));
  }

  purge(before: number): Promise<{ questions: number; feedback: number }> {
    const cutoff = new Date(before).toISOString();
    return inTransaction(this.pool, async (db) => {
      const feedback = await db.query(
        `DELETE FROM feedback WHERE at < $1 OR question_id IN (SELECT id FROM questions WHERE at < $1)`,
        [cutoff],
      );
      const questions = await db.query('DELETE FROM questions WHERE at < $1', [cutoff]);
      return { questions: questions.rowCount ?? 0, feedback: feedback.rowCount ?? 0 };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
