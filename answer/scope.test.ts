import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from './index.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let built: TestKnowledge;
beforeAll(async () => {
  built = await buildTestKnowledge();
});
afterAll(async () => built?.cleanup());
const ask = (q: string) => answer(q, { kb: built.kb, asOf: '2026-11-29' });

describe('a fee asked for another province', () => {
  it('is stated as the national rule when every fee line rests on a Ministry of Finance circular', async () => {
    const r = await ask('Long An có miễn lệ phí đăng ký thường trú không');
    expect(r.refused).toBe(false);
    expect(r.notices).toContain('scope: Long An → national rule');
    expect(r.answer).toContain('Đồng Nai');
    expect(r.answer).toMatch(/117\/2026|VNeID/);
  });

  it('is refused when the sheet says the provincial council sets it', async () => {
    const r = await ask('le phi khai sinh qua han o tp hcm la bao nhieu');
    expect(r.refused).toBe(true);
    expect(r.notices[0]).toBe('refused: other-place');
  });
});
