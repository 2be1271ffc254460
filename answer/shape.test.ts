import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chunk, DocumentMeta, KnowledgeBase } from '../knowledge/index.ts';
import { CitationLedger } from './citations.ts';
import { splitCases } from './case-lines.ts';
import { asksAhead } from './compose-procedure.ts';
import { answer } from './index.ts';
import { renderDraft, type DraftFact } from './reply.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';

const sheet: DocumentMeta = {
  id: 'procedures/kh',
  title: 'Đăng ký kết hôn (hai bên là công dân Việt Nam cư trú trong nước)',
  number: null,
  type: 'procedure',
  issueDate: null,
  lastChecked: '2026-11-27',
} as DocumentMeta;
const plan: DocumentMeta = {
  id: 'plans/53',
  title: 'Kế hoạch chuyển đổi số năm 2024',
  number: '53/KH-UBND',
  type: 'plan',
  issueDate: '2024-02-15',
} as DocumentMeta;

const chunkOf = (meta: DocumentMeta, id: string, text: string, extra: Partial<Chunk> = {}): Chunk =>
  ({
    id,
    documentId: meta.id,
    sectionPath: ['V. TỔ CHỨC', '6. Sở Thông tin và Truyền thông'],
    page: null,
    ordinal: 0,
    text,
    ...extra,
  }) as Chunk;

const fact = (meta: DocumentMeta, chunk: Chunk, text: string, extra: Partial<DraftFact> = {}): DraftFact => ({
  text,
  sources: [{ meta, chunk, used: [chunk.text] }],
  ...extra,
});

describe('compact source lines', () => {
  it('names a procedure by its name without its bracketed scope, each field in short, and no check date', () => {
    const ledger = new CitationLedger();
    ledger.cite(sheet, chunkOf(sheet, 'f', 'Phí: miễn', { field: 'fee' }), ['miễn']);
    ledger.cite(sheet, chunkOf(sheet, 'a', 'UBND cấp xã', { field: 'agency' }), ['UBND cấp xã']);
    expect(ledger.lines()).toEqual(['[1] Đăng ký kết hôn — Phí, lệ phí; [2] Cơ quan']);
    // The citation itself keeps the whole title.
    expect(ledger.citations()[0]?.title).toBe(sheet.title);
  });

  it('gives two chunks of one plan section one label, with the plan number and date', () => {
    const ledger = new CitationLedger();
    ledger.cite(plan, chunkOf(plan, 'p1', 'Chủ trì'), ['Chủ trì']);
    ledger.cite(plan, chunkOf(plan, 'p2', 'Đôn đốc'), ['Đôn đốc']);
    expect(ledger.lines()).toEqual(['[1][2] Kế hoạch 53/KH-UBND (15/2/2024), mục V.6 Sở Thông tin và Truyền thông']);
  });

  it('says an expired plan has expired beside its number and date on the source line', () => {
    const ledger = new CitationLedger({ [plan.id]: 'hết hạn 31/12/2024' });
    ledger.cite(plan, chunkOf(plan, 'p1', 'Chủ trì'), ['Chủ trì']);
    expect(ledger.lines()).toEqual([
      '[1] Kế hoạch 53/KH-UBND (15/2/2024, hết hạn 31/12/2024), mục V.6 Sở Thông tin và Truyền thông',
    ]);
  });

  it('marks lines in a row from one source once, on the last of them', () => {
    const c = chunkOf(plan, 'p1', 'a');
    const other = chunkOf(plan, 'p2', 'b', { sectionPath: ['II. MỤC TIÊU', '2.4. Xã hội số'] });
    const bullets = ['- Chủ trì xây dựng kho dữ liệu.', '- Đôn đốc các sở.', '- Tổng hợp, đánh giá kết quả.'];
    const r = renderDraft({
      lead: 'Theo Kế hoạch 53/KH-UBND năm 2024:',
      facts: [...bullets.map((b) => fact(plan, c, b)), fact(plan, other, '- Phát triển xã hội số.')],
      notes: [],
    });
    expect(r.text.split('\n').slice(0, 4)).toEqual([
      'Chủ trì xây dựng kho dữ liệu.',
      '- Đôn đốc các sở.',
      '- Tổng hợp, đánh giá kết quả. [1]',
      '- Phát triển xã hội số. [2]',
    ]);
  });

  it('names a single source on the "Nguồn:" line, with no numbers', () => {
    const c = chunkOf(sheet, 'f', 'Miễn lệ phí.', { field: 'fee' });
    const r = renderDraft({
      lead: 'Thủ tục X, áp dụng ngày 29/11/2026:',
      facts: [fact(sheet, c, 'Phí, lệ phí: Miễn lệ phí.')],
      notes: [],
    });
    expect(r.text.split('\n')).toEqual(['Phí, lệ phí: Miễn lệ phí.', 'Nguồn: Đăng ký kết hôn — Phí, lệ phí']);
    expect(r.citations).toHaveLength(1);
  });

  it('names a sheet once behind the marks of all its fields in a reply, whose lines name their fields', () => {
    const f = chunkOf(sheet, 'f', 'Miễn lệ phí.', { field: 'fee' });
    const a = chunkOf(sheet, 'a', 'UBND cấp xã.', { field: 'agency' });
    const r = renderDraft({
      lead: 'Thủ tục X, áp dụng ngày 29/11/2026:',
      facts: [fact(sheet, f, 'Phí, lệ phí: Miễn lệ phí.'), fact(sheet, a, 'Cơ quan: UBND cấp xã.')],
      notes: [],
    });
    expect(r.text.split('\n')).toEqual([
      'Phí, lệ phí: Miễn lệ phí. [1]',
      'Cơ quan: UBND cấp xã. [2]',
      'Nguồn: [1][2] Đăng ký kết hôn',
    ]);
  });

  it('puts the first of several documents on the "Nguồn:" line itself, the others one a line', () => {
    const f = chunkOf(sheet, 'f', 'Miễn lệ phí.', { field: 'fee' });
    const p = chunkOf(plan, 'p', 'Chủ trì.');
    const r = renderDraft({
      lead: 'Thủ tục X, áp dụng ngày 29/11/2026:',
      facts: [fact(sheet, f, 'Phí, lệ phí: Miễn lệ phí.'), fact(plan, p, 'Lưu ý: Chủ trì.')],
      notes: [],
    });
    expect(r.text.split('\n').slice(-2)).toEqual([
      'Nguồn: [1] Đăng ký kết hôn — Phí, lệ phí',
      '[2] Kế hoạch 53/KH-UBND (15/2/2024), mục V.6 Sở Thông tin và Truyền thông',
    ]);
  });
});

