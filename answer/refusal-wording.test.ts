/**
 * Refusal robust to wording its author did not write (fresh2): time and discourse words, "cho"/"của"/"trên",
 * things already done, jobs after "làm", a percent asked of a sheet, English questions naming the plan, and a
 * name that goes on with the name of search's first procedure. Each group also keeps a true refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrame } from './frame.ts';
import { answer } from './index.ts';
import { readActionObject } from './action-object.ts';
import { storyObjectDropped } from './procedure-match.ts';
import { asksPlansOnly, asksUnheldDocument } from './scope.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());
const ask = (q: string) => answer(q, { kb: t.kb, asOf: '2026-11-29' });
const objectOf = (folded: string) => readActionObject(folded.split(' ')).object.join(' ');

describe('an object phrase ends where the question stops naming a thing', () => {
  it('ends at a time word typed without accents ("bây giờ" is not part of "kết hôn")', () => {
    expect(objectOf('dang ky ket hon bay gio con can giay xac nhan')).toBe('ket hon');
  });

  it('ends at "cho" followed by who it is for', () => {
    expect(objectOf('dang ky tam tru cho nguoi thue phong tro can giay to gi')).toBe('tam tru');
  });

  it('ends at "trên" and "của", which say how and whose', () => {
    expect(objectOf('lam tam tru tren dien thoai duoc khong')).toBe('tam tru');
    expect(objectOf('dang ky thuong tru cua con dau can gi')).toBe('thuong tru');
  });

  it('ends at "bên đó", a place said by pointing', () => {
    expect(objectOf('khai bao tam vang ben do co can khong')).toBe('tam vang');
  });
});

describe('a story is not the question', () => {
  it('skips an action already done ("đã đăng ký tạm trú") and reads the one asked', () => {
    const read = readActionObject('toi da dang ky tam tru ben do | co phai khai bao tam vang khong'.split(' '));
    expect([...read.actions]).toEqual(['khai bao']);
    expect(read.object.join(' ')).toBe('tam vang');
  });

  it('drops a job after a bare "làm" when no procedure name has its word pairs', () => {
    const read = readActionObject('anh ay lam ky su o kcn'.split(' '));
    expect(storyObjectDropped(read, new Set(['giay phep'])).object).toEqual([]);
  });

  it('keeps what follows "làm" when it shares a pair with a procedure name', () => {
    const read = readActionObject('lam giay phep karaoke'.split(' '));
    expect(storyObjectDropped(read, new Set(['giay phep'])).object.join(' ')).toBe('giay phep karaoke');
  });

  it('keeps the object of "thủ tục X", which names what is asked', () => {
    const read = readActionObject('thu tuc ly hon don phuong'.split(' '));
    expect(storyObjectDropped(read, new Set()).object.join(' ')).toBe('ly hon don phuong');
  });
});

describe('answers held procedures asked in unseen wording, and still refuses unheld ones', () => {
  it('answers a marriage question with "bây giờ" after the name from the marriage sheet', async () => {
    const r = await ask('dk ket hon bay gio con can giay xac nhan doc than ko mn');
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/dang-ky-ket-hon');
  });

  it('answers temporary residence for a tenant', async () => {
    const r = await ask('cho hỏi đăng ký tạm trú cho người thuê phòng trọ cần giấy tờ gì');
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/dang-ky-tam-tru');
  });

  it('answers a story with a job in it from the procedure the story names', async () => {
    const r = await ask('chồng em làm thợ điện, em làm giáo viên mầm non, tụi em muốn khai sinh cho bé thì nộp ở đâu');
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/dang-ky-khai-sinh');
  });

  it('still refuses adoption and a library card whatever time word follows', async () => {
    expect((await ask('nhận nuôi con nuôi bây giờ cần giấy tờ gì')).refused).toBe(true);
    expect((await ask('làm thẻ thư viện bây giờ cần gì')).refused).toBe(true);
  });

  it('reads "đăng ký kinh doanh | công ty TNHH" as the company registration search ranked first', async () => {
    const r = await ask('đăng ký kinh doanh cty tnhh mất mấy ngày');
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/dang-ky-thanh-lap-doanh-nghiep');
  });
});

describe('a percent question goes to the plans only when no sheet it names states one', () => {
  const plansOnly = (q: string) => asksPlansOnly(t.kb, readFrame(q));

  it('gives the unemployment benefit rate to its sheet', () => {
    expect(plansOnly('bh that nghiep dc huong bn % luong')).toBe(false);
  });

  it('gives a fee or tax percent to the sheets', () => {
    expect(plansOnly('lệ phí trước bạ là bao nhiêu phần trăm')).toBe(false);
  });

  it('keeps a share of people in the plans even when it names an account', () => {
    expect(plansOnly('bao nhieu % nguoi truong thanh co tai khoan dinh danh dien tu')).toBe(true);
  });
});

describe('an English question naming the plan is answered from the plan', () => {
  it('answers a department duty under the 2024 plan from the plan, not a sheet', async () => {
    const r = await ask('What does the Department of Health have to do under the 2024 plan?');
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toMatch(/^plans\//);
  });

  it("refuses another city's targets as out of scope rather than asking which procedure", async () => {
    const r = await ask("What are Ho Chi Minh City's targets for online public services in 2024?");
    expect(r.refused).toBe(true);
    expect(r.notices).toContain('refused: other-place');
  });
});

describe('an action said with no object of its own', () => {
  it('does not pick a sibling by words said elsewhere ("đăng ký | thi" is not "đăng ký sang tên xe máy")', async () => {
    const r = await ask('Em 18 tuổi, muốn thi bằng lái xe máy lần đầu, học phí bao nhiêu và đăng ký thi ở đâu?');
    expect(r.refused).toBe(true);
  });
});

describe('a plan year we do not hold', () => {
  const unheld = (q: string) => asksUnheldDocument(t.kb, q, readFrame(q));

  it('is read through shorthand ("chỉ tiêu cds năm 2025")', () => {
    expect(unheld('chi tieu cds dong nai nam 2025 la bn')).toBe(true);
  });

  it('is not a horizon the held plan sets ("mục tiêu … đến 2025")', () => {
    expect(unheld('muc tieu xep hang cds cua dong nai den 2025 la top may')).toBe(false);
  });
});

describe('family words are who a paper is for', () => {
  it('answers a held procedure followed by a family word ("thường trú ở nhà chồng")', async () => {
    const r = await ask('em đăng ký thường trú ở nhà chồng thì nộp bao nhiêu tiền');
    expect(r.refused).toBe(false);
    expect(r.citations[0]?.documentId).toMatch(/thuong-tru/);
  });
});
