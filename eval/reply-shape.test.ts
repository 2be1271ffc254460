import { describe, expect, it } from 'vitest';
import { aggregate, scoreQuestion, summarise, type QuestionRun } from './metrics.ts';
import { figuresIn, inventedFigures, replyShape, summariseShapes } from './reply-shape.ts';

describe('the shape of a reply', () => {
  it('measures the first non-empty line and the whole reply in characters', () => {
    const s = replyShape('\nMiễn lệ phí khai tử.\nNguồn: Luật Hộ tịch 2014, Điều 11');
    expect(s.firstLineChars).toBe('Miễn lệ phí khai tử.'.length);
    expect(s.chars).toBe([...'\nMiễn lệ phí khai tử.\nNguồn: Luật Hộ tịch 2014, Điều 11'].length);
  });

  it('counts lines cut with an ellipsis, a comma or a dangling connective, behind citation marks and bullets', () => {
    const s = replyShape(
      'Lệ phí 35.000đ. [1]\nTrẻ em, người cao tuổi… [2]\n- …danh mục dữ liệu mở [1]\nHồ sơ gồm tờ khai và\nNộp tại Công an cấp xã,\n- Tờ khai theo mẫu;\n- hạ tầng IOT... [1]\n- Người bị kết… án được xóa án tích\n- Tài liệu, sách, báo… Phải nộp bản chính',
    );
    expect(s.cutLines).toEqual([
      'Trẻ em, người cao tuổi… [2]',
      '- …danh mục dữ liệu mở [1]',
      'Hồ sơ gồm tờ khai và',
      'Nộp tại Công an cấp xã,',
      '- Người bị kết… án được xóa án tích',
    ]);
  });

  it('counts each extra copy of a repeated line or sentence, not short ones nor the source list', () => {
    const line = 'Giảm 50% lệ phí từ 01/7/2025 đến hết 31/12/2026.';
    const reply = `${line} [1]\nCấp lại 35.000đ\nTrước đó: Cấp lại 70.000đ; ${line}\n- Có\n- Có\n${line}\nNguồn:\n[1] Thông tư 64/2025/TT-BTC, mục Phí\n[2] Thông tư 64/2025/TT-BTC, mục Phí`;
    expect(replyShape(reply).repeatedLines).toEqual([line.slice(0, -1), line.slice(0, -1)]);
  });

  it('summarises lengths over answered replies only, cuts and repeats over all', () => {
    const sum = summariseShapes([
      { shape: replyShape('a'.repeat(100)), refused: false },
      { shape: replyShape(`${'b'.repeat(200)}\nrest`), refused: false },
      { shape: replyShape('Xin lỗi, nguồn tài liệu của tôi chưa có thông tin này, và'), refused: true },
    ]);
    expect(sum).toMatchObject({
      replies: 2,
      firstLineMedian: 150,
      firstLineMax: 200,
      firstLineShortShare: 0.5,
      charsMax: 205,
      cutLines: 1,
      repeatedLines: 0,
    });
  });
});

describe('invented figures', () => {
  it('finds money amounts, day counts and percentages, not years before a place name', () => {
    expect(
      figuresIn('Năm 2026 Đồng Nai thu 30.000 đồng, 2.000đ/trang, trong 15 ngày, đạt 50%, 3 working days, 30 nghìn'),
    ).toEqual(['30.000 đồng', '2.000đ', '15 ngày', '50%', '3 working days', '30 nghìn']);
  });

  it('flags a figure found in no cited chunk, and accepts other spellings and the question’s own figures', () => {
    const cited = ['Cấp lại thẻ căn cước 35.000đ/thẻ. 07 ngày làm việc kể từ khi nhận đủ hồ sơ.'];
    expect(inventedFigures('Phí 35,000 đồng, có thẻ sau 7 ngày.', cited, 'q')).toEqual([]);
    expect(inventedFigures('Phí 70.000đ, có thẻ sau 15 ngày.', cited, 'q')).toEqual(['70.000đ', '15 ngày']);
    expect(inventedFigures('Con bạn sinh đã 70 ngày: vẫn đăng ký được.', [], 'con tôi sinh được 70 ngày rồi')).toEqual(
      [],
    );
  });
});

describe('a total worked out in the reply', () => {
  const cited = ['2.000đ/trang cho trang thứ nhất và thứ hai. Từ trang thứ ba trở đi 1.000đ/trang.'];

  it('is not invented when its amounts are cited and the sum is right', () => {
    expect(inventedFigures('5 trang: 2 × 2.000đ + 3 × 1.000đ = 7.000đ/bản.', cited, 'sao y 5 trang')).toEqual([]);
  });

  it('is invented when the sum is wrong', () => {
    expect(inventedFigures('5 trang: 2 × 2.000đ + 3 × 1.000đ = 8.000đ/bản.', cited, 'sao y 5 trang')).toEqual([
      '8.000đ',
    ]);
  });

  it('is invented when an amount in the working comes from no source', () => {
    expect(inventedFigures('5 trang: 2 × 2.000đ + 3 × 1.500đ = 8.500đ/bản.', cited, 'sao y 5 trang')).toEqual([
      '1.500đ',
      '8.500đ',
    ]);
  });
});

describe('refusal precision and recall', () => {
  const run = (id: string, answerable: boolean, refused: boolean, tags: string[] = []): QuestionRun => ({
    id,
    question: id,
    answerable,
    answer: '',
    evidence: null,
    tags,
    reply: refused ? 'Xin lỗi' : 'Có',
    refused,
    citations: [],
    retrieved: [],
    latencyMs: 1,
    must: answerable ? [['co']] : [],
    mustNot: [],
    set: 'fresh.jsonl',
  });

  it('treats refusal as the positive class', () => {
    const runs = [
      run('a', false, true),
      run('b', false, false),
      run('c', true, true),
      run('d', true, false),
      run('e', true, false),
    ];
    const m = aggregate(runs, runs.map(scoreQuestion));
    expect(m.refusalPrecision).toBe(0.5);
    expect(m.refusalRecall).toBe(0.5);
    expect(m.correct).toBeCloseTo(3 / 5);
  });

  it('gives each tag and each set its own figures', () => {
    const runs = [run('a', true, false, ['yesno']), run('b', true, true, ['yesno', 'story'])];
    const s = summarise(runs, runs.map(scoreQuestion));
    expect(Object.keys(s.styles)).toEqual(['story', 'yesno']);
    expect(s.styles.yesno?.correct).toBe(0.5);
    expect(s.styles.story?.correct).toBe(0);
    expect(s.sets['fresh.jsonl']?.questions).toBe(2);
    expect(m0(s.refusalPrecision)).toBe(0);
  });
});

const m0 = (x: number | null) => x ?? -1;
