import { describe, expect, it } from 'vitest';
import type { Chunk, DocumentMeta } from '../knowledge/index.ts';
import { clauseCut, glanceFacts } from './broad.ts';
import { renderDraft, type DraftFact } from './reply.ts';
import { offerOnlyUnshown, oneSideNote } from './reply-lines.ts';

const sheet = {
  id: 'procedures/ks',
  title: 'Đăng ký khai sinh',
  number: null,
  type: 'procedure',
  issueDate: null,
  lastChecked: '2026-11-27',
} as DocumentMeta;
const chunk = (id: string, field: string): Chunk =>
  ({ id, documentId: sheet.id, sectionPath: [], page: null, ordinal: 0, text: id, field }) as unknown as Chunk;
const fact = (field: string, text: string): DraftFact => ({
  text,
  sources: [{ meta: sheet, chunk: chunk(field, field), used: [] }],
});
const SUMMARY = 'Thủ tục Đăng ký khai sinh — tóm tắt, áp dụng ngày 29/11/2026:';
const OFFER = 'Hỏi thêm: hồ sơ, lệ phí, thời hạn, nơi nộp, làm trực tuyến.';

describe('side notes', () => {
  it('show only the first, the others wait behind "xem thêm" as "lưu ý khác"', () => {
    const out = oneSideNote([
      fact('fee', 'Phí, lệ phí: Miễn.'),
      fact('overview', 'Lưu ý: Cả hai bên phải có mặt.'),
      fact('agency', 'Lưu ý: UBND cấp xã nơi cư trú.'),
    ]);
    expect(out.map((f) => f.later?.teaser ?? null)).toEqual([null, null, 'lưu ý khác']);
  });

  it('keep a later one that states an amount when the first states none', () => {
    const out = oneSideNote([
      fact('fee', 'Phí, lệ phí: Cấp đổi 25.000đ/thẻ.'),
      fact('overview', 'Lưu ý: Thủ tục gồm cấp thẻ, cấp đổi và cấp lại.'),
      fact('notes', 'Lưu ý: Chuyển từ CCCD sang thẻ căn cước 15.000đ.'),
    ]);
    expect(out.map((f) => f.later?.teaser ?? null)).toEqual([null, 'lưu ý khác', null]);
  });
});

describe('the "Hỏi thêm" note', () => {
  it('offers only the topics whose field heads no line of the reply', () => {
    const shown = ['Cơ quan: UBND cấp xã [1]', 'Hồ sơ: Tờ khai', 'Phí, lệ phí: Miễn', 'Trực tuyến: Có'];
    expect(offerOnlyUnshown(OFFER, shown)).toBe('Hỏi thêm: thời hạn, nơi nộp.');
  });

  it('is dropped when the reply shows every topic it offers', () => {
    const shown = ['Hồ sơ: a', 'Phí, lệ phí: b', 'Thời hạn: c', 'Nơi nộp: d', 'Trực tuyến: e'];
    expect(offerOnlyUnshown(OFFER, shown)).toBeNull();
  });

  it('leaves any other note as it is', () => {
    expect(offerOnlyUnshown('Lưu ý: "tỉnh" nay là Thành phố Đồng Nai.', ['Hồ sơ: a'])).toBe(
      'Lưu ý: "tỉnh" nay là Thành phố Đồng Nai.',
    );
  });
});

