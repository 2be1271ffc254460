import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../knowledge/index.ts';
import { answer, type AnswerResult, type Turn } from './index.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

// The day the procedure facts were last re-checked; dated rules are asserted for this day unless stated.
const AS_OF = '2026-11-27';
const KHAI_SINH = 'procedures/dang-ky-khai-sinh';
const CAN_CUOC = 'procedures/the-can-cuoc';

let built: TestKnowledge;
let kb: KnowledgeBase;
beforeAll(async () => {
  built = await buildTestKnowledge();
  kb = built.kb;
});
afterAll(async () => built?.cleanup());

const ask = (q: string, extra: { asOf?: string; history?: Turn[] } = {}) => answer(q, { kb, asOf: AS_OF, ...extra });

/** Every citation's text must be a verbatim span of the chunk it names. */
function expectCitationsInChunks(r: AnswerResult): void {
  for (const c of r.citations) {
    const chunks = kb.chunksOf(c.documentId).filter((ch) => ch.sectionPath.join(' > ') === c.section);
    expect(
      chunks.some((ch) => ch.text.includes(c.text)),
      `citation [${c.n}] "${c.text.slice(0, 60)}" not in ${c.documentId} § ${c.section}`,
    ).toBe(true);
  }
}

describe('procedure questions are answered from the field asked about', () => {
  it('says the scope for another province after the whole first list, never between its items', async () => {
    const lines = (await ask('đăng ký tạm trú ở Bình Dương cần gì')).answer.split('\n');
    expect(lines[0]).toMatch(/^Hồ sơ: /);
    const scope = lines.findIndex((l) => l.startsWith('Tôi hỗ trợ Đồng Nai'));
    expect(scope).toBeGreaterThan(1);
    expect(lines.slice(1, scope).every((l) => l.startsWith('- '))).toBe(true);
    expect(lines.slice(scope + 1).some((l) => l.startsWith('- '))).toBe(false);
  });

  it('answers a bare "thủ tục X" with the overview, not a line that happens to say "thủ tục"', async () => {
    for (const q of ['thủ tục đăng ký thường trú', 'thu tuc dang ky ket hon']) {
      const r = await ask(q);
      expect(r.refused).toBe(false);
      const fields = r.citations.map((c) => c.section.split(' > ').at(-1));
      expect(fields, q).toContain('Thành phần hồ sơ');
      expect(fields, q).toContain('Cơ quan giải quyết');
    }
  });

  it('lists the birth-registration documents from the sheet and cites it', async () => {
    const r = await ask('lam giay khai sinh can giay to gi');
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe(KHAI_SINH);
    expect(r.answer).toContain('Giấy chứng sinh');
    expect(r.citations[0]).toMatchObject({ documentId: KHAI_SINH, section: 'Đăng ký khai sinh > Thành phần hồ sơ' });
    expect(r.answer).toMatch(/Nguồn: Đăng ký khai sinh — Hồ sơ$/);
    expectCitationsInChunks(r);
  });

  it('answers "how long" with the time limit', async () => {
    const r = await ask('lam the can cuoc mat bao lau');
    expect(r.topicDocumentId).toBe(CAN_CUOC);
    expect(r.answer).toContain('07 ngày làm việc');
    expect(r.citations.map((c) => c.section)).toEqual([expect.stringContaining('Thời hạn giải quyết')]);
  });

  it('answers "where" with the agency and where to file', async () => {
    const r = await ask('dang ky khai sinh o dau');
    expect(r.answer).toContain('UBND cấp xã');
    expect(r.citations.map((c) => c.section).join('|')).toMatch(/Cơ quan giải quyết/);
  });

  it('answers "can I do it online" with the online field', async () => {
    const r = await ask('lam khai sinh online duoc khong');
    expect(r.answer).toMatch(/VNeID|Cổng Dịch vụ công/);
    expect(r.citations.some((c) => c.section.endsWith('Làm trực tuyến'))).toBe(true);
  });

  it('answers "under which law" with the legal basis', async () => {
    const r = await ask('dang ky khai sinh can cu luat nao');
    expect(r.answer).toContain('Luật Hộ tịch');
    expect(r.citations.some((c) => c.section.endsWith('Căn cứ pháp lý'))).toBe(true);
  });

  it('answers both fields of a two-part question', async () => {
    const r = await ask('đăng ký khai sinh cần hồ sơ gì và lệ phí bao nhiêu');
    const sections = r.citations.map((c) => c.section.split(' > ').pop());
    expect(sections).toEqual(expect.arrayContaining(['Thành phần hồ sơ', 'Phí, lệ phí']));
  });

  it('gives a compact overview of every main field for a bare "làm khai sinh"', async () => {
    const r = await ask('làm khai sinh');
    expect(r.topicDocumentId).toBe(KHAI_SINH);
    for (const label of ['Cơ quan:', 'Hồ sơ:', 'Thời hạn:', 'Phí, lệ phí:']) expect(r.answer).toContain(label);
    expect(r.answer.length).toBeLessThanOrEqual(2000);
    expectCitationsInChunks(r);
  });
});

