/** Curated answers in web.sqlite (see bot/runtime/curated-store.ts for the matching rule). */
import type Database from 'better-sqlite3';
import {
  WebError,
  curatedKeys,
  phrasingTaken,
  questionKey,
  type CuratedAnswer,
  type CuratedAnswers,
  type CuratedInput,
} from '../runtime/index.ts';
import { toCurated, type Row } from './web-rows.ts';

export class SqliteCuratedAnswers implements CuratedAnswers {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly guarded: <T>(fn: () => T) => Promise<T>,
  ) {}

  list(): Promise<CuratedAnswer[]> {
    return this.guarded(() => (this.db.prepare('SELECT * FROM curated ORDER BY id').all() as Row[]).map(toCurated));
  }

  get(id: number): Promise<CuratedAnswer | undefined> {
    return this.guarded(() => this.row(id));
  }

  find(question: string): Promise<CuratedAnswer | undefined> {
    return this.guarded(() => {
      const hit = this.db.prepare('SELECT curated_id FROM curated_keys WHERE key = ?').get(questionKey(question)) as
        { curated_id: number } | undefined;
      return hit ? this.row(hit.curated_id) : undefined;
    });
  }

  save(input: CuratedInput, id?: number): Promise<CuratedAnswer> {
    const at = this.now().toISOString();
    const values = [input.question, JSON.stringify(input.variants), input.answer, JSON.stringify(input.citations)];
    return this.guarded(() =>
      this.db.transaction(() => {
        let rowId = id;
        if (rowId === undefined) {
          const insert = this.db.prepare(
            'INSERT INTO curated(question, variants, answer, citations, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
          );
          rowId = Number(insert.run(...values, at, at).lastInsertRowid);
        } else {
          const changed = this.db
            .prepare(
              'UPDATE curated SET question = ?, variants = ?, answer = ?, citations = ?, updated_at = ? WHERE id = ?',
            )
            .run(...values, at, rowId).changes;
          if (changed === 0) throw new WebError('E_NOT_FOUND', `no curated answer ${rowId}`);
          this.db.prepare('DELETE FROM curated_keys WHERE curated_id = ?').run(rowId);
        }
        for (const key of curatedKeys(input)) this.claimKey(key, rowId);
        return this.row(rowId)!;
      })(),
    );
  }

  remove(id: number): Promise<boolean> {
    return this.guarded(() => this.db.prepare('DELETE FROM curated WHERE id = ?').run(id).changes > 0);
  }

  private row(id: number): CuratedAnswer | undefined {
    const row = this.db.prepare('SELECT * FROM curated WHERE id = ?').get(id) as Row | undefined;
    return row ? toCurated(row) : undefined;
  }

  private claimKey(key: string, id: number): void {
    const owner = this.db.prepare('SELECT curated_id FROM curated_keys WHERE key = ?').get(key) as
      { curated_id: number } | undefined;
    if (owner && owner.curated_id !== id) throw phrasingTaken(key, owner.curated_id);
    this.db.prepare('INSERT OR IGNORE INTO curated_keys(key, curated_id) VALUES (?, ?)').run(key, id);
  }
}
