/**
 * The web/ content state behind one async contract: asked questions (masked), feedback, curated answers and
 * when each document version was first indexed. The runtime and the plugins only see this interface; the two
 * engines live in bot/storage/ (SQLite DATA_DIR/web.sqlite by default, PostgreSQL with DATABASE_URL so every
 * instance's console sees every question) and the program that starts the service picks one, as for BotStorage.
 * Engines mask personal data on the way in (maskPersonalData) and answer a dropped database with a coded error.
 */
import type { CuratedAnswers } from './curated-store.ts';

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

export interface QuestionPatch {
  status?: QuestionStatus;
  assignee?: string | null;
  note?: string | null;
}

/**
 * The content state. Every method is one transaction. Errors: WebError E_NOT_FOUND / E_BAD_REQUEST for what
 * the caller asked wrongly, E_STORE when web.sqlite fails, E_DB / E_DB_UNREACHABLE from PostgreSQL (rolled back).
 */
export interface WebStore {
  readonly engine: 'sqlite' | 'postgres';
  readonly curated: CuratedAnswers;
  /** Stores one answered question with personal data masked; returns its id. */
  recordQuestion(r: QuestionRecord): Promise<number>;
  /** Stores 👍/👎 with an optional comment (masked). Error: E_NOT_FOUND for an unknown question id. */
  addFeedback(f: FeedbackInput): Promise<number>;
  /** Questions, refused and 👎 first, then newest. */
  listQuestions(opts?: { status?: QuestionStatus; limit?: number }): Promise<QuestionRow[]>;
  question(id: number): Promise<QuestionRow | undefined>;
  /** Marks a question (needs a document / assigned / resolved) and sets assignee and note (masked). */
  updateQuestion(id: number, patch: QuestionPatch): Promise<QuestionRow>;
  /** Remembers when each document version (content hash) first appeared in a live index. */
  noteIndexed(docs: ReadonlyArray<{ id: string; contentHash: string }>): Promise<void>;
  indexedAt(id: string): Promise<string | null>;
  /** Every document's first-indexed time, for the document list (one query, not one per document). */
  indexedTimes(): Promise<Map<string, string>>;
  /** Retention: deletes questions and feedback older than `before` (epoch ms); curated answers are kept. */
  purge(before: number): Promise<{ questions: number; feedback: number }>;
  close(): Promise<void>;
}

/** A patch applied over the stored values (absent keys keep theirs). */
export function applyPatch(
  current: { status: QuestionStatus; assignee: string | null; note: string | null },
  patch: QuestionPatch,
): { status: QuestionStatus; assignee: string | null; note: string | null } {
  const next = { ...current };
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.assignee !== undefined) next.assignee = patch.assignee;
  if (patch.note !== undefined) next.note = patch.note;
  return next;
}