describe('questions a single field does not answer', () => {
  it('adds the sheet line about validity when asked how long a certificate is valid', async () => {
    const r = await ask('giay xac nhan doc than co gia tri bao lau');
    expect(r.answer).toMatch(/6 tháng/);
    expectCitationsInChunks(r);
  });

  it('answers a yes/no question from the matching sheet lines instead of the overview', async () => {
    const r = await ask('be nha e 8 tuoi lam can cuoc co phai den cong an ko');
    expect(r.topicDocumentId).toBe(CAN_CUOC);
    expect(r.answer).toContain('Trẻ từ đủ 6 đến dưới 14 tuổi vẫn phải đến Công an');
    expect(r.answer).not.toContain('tóm tắt');
  });

  it('sends a plan target question to the plan even when a sheet about online services ranks first', async () => {
    const r = await ask('bn % dvc truc tuyen toan trinh dc tich hop len cong dvc quoc gia');
    expect(r.mode).toBe('extractive');
    expect(r.answer).toContain('50% dịch vụ công trực tuyến toàn trình');
  });
});

describe('the 2024 plan', () => {
  it('answers the commune-level online-filing target with 30% and the 80%/40% context, citing II.2.2', async () => {
    const r = await ask('ty le ho so giai quyet truc tuyen cap xa 2024 la bao nhieu');
    expect(r.refused).toBe(false);
    expect(r.answer).toContain('30% tại cấp xã');
    expect(r.answer).toContain('80%');
    expect(r.answer).toContain('40%');
    expect(r.answer).toContain('Kế hoạch 53/KH-UBND (15/2/2024, hết hạn 31/12/2024), mục II.2.2 Chính quyền số');
    expect(r.citations[0]?.section).toMatch(/2\.2\. Chính quyền số$/);
    expectCitationsInChunks(r);
  });

  it('says the plan is dated and that cấp huyện no longer exists when quoting it today', async () => {
    const r = await ask('ty le ho so giai quyet truc tuyen cap xa 2024 la bao nhieu');
    expect(r.answer).toMatch(/Lưu ý: từ 01\/7\/2025 không còn cấp huyện/);
    expect(r.answer).toMatch(/Nguồn: (?:\[1\] )?Kế hoạch 53\/KH-UBND \(15\/2\/2024, hết hạn 31\/12\/2024\)/);
    expect(r.notices).toEqual(
      expect.arrayContaining(['dated source: 53/KH-UBND', 'no district level since 2025-07-01']),
    );
  });
});

describe('refusals', () => {
  it.each(['giá vé máy bay đi Hà Nội', 'ngân sách thực hiện kế hoạch là bao nhiêu tỷ'])(
    'refuses "%s" with the hotline and no citation',
    async (q) => {
      const r = await ask(q);
      expect(r.refused).toBe(true);
      expect(r.mode).toBe('refusal');
      expect(r.answer).toContain('Tổng đài 1022, (0251) 1022');
      expect(r.citations).toEqual([]);
      expect(r.answer).not.toMatch(/\d[\d.]*\s?(tỷ|triệu|đồng|đ\b)/);
    },
  );

  it("refuses a question about another year's plan", async () => {
    expect((await ask('Kế hoạch chuyển đổi số năm 2025 của Đồng Nai đặt những chỉ tiêu gì?')).refused).toBe(true);
  });
});