describe('what waits for "xem thêm"', () => {
  const fee = chunkOf(sheet, 'f', 'Cấp lại 35.000đ. Từ 01/1/2027: cấp lại 70.000đ.', { field: 'fee' });

  it('keeps a fact marked for later out of the reply, names it in the "Còn N mục" line and shows it on "xem thêm"', () => {
    const r = renderDraft({
      lead: 'Thủ tục X, áp dụng ngày 29/11/2026:',
      facts: [
        fact(sheet, fee, 'Phí, lệ phí: Cấp lại 35.000đ'),
        fact(sheet, fee, 'Từ 01/1/2027: Cấp lại 70.000đ', {
          label: 'Phí, lệ phí',
          later: { teaser: 'lệ phí đổi từ 01/1/2027' },
        }),
      ],
      notes: [],
    });
    expect(r.text).not.toContain('70.000đ');
    expect(r.text).toContain('Còn 1 mục (lệ phí đổi từ 01/1/2027) — hỏi "xem thêm".');
    expect(r.more?.lines).toEqual(['Phí, lệ phí (tiếp):', 'Từ 01/1/2027: Cấp lại 70.000đ [1]']);
  });

  it('never opens a reply with a fact kept for later', () => {
    const r = renderDraft({
      lead: 'Thủ tục X, áp dụng ngày 29/11/2026:',
      facts: [
        fact(sheet, fee, 'Từ 01/1/2027: Cấp lại 70.000đ', { later: {} }),
        fact(sheet, fee, 'Phí, lệ phí: Cấp lại 35.000đ'),
      ],
      notes: [],
    });
    expect(r.text.split('\n')[0]).toBe('Phí, lệ phí: Cấp lại 35.000đ');
  });

  it('reads a question about a later year or "năm sau" as asking about the changes ahead', () => {
    expect(asksAhead('sau thang 3/2027 dang ky khai sinh o dau', '2026-11-29')).toBe(true);
    expect(asksAhead('nam sau le phi can cuoc bao nhieu', '2026-11-29')).toBe(true);
    expect(asksAhead('le phi can cuoc 2026 bao nhieu', '2026-11-29')).toBe(false);
    expect(asksAhead('lam lai can cuoc het bao nhieu', '2026-11-29')).toBe(false);
  });
});

describe('lines for one case', () => {
  const list = [
    'Tờ khai đăng ký khai sinh theo mẫu.',
    'Bản chính Giấy chứng sinh; nếu không có thì văn bản xác nhận của người làm chứng.',
    'Trẻ sinh ra do mang thai hộ thì có văn bản xác nhận của cơ sở y tế đã thực hiện.',
  ];

  it('wait behind "xem thêm" when the question does not name the case, a trailing "; nếu … thì …" with its whole line', () => {
    expect(splitCases(list, 'lam giay khai sinh cho con can giay to gi')).toEqual({
      shown: ['Tờ khai đăng ký khai sinh theo mẫu.', 'Bản chính Giấy chứng sinh'],
      later: [list[1], list[2]],
    });
  });

  it('stay in the reply when the question names the case', () => {
    expect(splitCases(list, 'con sinh ra nho mang thai ho thi khai sinh can giay gi').shown).toContain(list[2]);
  });

  it('never take the first line of a field whole, only its trailing clause', () => {
    const agency =
      'UBND cấp xã nơi cư trú cuối cùng của người chết; nếu không rõ nơi cư trú cuối cùng thì UBND cấp xã nơi người đó chết.';
    expect(splitCases([agency], 'khai tu o dau')).toEqual({
      shown: ['UBND cấp xã nơi cư trú cuối cùng của người chết'],
      later: [agency],
    });
    expect(splitCases(['Trẻ dưới 14 tuổi thì cha mẹ khai trên VNeID.'], 'lam can cuoc').shown).toHaveLength(1);
  });
});

