/**
 * In a long story the procedure the person wants decides the sheet: an everyday phrase for it ("tính cưới",
 * "mang tên cha") names it, and an action the story says was not done ("không đăng ký kết hôn") does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from './index.ts';
import { withEverydayNames } from './everyday-names.ts';
import { namedProcedure } from './named-procedure.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());
const ask = (q: string) => answer(q, { kb: t.kb, asOf: '2026-11-29' });

describe('an everyday phrase for a procedure is read as its name', () => {
  it('reads "tính cưới" as the marriage registration, the name ending the object', () => {
    expect(withEverydayNames(t.kb, 'hai dua tinh cuoi thang 3 nam sau')).toBe(
      'hai dua dang ky ket hon | thang 3 nam sau',
    );
  });

  it('reads "mang tên cha" as the registration of a father and child', () => {
    expect(withEverydayNames(t.kb, 'muon lam thu tuc de be mang ten cha')).toBe(
      'muon lam thu tuc de be dang ky nhan cha me con |',
    );
  });

  it('leaves a wedding already held and words with no everyday name as they are', () => {
    expect(withEverydayNames(t.kb, 'tui em lam dam cuoi roi | cuoi thang 10 nghi viec')).toBe(
      'tui em lam dam cuoi roi | cuoi thang 10 nghi viec',
    );
  });
});

describe('an action the story says was not done is not what is asked', () => {
  it('does not take "không đăng ký kết hôn" in a clause that asks nothing as the name after the action', () => {
    const named = namedProcedure(t.kb, 'toi voi me be khong dang ky ket hon | muon lam khai sinh cho be can gi');
    expect(named?.meta.id).toBe('procedures/dang-ky-khai-sinh');
  });

  it('still reads "chưa đăng ký tạm trú … không" as asking about the residence registration', () => {
    expect(namedProcedure(t.kb, 'chua dang ky tam tru co bi phat khong')?.meta.id).toBe('procedures/dang-ky-tam-tru');
  });
});

describe('a long story is answered from the sheet of the procedure wanted', () => {
  it('answers a Vietnamese woman planning to marry a Korean from the foreign marriage sheet, not a refusal', async () => {
    const r = await ask(
      'Chị tên Hoa, 34 tuổi, ở Nhơn Trạch, quen anh Kim người Hàn làm kỹ sư ở KCN Nhơn Trạch 3. Hai đứa tính ' +
        'cưới tháng 3 năm sau. Vậy giờ nộp ở đâu, còn anh ấy cần giấy tờ gì?',
    );
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/ket-hon-co-yeu-to-nuoc-ngoai');
  });

  it('answers an unmarried father who wants the child to carry his name from the father-child sheet', async () => {
    const r = await ask(
      'Tôi với mẹ bé không đăng ký kết hôn, bé nay 5 tuổi. Tôi ở Vĩnh Cửu, muốn làm thủ tục để bé mang tên ' +
        'cha. Cần giấy gì?',
    );
    expect(r.topicDocumentId).toBe('procedures/dang-ky-giam-ho-nhan-cha-me-con');
    expect(r.answer).toContain('ADN');
  });
});
