/**
 * The answer wrappers over a web store that works and one that fails: a curated reply is served when its
 * phrasing matches, and a store that cannot be read or written never costs a resident the answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerResult } from '../../answer/index.ts';
import { withCurated, withQuestionLog } from '../runtime/index.ts';
import { SqliteWebStore } from '../storage/index.ts';
import { tempDir } from './helpers.ts';

const composed = async (question: string): Promise<AnswerResult> => ({
  answer: `composed: ${question}`,
  refused: false,
  citations: [],
  retrieved: [],
  latencyMs: 1,
  topicDocumentId: null,
  mode: 'extractive',
  notices: [],
});
const cite = [{ n: 1, documentId: 'd', title: 't', number: null, section: 's', page: null, text: 'x' }];

const stores: SqliteWebStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe('answer wrappers', () => {
  it('serves the curated reply for a matching phrasing and logs it with its curated id', async () => {
    const store = SqliteWebStore.open(await tempDir('hoidap-wrappers-'));
    stores.push(store);
    const saved = await store.curated.save({ question: 'le phi ho chieu', variants: [], answer: 'A', citations: cite });
    const answer = withQuestionLog(withCurated(composed, store), store);
    const reply = await answer('Lệ phí hộ chiếu?', { channel: 'web', session: 's' });
    expect([reply.mode, reply.answer, reply.curated?.id]).toEqual(['curated', 'A', saved.id]);
    expect(await store.question(reply.questionId!)).toMatchObject({ curatedId: saved.id, channel: 'web' });
  });

  it('still answers, with no question id, when the store can neither be read nor written, and reports both codes', async () => {
    const store = SqliteWebStore.open(await tempDir('hoidap-wrappers-'));
    await store.close();
    const codes: string[] = [];
    const onError = (err: unknown) => codes.push((err as { code: string }).code);
    const answer = withQuestionLog(withCurated(composed, store, { onError }), store, { onError });
    const reply = await answer('le phi ho chieu', {});
    expect([reply.answer, reply.questionId]).toEqual(['composed: le phi ho chieu', null]);
    expect(codes).toEqual(['E_STORE', 'E_STORE']);
  });
});
