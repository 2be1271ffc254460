import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../knowledge/index.ts';
import { preferNamedSibling } from './document-choice.ts';
import { readFrame } from './frame.ts';
import { namedProcedure } from './named-procedure.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let built: TestKnowledge;
beforeAll(async () => {
  built = await buildTestKnowledge();
}, 120_000);
afterAll(async () => built?.cleanup());

const PLAIN_BIRTH = 'procedures/dang-ky-khai-sinh';
const FOREIGN_BIRTH = 'procedures/khai-sinh-yeu-to-nuoc-ngoai-qua-han';
const RESIDENCE = 'procedures/dang-ky-tam-tru';
const ABSENCE = 'procedures/khai-bao-tam-vang-luu-tru';

/** Hits for the given documents in this order (one chunk each, falling scores). */
function hits(...ids: string[]): SearchHit[] {
  return ids.map((id, i) => {
    const document = built.kb.document(id);
    const chunk = built.kb.chunksOf(id)[0];
    if (!document || !chunk) throw new Error(`no document ${id}`);
    return { document, chunk, score: 1 - i * 0.05 } as SearchHit;
  });
}

/** The documents in the order the sibling step leaves them, once each. */
function order(question: string, ids: string[]): string[] {
  const ranked = preferNamedSibling(built.kb, hits(...ids), readFrame(question).intent);
  return [...new Set(ranked.map((h) => h.document.id))];
}

describe('the case decides among siblings, both ways', () => {
  it('does not answer a Vietnamese couple’s child from the foreign-parent birth sheet', () => {
    expect(order('khai sinh cho con trong bao nhieu ngay', [FOREIGN_BIRTH, PLAIN_BIRTH])).toEqual([
      PLAIN_BIRTH,
      FOREIGN_BIRTH,
    ]);
  });

  it('puts the foreign-parent birth sheet first for a Korean husband', () => {
    expect(order('chồng em người Hàn, làm khai sinh cho bé ở đâu', [PLAIN_BIRTH, FOREIGN_BIRTH])).toEqual([
      FOREIGN_BIRTH,
      PLAIN_BIRTH,
    ]);
  });

  it('keeps a late birth registration on the sheet one of whose names is the late case', () => {
    expect(order('khai sinh muộn có bị phạt không', [FOREIGN_BIRTH, PLAIN_BIRTH])).toEqual([
      FOREIGN_BIRTH,
      PLAIN_BIRTH,
    ]);
  });

  it('moves a tạm trú question without a foreigner off the foreigners’ declaration sheet', () => {
    expect(order('mãi chưa xong cái tạm trú, luật nói bao nhiêu ngày', [ABSENCE, RESIDENCE])).toEqual([
      RESIDENCE,
      ABSENCE,
    ]);
  });

  it('leaves a tạm vắng question on its own sheet', () => {
    expect(order('khai báo tạm vắng cần giấy tờ gì', [ABSENCE, RESIDENCE])).toEqual([ABSENCE, RESIDENCE]);
  });

  it('does not call a birth-paper correction a birth registration because it says "giấy khai sinh"', () => {
    const correction = 'procedures/thay-doi-cai-chinh-ho-tich';
    expect(order('giấy khai sinh ghi sai ngày sinh, muốn cải chính thì làm ở đâu', [correction, PLAIN_BIRTH])).toEqual([
      correction,
      PLAIN_BIRTH,
    ]);
  });

  it('does not take a foreign guest staying over for a foreign marriage (a case alone names no sibling)', () => {
    const marriage = 'procedures/ket-hon-co-yeu-to-nuoc-ngoai';
    expect(order('người nước ngoài ở nhà mình vài hôm có phải báo công an không', [ABSENCE, marriage])).toEqual([
      ABSENCE,
      marriage,
    ]);
  });
});

describe('siblings said equally', () => {
  const registration = 'procedures/dang-ky-ho-kinh-doanh';
  const tax = 'procedures/thue-ho-kinh-doanh-2026';

  it('puts the plain form first when the question says nothing of the other’s extra words', () => {
    expect(order('1 người đứng tên được mấy hộ kinh doanh', [tax, registration])).toEqual([registration, tax]);
  });

  it('keeps the tax sheet when the question says "thuế"', () => {
    expect(order('hộ kinh doanh nộp thuế thế nào', [tax, registration])).toEqual([tax, registration]);
  });

  it('prefers the name said in the longest stretch: "sổ hộ khẩu" is the residence confirmation', () => {
    const permanent = 'procedures/dang-ky-thuong-tru';
    const confirmation = 'procedures/xac-nhan-thong-tin-cu-tru';
    expect(order('sổ hộ khẩu giấy nhà tôi còn xài được không', [permanent, confirmation])).toEqual([
      confirmation,
      permanent,
    ]);
  });

  it('does not count a paper to bring ("xuất trình giấy chứng nhận kết hôn") as the name asked about', () => {
    const marriage = 'procedures/dang-ky-ket-hon';
    expect(
      order('Đi khai sinh có phải xuất trình giấy chứng nhận kết hôn của cha mẹ không?', [PLAIN_BIRTH, marriage]),
    ).toEqual([PLAIN_BIRTH, marriage]);
  });

  it('looks past the top document’s own hits for the sibling the question names', () => {
    const first = 'procedures/cap-so-do-lan-dau';
    const transfer = 'procedures/sang-ten-so-do';
    expect(
      order('sang ten so do thue tncn bao nhieu phan tram', [first, first, first, first, first, transfer]),
    ).toEqual([transfer, first]);
  });
});

describe('the procedure a story names', () => {
  const named = (q: string) => namedProcedure(built.kb, readFrame(q).clauses)?.meta.id ?? null;

  it('takes the name after a procedure’s own action over a job after "làm"', () => {
    expect(named('em lên Biên Hòa làm công ty, thuê trọ, đăng ký tạm trú cần giấy tờ gì')).toBe(RESIDENCE);
  });

  it('does not take "khai sinh" out of "trích lục khai sinh"', () => {
    expect(named('xin trich luc khai sinh ban sao co lay lien trong ngay dc ko')).not.toBe(PLAIN_BIRTH);
  });
});
