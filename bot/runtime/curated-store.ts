/**
 * Curated answers: the content team's approved reply to a frequent question, with its citations. A question
 * matches when its key (folded, punctuation-free) equals the key of the curated question or one of its
 * listed variants; exact keys keep a curated reply from being served for a question it was not written for.
 */
import type Database from 'better-sqlite3';
import { foldText, normalizeText } from '../../knowledge/index.ts';
import { WebError } from './errors.ts';

/** A citation of a curated answer: the same shape answer() returns. */
export interface CuratedCitation {
  n: number;
  documentId: string;
  title: string;
  number: string | null;
  section: string;
  page: number | null;
  text: string;
}

export interface CuratedAnswer {
  id: number;
  question: string;
  /** Other phrasings that should get the same answer ("lam cccd can gi"). */
  variants: string[];
  answer: string;
  citations: CuratedCitation[];
  createdAt: string;
  updatedAt: string;
}

export type CuratedInput = Pick<CuratedAnswer, 'question' | 'variants' | 'answer' | 'citations'>;

/** The matching key: NFC, diacritics folded, lowercase, punctuation and extra spaces removed. */
export function questionKey(question: string): string {
  return foldText(normalizeText(question))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export class CuratedAnswers {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {}

  list(): CuratedAnswer[] {
    return (this.db.prepare('SELECT * FROM curated ORDER BY id').all() as Array<Record<string, unknown>>).map(
      toCurated,
    );
  }

  get(id: number): CuratedAnswer | undefined {
    const row = this.db.prepare('SELECT * FROM curated WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? toCurated(row) : undefined;
  }

  /** The curated answer whose question or a variant has the same key as `question`. */
  find(question: string): CuratedAnswer | undefined {
    const row = this.db.prepare('SELECT curated_id FROM curated_keys WHERE key = ?').get(questionKey(question)) as
      { curated_id: number } | undefined;
    return row ? this.get(row.curated_id) : undefined;
  }

  /**
   * Creates (no id) or replaces a curated answer. Errors: E_BAD_REQUEST when a phrasing is already used by
   * another curated answer, E_NOT_FOUND for an unknown id.
   */
  save(input: CuratedInput, id?: number): CuratedAnswer {
    const at = this.now().toISOString();
    const keys = [...new Set([input.question, ...input.variants].map(questionKey).filter((k) => k.length > 0))];
    return this.db.transaction(() => {
      let rowId = id;
      if (rowId === undefined) {
        rowId = Number(
          this.db
            .prepare(
              'INSERT INTO curated(question, variants, answer, citations, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(input.question, JSON.stringify(input.variants), input.answer, JSON.stringify(input.citations), at, at)
            .lastInsertRowid,
        );
      } else {
        const changed = this.db
          .prepare(
            'UPDATE curated SET question = ?, variants = ?, answer = ?, citations = ?, updated_at = ? WHERE id = ?',
          )
          .run(
            input.question,
            JSON.stringify(input.variants),
            input.answer,
            JSON.stringify(input.citations),
            at,
            rowId,
          ).changes;
        if (changed === 0) throw new WebError('E_NOT_FOUND', `no curated answer ${rowId}`);
        this.db.prepare('DELETE FROM curated_keys WHERE curated_id = ?').run(rowId);
      }
      for (const key of keys) this.claimKey(key, rowId);
      return this.get(rowId) as CuratedAnswer;
    })();
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM curated WHERE id = ?').run(id).changes > 0;
  }

  private claimKey(key: string, id: number): void {
    const owner = this.db.prepare('SELECT curated_id FROM curated_keys WHERE key = ?').get(key) as
      { curated_id: number } | undefined;
    if (owner && owner.curated_id !== id) {
      throw new WebError(
        'E_BAD_REQUEST',
        `the phrasing "${key}" already belongs to curated answer ${owner.curated_id}; edit that one instead`,
      );
    }
    this.db.prepare('INSERT OR IGNORE INTO curated_keys(key, curated_id) VALUES (?, ?)').run(key, id);
  }
}

function toCurated(r: Record<string, unknown>): CuratedAnswer {
  return {
    id: r.id as number,
    question: r.question as string,
    variants: JSON.parse(r.variants as string) as string[],
    answer: r.answer as string,
    citations: JSON.parse(r.citations as string) as CuratedCitation[],
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}