describe('smalltalk', () => {
  it('greets with example questions and does not search', async () => {
    const r = await ask('chào ad');
    expect(r).toMatchObject({ mode: 'smalltalk', refused: false, retrieved: [], citations: [] });
    expect(r.answer).toMatch(/khai sinh/i);
  });
});

describe('follow-ups', () => {
  it('answers the fee of birth registration after a question about its documents', async () => {
    const first = await ask('lam giay khai sinh can giay to gi');
    const history: Turn[] = [
      {
        question: 'lam giay khai sinh can giay to gi',
        topicDocumentId: first.topicDocumentId,
        at: '2026-11-27T08:00:00Z',
      },
    ];
    for (const follow of ['le phi bao nhieu', 'còn lệ phí thì sao?']) {
      const r = await ask(follow, { history });
      expect(r.topicDocumentId).toBe(KHAI_SINH);
      expect(r.citations[0]).toMatchObject({ documentId: KHAI_SINH, section: 'Đăng ký khai sinh > Phí, lệ phí' });
      expect(r.answer).toContain('miễn lệ phí');
    }
  });

  it('switches topic when the question names another procedure', async () => {
    const history: Turn[] = [
      { question: 'lam giay khai sinh can giay to gi', topicDocumentId: KHAI_SINH, at: '2026-11-27T08:00:00Z' },
    ];
    const r = await ask('lam lai can cuoc bi mat het bao nhieu tien', { history });
    expect(r.topicDocumentId).toBe(CAN_CUOC);
  });
});

describe('dated rules', () => {
  const q = 'lam lai can cuoc bi mat het bao nhieu tien';

  it('on 2026-11-27 states the VNeID waiver with its condition and the 35.000đ fee otherwise, with the coming change behind "xem thêm"', async () => {
    const r = await ask(q, { asOf: '2026-11-27' });
    expect(r.answer).toContain('Miễn lệ phí cấp đổi và cấp lại');
    expect(r.answer).toContain('VNeID mức 2');
    expect(r.answer).toContain('Cấp lại thẻ căn cước 35.000đ/thẻ');
    expect(r.answer).not.toContain('70.000đ');
    expect(r.answer).toContain('Còn 1 mục (lệ phí đổi từ 01/1/2027) — hỏi "xem thêm".');
    expect(r.more?.lines.join('\n')).toMatch(/Từ 01\/1\/2027: .*70\.000đ/);
    expect(r.notices).toContain('rule changes on 2027-01-01');
    expect(r.citations[0]).toMatchObject({ documentId: CAN_CUOC, section: expect.stringContaining('Phí, lệ phí') });
    expect(r.citations[0]?.text).toContain('35.000đ');
    expectCitationsInChunks(r);
  });

  it('on 2027-03-15 states only the plain 70.000đ fee', async () => {
    const r = await ask(q, { asOf: '2027-03-15' });
    expect(r.answer).toContain('Cấp lại thẻ căn cước 70.000đ/thẻ');
    expect(r.answer).not.toContain('35.000đ');
    expect(r.answer).not.toContain('Miễn lệ phí cấp đổi');
    expect(r.citations[0]?.text).toContain('70.000đ');
    expectCitationsInChunks(r);
  });

  it('gives a lost card only the cấp lại amounts, and a card exchange only the cấp đổi ones', async () => {
    const lost = await ask(q, { asOf: '2026-11-27' });
    // The sheet lists every card fee in one line per period; a resident who lost a card needs only cấp lại.
    expect(lost.answer).not.toMatch(/Cấp đổi thẻ căn cước \d/);
    expect(lost.answer).not.toContain('Chuyển từ CCCD sang thẻ căn cước 15.000đ');
    const exchange = await ask('le phi doi the can cuoc', { asOf: '2026-11-27' });
    expect(exchange.answer).toContain('Cấp đổi thẻ căn cước 25.000đ/thẻ');
    expect(exchange.answer).not.toContain('Cấp lại thẻ căn cước 35.000đ');
    // Lines without an amount (the waiver, who is exempt) stay whatever the case.
    expect(exchange.answer).toContain('VNeID mức 2');
    expectCitationsInChunks(lost);
    expectCitationsInChunks(exchange);
  });

  it('lists every card fee when the question names no case', async () => {
    const r = await ask('le phi the can cuoc bao nhieu', { asOf: '2026-11-27' });
    expect(r.answer).toContain('Cấp đổi thẻ căn cước 25.000đ/thẻ');
    expect(r.answer).toContain('Cấp lại thẻ căn cước 35.000đ/thẻ');
  });

  it('rejects an impossible as-of day with E_AS_OF_INVALID', async () => {
    await expect(ask(q, { asOf: '2026-13-01' })).rejects.toMatchObject({ code: 'E_AS_OF_INVALID' });
  });
});