describe('a line that says again what the reply already said', () => {
  const c1 = chunkOf(plan, 'p1', 'a');
  const c2 = chunkOf(plan, 'p2', 'b', { sectionPath: ['II. MỤC TIÊU', '2.4. Xã hội số'] });
  const first =
    '- Hoàn thiện mô hình quản trị số, hoạt động số, chuẩn hóa dữ liệu số, kho học liệu số tại các cơ sở giáo dục đạt tỷ lệ 40%.';

  it('is dropped when most of its word pairs and all of its figures were said', () => {
    const again =
      '- Tỷ lệ các cơ sở giáo dục hoàn thiện mô hình quản trị số, hoạt động số, chuẩn hóa dữ liệu số, kho học liệu số đạt tỷ lệ 40%.';
    const r = renderDraft({
      lead: 'Theo Kế hoạch 53/KH-UBND năm 2024:',
      facts: [fact(plan, c1, first), fact(plan, c2, again)],
      notes: [],
    });
    expect(r.text).not.toContain('Tỷ lệ các cơ sở giáo dục');
    expect(r.citations).toHaveLength(1);
  });

  it('stays when it brings a figure of its own', () => {
    const other =
      '- Tỷ lệ các cơ sở giáo dục hoàn thiện mô hình quản trị số, hoạt động số, chuẩn hóa dữ liệu số, kho học liệu số đạt tỷ lệ 60%.';
    const r = renderDraft({
      lead: 'Theo Kế hoạch 53/KH-UBND năm 2024:',
      facts: [fact(plan, c1, first), fact(plan, c2, other)],
      notes: [],
    });
    expect(r.text).toContain('60%');
  });
});

describe('replies from the real sources', () => {
  let built: TestKnowledge;
  let kb: KnowledgeBase;
  beforeAll(async () => {
    built = await buildTestKnowledge();
    kb = built.kb;
  }, 120_000);
  afterAll(async () => built?.cleanup());

  it('a fee question on a sheet with dated fees shows only the rule in force, with the change ahead behind "xem thêm"', async () => {
    const r = await answer('lam lai can cuoc bi mat het bao nhieu tien', { kb, asOf: '2026-11-29' });
    expect(r.answer).toContain('35.000đ');
    expect(r.answer).not.toContain('70.000đ');
    expect(r.answer).toMatch(/Còn \d+ mục \(lệ phí đổi từ 01\/1\/2027\)/);
    expect(r.more?.lines.join('\n')).toContain('70.000đ');
    expect(r.citations.map((c) => c.text).join('\n')).not.toContain('70.000đ');
  });

  it('a fee question about next year states the change ahead in the reply', async () => {
    const r = await answer('nam sau lam lai can cuoc bi mat het bao nhieu tien', { kb, asOf: '2026-11-29' });
    expect(r.answer).toMatch(/Từ 01\/1\/2027: .*70\.000đ/);
  });

  it('a "where" answer that names the commune level gets the short no-district note when the question names an old district, and none otherwise', async () => {
    const old = await answer('tôi ở Nhơn Trạch, xin giấy xác nhận tình trạng hôn nhân ở đâu', {
      kb,
      asOf: '2026-11-29',
    });
    expect(old.answer).toContain('UBND cấp xã');
    expect(old.answer).toContain('Từ 01/7/2025 không còn cấp huyện: xã, phường nơi bạn ở tiếp nhận.');
    const plain = await answer('xin giấy xác nhận tình trạng hôn nhân ở đâu', { kb, asOf: '2026-11-29' });
    expect(plain.answer).toContain('UBND cấp xã');
    expect(plain.answer).not.toContain('cấp huyện');
  });

  it('keeps a long first sentence under its heading when the other facts fill the reply', () => {
    const long =
      'Trực tuyến: Trẻ dưới 6 tuổi được làm trực tuyến liên thông khai sinh, đăng ký thường trú và cấp thẻ BHYT trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID (tổng thời gian không quá 03 ngày làm việc).';
    const others = Array.from({ length: 8 }, (_, i) =>
      fact(
        sheet,
        chunkOf(sheet, `c${i}`, 'x', { field: 'documents' }),
        `Hồ sơ ${i}: ${'giấy tờ cần mang theo '.repeat(6)}`,
      ),
    );
    const r = renderDraft({
      lead: 'Thủ tục Đăng ký khai sinh — tóm tắt, áp dụng ngày 29/11/2026:',
      facts: [fact(sheet, chunkOf(sheet, 'o', long, { field: 'online' }), long), ...others],
      notes: [],
    });
    const first = r.text.split('\n')[0] as string;
    expect(first.length).toBeLessThanOrEqual(160);
    expect(r.text).toContain('ứng dụng VNeID');
  });
});
