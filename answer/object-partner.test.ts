/**
 * "với người …" says whom with, not what: the object a question names ends before it, as it does before "cho
 * người …", so "đăng ký kết hôn với người Việt" asks about a marriage, not about an unheld "kết hôn với người Việt".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActionObject } from './action-object.ts';
import { answer } from './index.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());

const objectOf = (folded: string) => readActionObject(folded.split(' ')).object.join(' ');

describe('an object ends before "với người", who the procedure is done with', () => {
  it('reads "kết hôn" as the object of "đăng ký kết hôn với người Việt"', () => {
    expect(objectOf('dang ky ket hon voi nguoi viet can gi')).toBe('ket hon');
  });

  it('answers a foreigner marrying a Vietnamese instead of refusing the partner as an unheld object', async () => {
    const r = await answer('tôi là người nước ngoài có thẻ tạm trú, muốn đăng ký kết hôn với người Việt cần gì', {
      kb: t.kb,
      asOf: '2026-11-29',
    });
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toMatch(/ket-hon/);
  });
});
