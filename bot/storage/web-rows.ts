/**
 * What both web-store engines share: masking on the way in (one place, so neither engine can store an unmasked
 * phone or ID number) and the mapping of stored rows back to the runtime's shapes.
 */
import {
  maskPersonalData,
  type CuratedAnswer,
  type CuratedCitation,
  type FeedbackInput,
  type QuestionRecord,
  type QuestionRow,
  type QuestionStatus,
} from '../runtime/index.ts';

export type Row = Record<string, unknown>;

const mask = (s: string | null): string | null => (s === null ? null : maskPersonalData(s));
const num = (v: unknown): number => Number(v);

/** The column values of one question, question and answer text masked, cited documents as JSON. */
export function maskedQuestion(r: QuestionRecord): Omit<QuestionRecord, 'citedDocuments'> & { cited: string } {
  return {
    channel: r.channel,
    session: r.session,
    question: maskPersonalData(r.question),
    answer: maskPersonalData(r.answer),
    refused: r.refused,
    mode: r.mode,
    topicDocumentId: r.topicDocumentId,
    topic: r.topic,
    cited: JSON.stringify(r.citedDocuments),
    curatedId: r.curatedId,
  };
}

/** Feedback with its comment and question text masked. */
export function maskedFeedback(f: FeedbackInput): FeedbackInput {
  return { ...f, comment: mask(f.comment), question: mask(f.question) };
}

/** The console's note on a question, masked (officials paste phone numbers into notes too). */
export const maskedNote = mask;

/** A question row (SQLite: refused 0/1; PostgreSQL: boolean) with its comments already decoded. */
export function toQuestionRow(r: Row, comments: string[]): QuestionRow {
  return {
    id: num(r.id),
    at: r.at as string,
    channel: r.channel as string,
    session: (r.session as string | null) ?? null,
    question: r.question as string,
    answer: r.answer as string,
    refused: r.refused === 1 || r.refused === true,
    mode: r.mode as string,
    topicDocumentId: (r.topic_document_id as string | null) ?? null,
    topic: (r.topic as string | null) ?? null,
    citedDocuments: JSON.parse(r.cited as string) as string[],
    curatedId: r.curated_id === null || r.curated_id === undefined ? null : num(r.curated_id),
    status: r.status as QuestionStatus,
    assignee: (r.assignee as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    rating: num(r.rating),
    comments,
  };
}

export function toCurated(r: Row): CuratedAnswer {
  return {
    id: num(r.id),
    question: r.question as string,
    variants: JSON.parse(r.variants as string) as string[],
    answer: r.answer as string,
    citations: JSON.parse(r.citations as string) as CuratedCitation[],
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}
