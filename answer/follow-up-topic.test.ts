/**
 * Follow-ups keep their topic in English too, a code names its one sheet, and a procedure named in a story
 * outranks the workplace the story happens in (fresh5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from './index.ts';
import { codeTokens, sheetNamedByCode } from './code-name.ts';
import { namedProcedure } from './named-procedure.ts';
import { asksOwnApplication } from './own-application.ts';
import { readFrame } from './frame.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';
import type { Turn } from './types.ts';

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());

/** Asks `first`, then `next` with the first turn as history; returns the second result. */
async function followUp(first: string, next: string) {
  const one = await answer(first, { kb: t.kb, asOf: '2026-11-29' });
  const history: Turn[] = [{ question: first, topicDocumentId: one.topicDocumentId, at: '2026-11-29T00:00:00Z' }];
  return answer(next, { kb: t.kb, asOf: '2026-11-29', history });
}

describe('an English follow-up keeps its topic', () => {
  it('keeps the declaration sheet when "pay any fee for that" reaches the fee-payment sheet', async () => {
    const r = await followUp(
      'My landlord says he must declare me, a foreigner, to the police. How soon?',
      'Does he have to pay any fee for that?',
    );
    expect(r.topicDocumentId).toBe('procedures/khai-bao-tam-vang-luu-tru');
    expect(r.answer).toContain('Không thu phí');
  });

  it('keeps the foreign marriage sheet when a country name reads as "người nước ngoài"', async () => {
    const r = await followUp(
      'I am Korean and want to marry my Vietnamese girlfriend in Long Thành. Where do we register the marriage?',
      'What documents do I need from Korea?',
    );
    expect(r.topicDocumentId).toBe('procedures/ket-hon-co-yeu-to-nuoc-ngoai');
  });

  it('still switches when the follow-up names another procedure', async () => {
    const r = await followUp('How do I register a birth?', 'What documents do I need for marriage registration?');
    expect(r.topicDocumentId).not.toBe('procedures/dang-ky-khai-sinh');
  });
});

describe('a code names the one sheet that holds it', () => {
  it('reads codes as typed, never a year or a date', () => {
    expect(codeTokens('ct07??')).toEqual(['ct07']);
    expect(codeTokens('năm 2026 nộp hôm 20/11')).toEqual([]);
  });

  it('names the residence-confirmation sheet for CT07 and keeps what else is asked', async () => {
    expect(await sheetNamedByCode(t.kb, 'mẫu CT07 xin ở đâu')).toEqual({
      id: 'procedures/xac-nhan-thong-tin-cu-tru',
      rest: 'mẫu   xin ở đâu',
    });
  });

  it('answers a bare code with its sheet instead of refusing', async () => {
    const r = await answer('ct07??', { kb: t.kb, asOf: '2026-11-29' });
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/xac-nhan-thong-tin-cu-tru');
  });
});

describe('a procedure named in a story outranks the workplace of the story', () => {
  it('names the criminal record, not business registration, for "cty mới bắt em nộp lý lịch tư pháp số 2"', () => {
    const folded = readFrame('cty mới bắt em nộp lý lịch tư pháp số 2 vậy có đúng quy định ko').clauses;
    expect(namedProcedure(t.kb, folded)?.meta.id).toBe('procedures/phieu-ly-lich-tu-phap');
  });
});

describe('the status of one filed application is not in the sources', () => {
  it('refuses "hồ sơ … nộp hôm 20/11 mã số … tới đâu rồi" and points to "Quản lý hồ sơ"', async () => {
    const r = await answer('hồ sơ đăng ký thường trú của tôi nộp hôm 20/11 mã số 000.26.11.H19 giờ tới đâu rồi', {
      kb: t.kb,
      asOf: '2026-11-29',
    });
    expect(r.refused).toBe(true);
    expect(r.answer).toContain('Quản lý hồ sơ');
    expect(r.answer).toContain('1022');
  });

  it('reads a general "tra cứu hồ sơ" as a how-to, not one application', () => {
    expect(asksOwnApplication('tra cứu hồ sơ đã nộp ở đâu')).toBe(false);
    expect(asksOwnApplication('em nộp hồ sơ khai sinh ngày 3/11 sao chưa có kết quả')).toBe(true);
  });
});

describe('a numbered variant does not let a later name outrank the first', () => {
  it('keeps "tạm trú" named before "định danh điện tử mức 2" said in passing', () => {
    const folded = readFrame('tam tru co dc mien phi ko ad, e co vneid muc 2').clauses;
    expect(namedProcedure(t.kb, folded)?.meta.id).toBe('procedures/dang-ky-tam-tru');
  });
});

describe('a follow-up naming procedures its topic bundles stays with the topic', () => {
  it('keeps birth registration when the follow-up asks to do health insurance and household registration too', async () => {
    const r = await followUp(
      'giờ làm khai sinh cho bé ở đâu ạ',
      'làm luôn bảo hiểm y tế với nhập hộ khẩu cho bé 1 lần được hông',
    );
    expect(r.topicDocumentId).toBe('procedures/dang-ky-khai-sinh');
    expect(r.answer).toContain('liên thông');
  });
});
