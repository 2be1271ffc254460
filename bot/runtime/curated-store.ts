/**
 * Curated answers: the content team's approved reply to a frequent question, with its citations. A question
 * matches when its key (folded, punctuation-free) equals the key of the curated question or one of its
 * listed variants; exact keys keep a curated reply from being served for a question it was not written for.
 * The engines (bot/storage/) store each key once, so two answers can never claim the same phrasing, even when
 * two instances save at the same moment.
 */
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

/** The curated answers of a WebStore; each method is one transaction. */
export interface CuratedAnswers {
  list(): Promise<CuratedAnswer[]>;
  get(id: number): Promise<CuratedAnswer | undefined>;
  /** The curated answer whose question or a variant has the same key as `question`. */
  find(question: string): Promise<CuratedAnswer | undefined>;
  /**
   * Creates (no id) or replaces a curated answer. Errors: E_BAD_REQUEST when a phrasing is already used by
   * another curated answer (nothing is written), E_NOT_FOUND for an unknown id.
   */
  save(input: CuratedInput, id?: number): Promise<CuratedAnswer>;
  remove(id: number): Promise<boolean>;
}

/** The matching key: NFC, diacritics folded, lowercase, punctuation and extra spaces removed. */
export function questionKey(question: string): string {
  return foldText(normalizeText(question))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The distinct non-empty keys of a curated answer's question and variants. */
export function curatedKeys(input: Pick<CuratedInput, 'question' | 'variants'>): string[] {
  return [...new Set([input.question, ...input.variants].map(questionKey).filter((k) => k.length > 0))];
}

/** The error a save gets when `key` already belongs to curated answer `owner`. */
export function phrasingTaken(key: string, owner: number): WebError {
  return new WebError(
    'E_BAD_REQUEST',
    `the phrasing "${key}" already belongs to curated answer ${owner}; edit that one instead`,
  );
}
