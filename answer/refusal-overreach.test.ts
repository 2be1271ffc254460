/**
 * Answerable questions that were refused in outside-written sets (fresh4, fresh2, refusal-probe): an action the
 * sheet states on a line, "đổi … sang X", a held name heading a longer object, "thủ tục hành chính", a field a
 * sheet keeps under another one, a follow-up's missing field, and "có được giảm … không". Each group also keeps
 * a true refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chunk } from '../knowledge/index.ts';
import { answer } from './index.ts';
import { readActionObject } from './action-object.ts';
import { withFeeReliefAsked } from './fee-relief.ts';
import { withStandInFields } from './field-stand-ins.ts';
import { readIntent } from './intent.ts';
import { actionFits } from './procedure-match.ts';
import { statesActionFor } from './object-check.ts';
import { readQuestion } from './query-text.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';
import type { Turn } from './types.ts';

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());
const ask = (q: string, history: Turn[] = []) => answer(q, { kb: t.kb, asOf: '2026-11-29', history });
const read = (q: string) => readActionObject(readQuestion(q).split(' '));

describe('an action no name holds fits the sheet that states it for the case asked', () => {
  it('answers "hộ chiếu bị mất làm lại" from the passport sheet, whose fee line says "cấp lại do hỏng hoặc mất"', async () => {
    const r = await ask('ho chieu bi mat lam lai o dau');
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.documentId).toBe('procedures/cap-ho-chieu-pho-thong');
  });

  it('still refuses an action the sheet never states ("chấm dứt hộ kinh doanh")', async () => {
    const r = await ask('cham dut hoat dong ho kinh doanh can giay to gi');
    expect(r.refused).toBe(true);
  });
});

describe('"sang" after an exchange says what the paper becomes', () => {
  it('ends the object at "sang" ("đổi bằng lái | sang thẻ PET")', () => {
    expect(read('đổi bằng lái sang thẻ PET ở đâu').object.join(' ')).toBe('bang lai');
  });

  it('keeps "sang tên" an action of its own', () => {
    expect([...read('Đăng ký sang tên xe máy').actions].sort()).toEqual(['dang ky', 'sang ten']);
  });

  it('answers a licence exchange "sang thẻ PET" from the exchange sheet', async () => {
    const r = await ask('bằng lái của tôi đổi sang thẻ PET thì giờ còn mất phí không hay được miễn');
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.documentId).toBe('procedures/doi-giay-phep-lai-xe');
  });
});

describe('a held name said with its own action heads the object, and what follows says which one', () => {
  it('answers "chứng thực hợp đồng mua bán xe" from the contract attestation sheet', async () => {
    const r = await ask('ubnd xa chung thuc hop dong mua ban xe thi may ngay tra, phi bn');
    expect(r.refused).toBe(false);
    expect(r.answer).toMatch(/02 ngày làm việc/);
  });

  it('still refuses a name reached through a stand-in action ("đăng ký | xe máy | mới mua")', async () => {
    const r = await ask('dang ky xe may moi mua can giay to j');
    expect(r.refused).toBe(true);
  });
});

describe('"thủ tục hành chính" is the kind every procedure is, not an object', () => {
  it('reads no object after "thủ tục hành chính"', () => {
    expect(read('so tong dai hoi thu tuc hanh chinh la so may').object).toEqual([]);
  });

  it('answers the hotline question from the online-services sheet', async () => {
    const r = await ask('so tong dai hoi thu tuc hanh chinh dong nai la so may');
    expect(r.refused).toBe(false);
    expect(r.answer).toMatch(/1022/);
  });
});

describe('a field the sheet keeps under another field', () => {
  const chunk = (field: Chunk['field'], text: string) => ({ field, text }) as Chunk;

  it('reads "online" from "Nơi nộp, cách nộp" when that line names online filing', () => {
    const sheet = [chunk('whereToFile', 'Trực tiếp tại Trung tâm, hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.')];
    expect(withStandInFields(readIntent('nộp online được không'), sheet).fields).toEqual(['whereToFile']);
  });

  it('keeps "online" when the sheet has its own online field, or where to file says nothing of it', () => {
    const own = [chunk('online', 'Nộp trực tuyến bằng VNeID.'), chunk('whereToFile', 'Trực tuyến hoặc trực tiếp.')];
    expect(withStandInFields(readIntent('nộp online được không'), own).fields).toEqual(['online']);
    const paperOnly = [chunk('whereToFile', 'Trực tiếp tại UBND cấp xã.')];
    expect(withStandInFields(readIntent('nộp online được không'), paperOnly).fields).toEqual(['online']);
  });

  it('answers a follow-up "nộp online được không" from the sheet the conversation is about', async () => {
    const first = await ask('lanh tro cap that nghiep can giay to j');
    const history = [
      {
        question: 'lanh tro cap that nghiep can giay to j',
        topicDocumentId: first.topicDocumentId,
        at: '2026-11-29T00:00:00Z',
      },
    ];
    const r = await ask('nộp online được không', history);
    expect(r.refused).toBe(false);
    expect(r.answer).toMatch(/Cổng Dịch vụ công/);
  });
});

describe('a field missing from a sheet the question names by a name pair of its own', () => {
  it('answers "how do I" with the overview ("cà vẹt xe đứng tên người bán")', async () => {
    const r = await ask('cà vẹt xe đứng tên người bán, muốn đứng tên mình thì làm sao');
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.documentId).toBe('procedures/dang-ky-sang-ten-xe-may');
  });

  it('still refuses a fine no sheet states', async () => {
    const r = await ask('không đăng ký tạm trú thì bị phạt bao nhiêu tiền');
    expect(r.refused).toBe(true);
  });
});

describe('"có được giảm … không" asks for the relief, not an amount', () => {
  it('wants no figure when a yes/no question asks whether the fee is lowered', () => {
    expect(withFeeReliefAsked(readIntent('sang ten xe may co duoc giam le phi truoc ba ko'), true).wants).toBeNull();
  });

  it('still wants an amount for "được giảm bao nhiêu"', () => {
    expect(withFeeReliefAsked(readIntent('le phi truoc ba duoc giam bao nhieu tien'), true).wants).toBe('money');
  });

  it('answers with the reduction the sheet grants', async () => {
    const r = await ask('sang ten xe may bay gio co duoc giam le phi truoc ba ko');
    expect(r.refused).toBe(false);
    expect(r.answer).toMatch(/Giảm 100%/);
  });
});

describe('doing an expired paper again is its exchange', () => {
  it('lets "làm lại" of an expired paper fit a sheet that exchanges it, and only then', () => {
    expect(actionFits(new Set(['cap lai']), new Set(['cap', 'cap doi']), ['lost', 'exchange'])).toBe(true);
    expect(actionFits(new Set(['cap lai']), new Set(['cap', 'cap doi']), ['lost'])).toBe(false);
  });
});

describe('a name with nothing after its action is said by its own words', () => {
  it('answers "sao y bằng đại học" from the copy attestation sheet ("sao y" is one of its names)', async () => {
    const r = await ask('sao y bang dai hoc o ubnd xa dc ko');
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.documentId).toBe('procedures/chung-thuc-ban-sao');
  });
});

describe('what follows a held name says which one, and only the word right after it can make another thing', () => {
  it('answers a card material after "đổi bằng lái" and a feature after "làm hộ chiếu"', async () => {
    expect((await ask('đổi bằng lái giấy bìa sang thẻ nhựa ở đâu')).refused).toBe(false);
    expect((await ask('làm hộ chiếu gắn chip mất mấy ngày')).refused).toBe(false);
  });

  it('answers the kind of shop after "đăng ký hộ kinh doanh"', async () => {
    const r = await ask('đăng ký hộ kinh doanh quán nhậu có cần giấy phép gì');
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.documentId).toBe('procedures/dang-ky-ho-kinh-doanh');
  });

  it('still refuses a rare word right after the name, or after a name several sheets share ("kinh doanh")', async () => {
    expect((await ask('đăng ký hộ kinh doanh karaoke')).refused).toBe(true);
    expect((await ask('xin giấy phép kinh doanh quán karaoke')).refused).toBe(true);
    expect((await ask('xin giấy phép kinh doanh vận tải taxi')).refused).toBe(true);
    expect((await ask('cấp giấy chứng nhận an toàn thực phẩm cho quán ăn')).refused).toBe(true);
  });
});

describe('a story around the question is not what it asks', () => {
  it('does not take a greeting or a name for the word the sheet lacks ("Chào ad, em là Tuấn …")', async () => {
    const r = await ask(
      'Chào ad, em là Tuấn 28 tuổi, quê Quảng Ngãi, vô Biên Hòa làm công nhân 3 năm nay, ở trọ phường Tam Hiệp. Chủ trọ nói phải đăng ký ở công an. Em cần mang theo gì ạ?',
    );
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.documentId).toBe('procedures/dang-ky-tam-tru');
  });
});

describe('the word right after a held name is read as typed', () => {
  it('takes "bán" (folded like "bạn") as the next word: "hộ kinh doanh | bán hàng online" is the same sheet', async () => {
    const r = await ask('đăng ký hộ kinh doanh bán hàng online có cần không');
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.documentId).toBe('procedures/dang-ky-ho-kinh-doanh');
  });

  it('ends an object at "khi" ("nhận cha con | khi đã có giấy khai sinh")', () => {
    expect(read('đăng ký nhận cha con khi đã có giấy khai sinh').object.join(' ')).toBe('nhan cha con');
  });
});

describe('a follow-up asking how to do the topic procedure keeps the topic', () => {
  it('reads "làm trên VNeID được không" as a way to file, not as the VNeID account sheet', async () => {
    const first = await ask('xin lý lịch tư pháp ở đâu');
    const history = [
      { question: 'xin lý lịch tư pháp ở đâu', topicDocumentId: first.topicDocumentId, at: '2026-11-29T00:00:00Z' },
    ];
    const r = await ask('lam tren vneid dc ko', history);
    expect(r.topicDocumentId).toBe('procedures/phieu-ly-lich-tu-phap');
  });
});

describe('a case word must stand beside the stated action', () => {
  it('counts "mất" in "cấp lại do hỏng hoặc mất" as the case of "cấp lại"', () => {
    expect(statesActionFor('400.000 đồng cấp lại do hỏng hoặc mất.', ['cap lai'], new Set(['mat']))).toBe(true);
  });

  it('does not count a word a clause further on ("đăng ký hộ tịch trước đây hoặc nơi người …")', () => {
    const line = 'Ủy ban nhân dân cấp xã nơi đã đăng ký hộ tịch trước đây hoặc nơi người yêu cầu cư trú';
    expect(statesActionFor(line, ['dang ky'], new Set(['nguoi', 'quoc']))).toBe(false);
  });
});
