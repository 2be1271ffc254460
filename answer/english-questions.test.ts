/**
 * English questions reach the procedure sheet they name in a foreigner's words (knowledge's English glossary),
 * and papers no sheet holds stay refused. Built on the real sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../knowledge/index.ts';
import { answer } from './index.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let built: TestKnowledge;
let kb: KnowledgeBase;
beforeAll(async () => {
  built = await buildTestKnowledge();
  kb = built.kb;
});
afterAll(async () => built?.cleanup());

const ask = (q: string) => answer(q, { kb, asOf: '2026-11-29' });

describe('an English question is answered from the sheet it names in everyday English', () => {
  it.each([
    ['How much does a police check cost?', 'procedures/phieu-ly-lich-tu-phap'],
    ['What are the conditions for unemployment allowance?', 'procedures/tro-cap-that-nghiep'],
    ['How do I get a health insurance card for my baby?', 'procedures/the-bhyt-tre-duoi-6-tuoi'],
    ['What papers do I need for company registration?', 'procedures/dang-ky-thanh-lap-doanh-nghiep'],
    ['Where do I apply for a pink book for the first time?', 'procedures/cap-so-do-lan-dau'],
    ['How do I transfer ownership of a motorbike?', 'procedures/dang-ky-sang-ten-xe-may'],
    ['Can I get a proof of residence online?', 'procedures/xac-nhan-thong-tin-cu-tru'],
    ['How do I change my name on the birth certificate?', 'procedures/thay-doi-cai-chinh-ho-tich'],
    ['How do I get a one-time social insurance payment?', 'procedures/huong-bhxh-mot-lan'],
    ["how do I renew my driver's license?", 'procedures/doi-giay-phep-lai-xe'],
  ])('"%s" → %s', async (question, documentId) => {
    const r = await ask(question);
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.documentId).toBe(documentId);
  });

  it('quotes the rule on foreign papers not legalised when asked about a certified copy of one', async () => {
    const r = await ask('Can I get a certified copy of a foreign document that was not legalised?');
    expect(r.answer).toContain('chưa được hợp pháp hóa lãnh sự');
  });
});

describe('papers no sheet holds, asked in English', () => {
  it.each([
    'How do I apply for a Vietnamese work permit for foreigners?',
    'how do I apply for a work visa in Vietnam',
    'How do I get a work permit for a foreign worker in a Dong Nai industrial park?',
  ])('refuses "%s"', async (question) => {
    expect((await ask(question)).refused).toBe(true);
  });
});
