/**
 * "Hồ sơ" is the papers to prepare only when asked as such; with tracking, sending or result words it is the
 * application itself (the portal sheet's Zalo, post and "Quản lý hồ sơ" lines answer, not its documents list).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from './index.ts';
import { readIntent } from './intent.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

describe('"hồ sơ" asks for the documents list only when asked what to prepare', () => {
  it('reads "hồ sơ cần những gì" and "cần chuẩn bị hồ sơ gì" as the documents field', () => {
    expect(readIntent('đăng ký kết hôn hồ sơ cần những gì').fields).toContain('documents');
    expect(readIntent('làm hồ sơ khai sinh gồm gì').fields).toContain('documents');
  });

  it('reads "nhận thông báo hồ sơ qua zalo" as no documents question', () => {
    expect(readIntent('muốn nhận thông báo hồ sơ qua zalo thì sao').fields).not.toContain('documents');
  });

  it('reads "hồ sơ gửi qua bưu điện" and "hồ sơ tới đâu rồi" as no documents question', () => {
    expect(readIntent('hồ sơ gửi qua bưu điện được không').fields).not.toContain('documents');
    expect(readIntent('hs nộp hôm qua tới đâu rồi').fields).not.toContain('documents');
  });

  it('keeps the documents field when preparing is asked beside sending ("hồ sơ gồm gì, gửi bưu điện được không")', () => {
    expect(readIntent('hồ sơ gồm gì, gửi bưu điện được không').fields).toContain('documents');
  });

  it('reads "xem ở đâu" about an application as where to look it up, not where to file', () => {
    const fields = readIntent('hồ sơ nộp online rồi xem ở đâu').fields;
    expect(fields).not.toContain('agency');
    expect(fields).not.toContain('documents');
  });
});

// One index for the file: both answer-level groups read the same real sources.
let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());
const ask = (q: string) => answer(q, { kb: t.kb, asOf: '2026-11-29' });

describe('the portal sheet answers tracking and sending questions from the line that says so', () => {
  it('answers "gửi hồ sơ qua bưu điện được không" with the bưu chính công ích line, not the documents list', async () => {
    const r = await ask('có thể gửi hồ sơ và nhận kết quả qua bưu điện không');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('bưu chính công ích');
    expect(r.answer).not.toMatch(/^Hồ sơ:/m);
  });

  it('answers how many kinds of Zalo notices with the nine kinds', async () => {
    const r = await ask('zalo báo hồ sơ những loại thông báo nào');
    expect(r.answer).toContain('9 loại thông báo');
    expect(r.answer).not.toMatch(/^Hồ sơ:/m);
  });
});

describe('a question naming no field is answered by the line that says its rare words', () => {
  it('answers "theo dõi hồ sơ qua zalo thì phải quét gì" with the QR / Zalo OA line', async () => {
    const r = await ask('theo dõi hồ sơ qua zalo thì phải quét gì');
    expect(r.answer.split('\n')[0]).toContain('QR');
    expect(r.answer).toContain('Cổng hành chính công');
  });

  it('keeps the overview when the only words outside the title are common ones ("tạm vắng đi làm xa")', async () => {
    const r = await ask('tạm vắng đi làm xa có phải đóng tiền không');
    expect(r.answer).toMatch(/^Hồ sơ:/m);
  });
});
