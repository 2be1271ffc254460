import { describe, expect, it } from 'vitest';
import { aggregate, evidenceRank, percentile, scoreQuestion, summarise, type QuestionRun } from './metrics.ts';
import { answerMatches, coverage, extractNumbers, holdsEvidence } from './text-match.ts';
import { isEnglish, isMultiPart, slicesOf } from './slices.ts';

const EVIDENCE = 'Tỷ lệ hộ gia đình có đường internet cáp quang băng rộng trên 86%';

function run(over: Partial<QuestionRun> = {}): QuestionRun {
  return {
    id: 'q1',
    question: 'ty le ho gia dinh co internet cap quang la bao nhieu',
    answerable: true,
    answer: 'Trên 86%',
    evidence: EVIDENCE,
    tags: [],
    reply: 'Theo kế hoạch, tỷ lệ hộ gia đình có internet cáp quang phải trên 86% [1].',
    refused: false,
    citations: [{ documentId: 'plan', section: '2.4', text: EVIDENCE }],
    retrieved: [
      { documentId: 'plan', section: '2.3', text: 'Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt 70%.', score: 3 },
      {
        documentId: 'plan',
        section: '2.4',
        text: `- ${EVIDENCE}.\n- Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử trên 50%.`,
        score: 2,
      },
    ],
    latencyMs: 4,
    ...over,
  };
}

describe('evidence matching', () => {
  it('finds the evidence in a chunk whatever the accents and line wrapping', () => {
    const chunk = 'Tỷ lệ hộ gia đình có đường\ninternet cáp quang băng rộng trên 86%.';
    expect(holdsEvidence(chunk, EVIDENCE)).toBe(true);
  });

  it('needs at least 80% of the evidence syllables in one chunk', () => {
    const half = 'Tỷ lệ hộ gia đình có đường';
    expect(coverage(EVIDENCE, half)).toBeLessThan(0.8);
    expect(holdsEvidence(half, EVIDENCE)).toBe(false);
  });

  it('ranks the first chunk that holds the evidence, 1-based', () => {
    expect(evidenceRank(run().retrieved, EVIDENCE)).toBe(2);
    expect(evidenceRank([{ text: 'không liên quan' }], EVIDENCE)).toBeNull();
  });
});

describe('number normalisation', () => {
  it('reads 30.000đ, 30,000 đồng, 30000 and 30 nghìn as the same amount', () => {
    for (const s of ['30.000đ', '30,000 đồng', '30000', '30 nghìn đồng', '30k'])
      expect(extractNumbers(s)).toEqual(['30000']);
  });

  it('keeps Vietnamese decimal commas and splits dates into day, month and year', () => {
    expect(extractNumbers('đạt 99,8%')).toEqual(['99.8']);
    expect(extractNumbers('ngày 05/5/2022')).toEqual(['5', '5', '2022']);
    expect(extractNumbers('ngày 05 tháng 5 năm 2022')).toEqual(['5', '5', '2022']);
    expect(extractNumbers('1.234.567 đồng')).toEqual(['1234567']);
  });

  it('does not turn "40 trên" into millions', () => {
    expect(extractNumbers('đạt 40 trên tổng số')).toEqual(['40']);
  });
});

describe('answer accuracy', () => {
  it('accepts a reply that carries every gold number in another spelling', () => {
    expect(
      answerMatches(
        'Lệ phí 15.000đ, trả trong 07 ngày làm việc',
        'Phí là 15,000 đồng; có kết quả sau 7 ngày làm việc.',
      ),
    ).toBe(true);
  });

  it('rejects a reply missing one of the gold numbers', () => {
    expect(
      answerMatches('80% cấp sở, 40% cấp huyện, 30% cấp xã', 'Tối thiểu 80% tại cấp sở và 40% tại cấp huyện.'),
    ).toBe(false);
  });

  it('falls back to word coverage when the gold answer has no number', () => {
    expect(
      answerMatches(
        'Thành phố Biên Hòa và thành phố Long Khánh',
        'Thí điểm tại thành phố Biên Hòa và thành phố Long Khánh.',
      ),
    ).toBe(true);
    expect(answerMatches('Thành phố Biên Hòa và thành phố Long Khánh', 'Kế hoạch không nói rõ.')).toBe(false);
  });
});

describe('scoring one question', () => {
  it('scores hits, MRR, answer and citation for an answered question', () => {
    const s = scoreQuestion(run());
    expect(s).toMatchObject({
      rank: 2,
      hit1: false,
      hit5: true,
      rr10: 0.5,
      answerCorrect: true,
      citationCorrect: true,
      refusalCorrect: true,
    });
  });

  it('counts a refusal of an answerable question as a wrong answer and a wrong refusal', () => {
    const s = scoreQuestion(run({ refused: true, reply: 'Xin lỗi, tôi chưa tìm thấy.', citations: [] }));
    expect(s).toMatchObject({ answerCorrect: false, citationCorrect: false, refusalCorrect: false });
  });

  it('counts a refusal of an unanswerable question as correct, with no retrieval score', () => {
    const s = scoreQuestion(run({ answerable: false, evidence: null, refused: true, question: 'giá vé máy bay?' }));
    expect(s).toMatchObject({ hit1: null, hit5: null, rr10: null, answerCorrect: true, refusalCorrect: true });
    expect(s.slices).toContain('unanswerable');
  });
});

describe('aggregates', () => {
  it('uses the nearest-rank percentile', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([], 95)).toBe(0);
  });

  it('averages answer accuracy over answerable questions only and splits by slice', () => {
    const runs = [
      run(),
      run({ id: 'q2', question: 'Tỷ lệ hộ gia đình có cáp quang là bao nhiêu?', reply: 'không rõ', latencyMs: 10 }),
      run({
        id: 'q3',
        answerable: false,
        evidence: null,
        refused: false,
        question: 'What is the budget?',
        tags: ['en'],
        latencyMs: 2,
      }),
    ];
    const scores = runs.map(scoreQuestion);
    const m = aggregate(runs, scores);
    expect(m.answerAccuracy).toBe(0.5);
    expect(m.hit5).toBe(1);
    expect(m.refusalAccuracy).toBeCloseTo(2 / 3);
    expect(m.latencyMs).toEqual({ p50: 4, p95: 10, max: 10 });
    const sum = summarise(runs, scores);
    expect(sum.slices.accented?.questions).toBe(1);
    expect(sum.slices['unaccented/abbrev']?.questions).toBe(1);
    expect(sum.slices.english?.refusalAccuracy).toBe(0);
  });
});

describe('slices', () => {
  it('puts phone-typed Vietnamese in the unaccented slice and English in its own', () => {
    expect(slicesOf({ question: 'lam cccd can gi', answerable: true })).toEqual(['unaccented/abbrev']);
    expect(slicesOf({ question: 'Làm CCCD cần gì?', answerable: true })).toEqual(['accented', 'unaccented/abbrev']);
    expect(isEnglish('How much does a new ID card cost?')).toBe(true);
    expect(isEnglish('dk khai sinh o dau ad')).toBe(false);
  });

  it('sees two questions in one message as multi-part', () => {
    expect(isMultiPart('ho so gom gi va le phi bao nhieu')).toBe(true);
    expect(isMultiPart('lệ phí bao nhiêu')).toBe(false);
  });
});
