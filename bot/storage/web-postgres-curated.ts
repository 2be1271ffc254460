/**
 * Curated answers on PostgreSQL. A save is one transaction: the answer row and its phrasing keys commit
 * together. Two instances saving the same phrasing at once: the second INSERT waits on the PRIMARY KEY, then
 * sees the first owner and fails with E_BAD_REQUEST, and its whole save rolls back.
 */
import type pg from 'pg';
import {
  WebError,
  curatedKeys,
  phrasingTaken,
  questionKey,
  type CuratedAnswer,
  type CuratedAnswers,
  type CuratedInput,
} from '../runtime/index.ts';
import { inTransaction, pgError, poolQuery } from './postgres.ts';
import { toCurated, type Row } from './web-rows.ts';

export class PostgresCuratedAnswers implements CuratedAnswers {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  private async q(text: string, values: unknown[] = []): Promise<Row[]> {
    return (await poolQuery<Row>(this.pool, text, values)).rows;
  }

  async list(): Promise<CuratedAnswer[]> {
    return (await this.q('SELECT * FROM curated ORDER BY id')).map(toCurated);
  }

  async get(id: number): Promise<CuratedAnswer | undefined> {
    const [row] = await this.q('SELECT * FROM curated WHERE id = $1', [id]);
    return row ? toCurated(row) : undefined;
  }

  async find(question: string): Promise<CuratedAnswer | undefined> {
    const [row] = await this.q(
      'SELECT c.* FROM curated_keys k JOIN curated c ON c.id = k.curated_id WHERE k.key = $1',
      [questionKey(question)],
    );
    return row ? toCurated(row) : undefined;
  }

  save(input: CuratedInput, id?: number): Promise<CuratedAnswer> {
    const at = this.now().toISOString();
    const values = [input.question, JSON.stringify(input.variants), input.answer, JSON.stringify(input.citations)];
    return inTransaction(this.pool, async (db) => {
      let row: Row | undefined;
      if (id === undefined) {
        row = (
          await db.query<Row>(
            `INSERT INTO curated (question, variants, answer, citations, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING *`,
            [...values, at],
          )
        ).rows[0];
      } else {
        row = (
          await db.query<Row>(
            `UPDATE curated SET question = $1, variants = $2, answer = $3, citations = $4, updated_at = $5
             WHERE id = $6 RETURNING *`,
            [...values, at, id],
          )
        ).rows[0];
        if (!row) throw new WebError('E_NOT_FOUND', `no curated answer ${id}`);
        await db.query('DELETE FROM curated_keys WHERE curated_id = $1', [id]);
      }
      const saved = toCurated(row!);
      for (const key of curatedKeys(input)) {
        await db.query('INSERT INTO curated_keys (key, curated_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
          key,
          saved.id,
        ]);
        const owner = Number(
          (await db.query<Row>('SELECT curated_id FROM curated_keys WHERE key = $1', [key])).rows[0]!.curated_id,
        );
        if (owner !== saved.id) throw phrasingTaken(key, owner);
      }
      return saved;
    });
  }

  async remove(id: number): Promise<boolean> {
    try {
      return ((await this.pool.query('DELETE FROM curated WHERE id = $1', [id])).rowCount ?? 0) > 0;
    } catch (err) {
      throw pgError(err);
    }
  }
}