describe('every reply, whatever the question', () => {
  const questions = [
    'lam cccd can gi',
    'dk khai sinh o dau ad',
    'le phi dang ky ket hon',
    'ket hon can giay to gi',
    'đăng ký tạm trú mất bao lâu',
    'tam tru online dc ko',
    'nhap ho khau can giay to gi',
    'le phi thuong tru bn',
    'lam ly lich tu phap o dau',
    'phieu ly lich tu phap bao nhieu tien',
    'doi bang lai xe het bao nhieu',
    'doi gplx can gi',
    'chung thuc ban sao mat phi bao nhieu',
    'khai tu can giay to gi',
    'xac nhan doc than lam o dau',
    'giay phep xay dung nha o',
    'dang ky ho kinh doanh mat bao lau',
    'tai khoan vneid muc 2 dang ky the nao',
    'nop ho so truc tuyen dong nai the nao',
    'tong dai 1022 la gi',
    'muc tieu xep hang cds cua dong nai den 2025',
    'ty le doanh nghiep su dung hop dong dien tu',
    'chinh quyen so 2024 co nhung chi tieu gi',
    'nhiem vu cua so thong tin va truyen thong',
    'an toan thong tin mang 2024',
    'giá vé máy bay đi Hà Nội',
    'thời tiết hôm nay thế nào',
    'cảm ơn bạn',
    'làm khai sinh',
    'hồ sơ và lệ phí đăng ký thường trú',
    'x'.repeat(500),
  ];

  it('fits in 2000 characters and cites only verbatim spans of the chunks named', async () => {
    for (const q of questions) {
      const r = await ask(q);
      expect(r.answer.length, q).toBeLessThanOrEqual(2000);
      expect(r.answer.length, q).toBeGreaterThan(0);
      expectCitationsInChunks(r);
      // Several sources are told apart by their marks; one source is named on the "Nguồn:" line alone.
      if (r.citations.length > 1) for (const c of r.citations) expect(r.answer, q).toContain(`[${c.n}]`);
      if (r.citations.length === 1) expect(r.answer, q).toMatch(/^Nguồn(?: \([^)]*\))?: (?!\[)/m);
      if (r.refused) expect(r.answer, q).toContain('1022');
    }
  });
});

describe('a story around a named procedure is answered, not refused', () => {
  it('answers a worker\'s long story that names "đăng ký tạm trú" with the time limit', async () => {
    const r = await ask(
      'Tôi là Hùng, 34 tuổi, quê Long Thành, đang ở trọ bên Biên Hòa làm công nhân. Chủ trọ nói tôi phải đăng ký tạm trú. Cho hỏi hồ sơ gồm những gì và mất bao lâu?',
    );
    expect(r.refused).toBe(false);
    expect(r.topicDocumentId).toBe('procedures/dang-ky-tam-tru');
    expect(r.answer).toContain('03 ngày làm việc');
    expectCitationsInChunks(r);
  });
});