describe('a broad summary on a phone', () => {
  const summary = [
    fact('agency', 'Cơ quan: UBND cấp xã nơi cư trú của cha hoặc mẹ.'),
    fact('documents', 'Hồ sơ: Tờ khai theo mẫu; Bản chính Giấy chứng sinh.'),
    fact(
      'timeLimit',
      'Thời hạn: Giải quyết ngay trong ngày nhận đủ hồ sơ. Hồ sơ nhận sau 15 giờ mà không làm kịp thì có phiếu hẹn trả kết quả trong ngày làm việc tiếp theo, hoặc chậm nhất sau 03 ngày làm việc nếu phải xác minh.',
    ),
    fact('fee', 'Phí, lệ phí: Miễn lệ phí khi đăng ký đúng hạn.'),
    fact('online', 'Trực tuyến: Trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID.'),
  ];

  it('keeps the online field for "xem thêm", named in the "Còn N mục" line', () => {
    const r = renderDraft({ lead: SUMMARY, facts: summary, notes: [OFFER] });
    expect(r.text).not.toContain('Trực tuyến:');
    expect(r.text).toMatch(/Còn \d+ mục \(trực tuyến\) — hỏi "xem thêm"\./);
    expect(r.more?.lines.join('\n')).toContain('Trực tuyến: Trên Cổng Dịch vụ công quốc gia');
  });

  it('shows a long field up to its last sentence end within the glance, the rest under "Label (tiếp):"', () => {
    const r = renderDraft({ lead: SUMMARY, facts: summary, notes: [] });
    expect(r.text).toMatch(/^Thời hạn: Giải quyết ngay trong ngày nhận đủ hồ sơ\.(?: \[\d\])?$/m);
    expect(r.text).not.toContain('phiếu hẹn');
    expect(r.more?.lines).toContain('Thời hạn (tiếp):');
  });

  it('keeps the online field when it leads: the question asked about it', () => {
    const [online, ...rest] = [summary[4] as DraftFact, ...summary.slice(0, 4)];
    const r = renderDraft({ lead: SUMMARY, facts: [online, ...rest], notes: [] });
    expect(r.text.split('\n')[0]).toMatch(/^Trực tuyến: /);
  });

  it('leaves lines that answer the parts of a question whole when they are fewer than a summary', () => {
    const long = fact('conditions', `Điều kiện: ${'Đóng đủ 12 tháng trong 24 tháng. '.repeat(6).trim()}`);
    const out = glanceFacts([fact('fee', 'Phí, lệ phí: Miễn.'), long]);
    expect(out).toHaveLength(2);
    expect(out[1]?.text).toBe(long.text);
  });

  it('puts the answer, not a heading, on the first line when its first clauses fit there', () => {
    const first = fact(
      'documents',
      'Hồ sơ: Tờ khai đăng ký khai sinh theo mẫu; Bản chính Giấy chứng sinh; nếu không có thì văn bản xác nhận của người làm chứng; không có người làm chứng thì giấy cam đoan về việc sinh',
    );
    const r = renderDraft({ lead: SUMMARY, facts: [first, ...summary.slice(0, 3)], notes: [] });
    const line = r.text.split('\n')[0] as string;
    expect(line).toMatch(/^Hồ sơ: Tờ khai/);
    expect(line.length).toBeLessThanOrEqual(160);
    expect(r.more?.lines.join('\n')).toContain('giấy cam đoan về việc sinh');
  });

  it('names a too long first sentence by its procedure alone, without "tóm tắt" or the day', () => {
    const long = fact('conditions', `Mức hưởng là ${'sáu mươi phần trăm bình quân tiền lương '.repeat(5).trim()}.`);
    const r = renderDraft({ lead: SUMMARY, facts: [long], notes: [] });
    expect(r.text.split('\n')[0]).toBe('Thủ tục Đăng ký khai sinh:');
  });
});

describe('a cut in a summary line', () => {
  it('ends at a sentence or a "; " clause outside brackets', () => {
    expect(
      clauseCut('Hồ sơ: Xin phiếu trên VNeID (cần tài khoản mức 2; thí điểm 570); nộp trực tiếp nếu chưa có', 60),
    ).toBe(null);
    expect(clauseCut('Hồ sơ: Tờ khai theo mẫu; Giấy tờ tùy thân; Văn bản ủy quyền nếu nhờ người khác', 50)).toBe(
      'Hồ sơ: Tờ khai theo mẫu; Giấy tờ tùy thân',
    );
  });

  it('never parts a rule from the "Chỉ áp dụng cho …" that restricts it', () => {
    expect(
      clauseCut('Phí, lệ phí: Miễn lệ phí đến hết 28/02/2027; Chỉ áp dụng cho công dân có VNeID mức 2; khác', 80),
    ).toBeNull();
  });
});

describe('an English reply', () => {
  it('does not name the sheet in its lead: the source line does', () => {
    const r = renderDraft({
      lead: 'From the procedure sheet "Đăng ký khai sinh" (quoted in Vietnamese):',
      leadFirst: true,
      facts: [fact('fee', 'Phí, lệ phí: Miễn lệ phí.')],
      notes: [],
    });
    expect(r.text.split('\n')).toEqual([
      'From the procedure sheet (quoted in Vietnamese):',
      'Phí, lệ phí: Miễn lệ phí.',
      'Nguồn: Đăng ký khai sinh — Phí, lệ phí',
    ]);
  });
});
