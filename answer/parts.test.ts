import { describe, expect, it } from 'vitest';
import { toVariants, type Chunk, type DocumentMeta } from '../knowledge/index.ts';
import { CitationLedger, shortSection, sourceLabel, verbatimSpan } from './citations.ts';
import { parseCliArgs } from './cli-args.ts';
import { parseAnswerConfig } from './config.ts';
import { yesNoWord } from './best-line.ts';
import { agedLine } from './sheet-answer-lines.ts';
import { addDays, stateRule, todayInVietnam } from './dated-rules.ts';
import { readIntent } from './intent.ts';
import { renderDraft } from './reply.ts';
import { detectSmalltalk, smalltalkReply } from './smalltalk.ts';

describe('reading what a question asks', () => {
  const cases: Array<[string, string[]]> = [
    ['lam giay khai sinh can giay to gi', ['documents']],
    ['làm căn cước cần mang những gì', ['documents']],
    ['dang ky tam tru mat bao lau', ['timeLimit']],
    ['mấy ngày thì có kết quả', ['timeLimit']],
    ['le phi bn', ['fee']],
    ['lam lai can cuoc bi mat het bao nhieu tien', ['fee']],
    ['đăng ký kết hôn tốn bao nhiêu', ['fee']],
    ['khai tu nop o dau', ['agency', 'whereToFile']],
    ['muốn đăng ký hộ kinh doanh thì lên đâu nộp', ['agency', 'whereToFile']],
    ['cơ quan nào giải quyết', ['agency', 'whereToFile']],
    ['lam ly lich tu phap online dc ko', ['online']],
    ['theo luật nào', ['legalBasis']],
    ['hồ sơ và lệ phí đăng ký thường trú', ['documents', 'fee']],
  ];
  it.each(cases)('reads "%s" as asking %j', (question, fields) => {
    expect(readIntent(question).fields.sort()).toEqual([...fields].sort());
  });

  it('finds no topic in a bare follow-up but keeps the topic words of a full question', () => {
    expect(readIntent('còn lệ phí thì sao?').topicTerms).toEqual([]);
    expect(readIntent('le phi bao nhieu').topicTerms).toEqual([]);
    expect(readIntent('lam giay khai sinh can giay to gi').topicTerms).toEqual(
      expect.arrayContaining(['khai', 'sinh']),
    );
  });

  it('notices when a question wants a money figure or a percentage', () => {
    expect(readIntent('ngân sách thực hiện kế hoạch là bao nhiêu tỷ').wants).toBe('money');
    expect(readIntent('ty le ho so giai quyet truc tuyen cap xa 2024 la bao nhieu').wants).toBe('percent');
  });
});

describe('smalltalk', () => {
  it.each(['chào bạn', 'xin chao ad', 'Cảm ơn nhiều nhé', 'help', 'hướng dẫn', 'bạn làm được gì?', 'hi'])(
    'treats "%s" as smalltalk',
    (q) => {
      expect(detectSmalltalk(q)).not.toBeNull();
    },
  );
  it.each(['chào bạn, làm căn cước cần gì', 'hướng dẫn làm tạm trú online', 'cam on, con le phi thi sao'])(
    'does not treat "%s" as smalltalk',
    (q) => {
      expect(detectSmalltalk(q)).toBeNull();
    },
  );
  it('answers help with example questions and the hotline', () => {
    const reply = smalltalkReply('help');
    expect(reply).toMatch(/1022/);
    expect(reply.split('\n').filter((l) => l.startsWith('- ')).length).toBeGreaterThanOrEqual(3);
  });
});

describe('dated rules', () => {
  // The căn cước fee as the sheet stores it (facts file §7, U3), reduced to the cấp lại amounts.
  const fee = toVariants([
    { value: 'Cấp lại 70.000đ', to: '2025-06-30' },
    { value: 'Cấp lại 35.000đ', from: '2025-07-01', to: '2026-12-31' },
    { value: 'Miễn lệ phí', from: '2026-08-15', to: '2027-02-28', condition: 'có tài khoản VNeID mức 2' },
    { value: 'Cấp lại 70.000đ', from: '2027-01-01' },
  ]);

  it('states the waiver with its condition, the reduced fee otherwise, and the changes ahead on 2026-11-27', () => {
    const rule = stateRule(fee, '2026-11-27');
    expect(rule.current).toEqual(['Miễn lệ phí (nếu có tài khoản VNeID mức 2)', 'Trường hợp khác: Cấp lại 35.000đ']);
    expect(rule.upcoming[0]).toMatch(/^Từ 01\/1\/2027: .*70\.000đ/);
    expect(rule.upcoming[1]).toBe('Từ 01/3/2027: Cấp lại 70.000đ');
    expect(rule.changeDates).toEqual(['2027-01-01', '2027-03-01']);
  });

  it('states only the plain fee on 2027-03-15', () => {
    const rule = stateRule(fee, '2027-03-15');
    expect(rule.current).toEqual(['Cấp lại 70.000đ']);
    expect(rule.upcoming).toEqual([]);
  });

  it('lets a dated general variant override an open-ended one on overlapping days', () => {
    const rule = stateRule(
      toVariants([{ value: 'A' }, { value: 'B', from: '2026-01-01', to: '2026-12-31' }]),
      '2026-06-01',
    );
    expect(rule.current).toEqual(['B']);
  });

  it('takes today in Vietnam from the clock, not the machine time zone', () => {
    expect(todayInVietnam(() => new Date('2026-11-26T18:30:00Z'))).toBe('2026-11-27');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

const plan: DocumentMeta = {
  id: 'plans/kh53',
  title: 'Kế hoạch chuyển đổi số tỉnh Đồng Nai năm 2024',
  number: '53/KH-UBND',
  issuer: null,
  issueDate: '2024-02-15',
  effectiveDate: null,
  expiryDate: '2024-12-31',
  supersededBy: null,
  type: 'plan',
  sourceUrl: null,
  audience: 'both',
  sourcePath: 'plans/kh53.txt',
  inferred: [],
};
const chunk = (text: string, id = 'c1'): Chunk => ({
  id,
  documentId: plan.id,
  sectionPath: ['II. MỤC TIÊU', '2. Mục tiêu cụ thể', '2.2. Chính quyền số'],
  page: null,
  ordinal: 0,
  text,
});

describe('citations', () => {
  it('labels a plan section the way people cite it', () => {
    expect(shortSection(chunk('x').sectionPath)).toBe('II.2.2 Chính quyền số');
    expect(sourceLabel(plan, chunk('x'))).toBe('Kế hoạch 53/KH-UBND (15/02/2024), mục II.2.2 Chính quyền số');
  });

  it('labels a procedure field with its last-checked date', () => {
    const sheet = {
      ...plan,
      id: 'procedures/ks',
      title: 'Đăng ký khai sinh',
      number: null,
      type: 'procedure' as const,
      lastChecked: '2026-11-27',
    };
    expect(sourceLabel(sheet, { ...chunk('x'), field: 'fee' })).toBe(
      'Thủ tục Đăng ký khai sinh — Phí, lệ phí (kiểm tra 27/11/2026)',
    );
  });

  it('names a procedure once on one source line for all of its fields, and keeps other documents apart', () => {
    const sheet = {
      ...plan,
      id: 'procedures/ks',
      title: 'Đăng ký khai sinh',
      number: null,
      type: 'procedure' as const,
      lastChecked: '2026-11-27',
    };
    const ledger = new CitationLedger();
    ledger.cite(sheet, { ...chunk('Phí: miễn', 'f'), documentId: sheet.id, field: 'fee' }, ['miễn']);
    ledger.cite(sheet, { ...chunk('Thời hạn: ngay', 't'), documentId: sheet.id, field: 'timeLimit' }, ['ngay']);
    ledger.cite(plan, chunk('Mục tiêu', 'p'), ['Mục tiêu']);
    expect(ledger.lines()).toEqual([
      '[1] Đăng ký khai sinh — Phí, lệ phí; [2] Thời hạn',
      '[3] Kế hoạch 53/KH-UBND (15/2/2024), mục II.2.2 Chính quyền số',
    ]);
  });

  it('cites a list value written with "; " or bullets in the chunk, and falls back to a verbatim prefix', () => {
    const text = 'Phí:\n- Từ 01/07/2025: A; B\n- C';
    expect(verbatimSpan(text, ['A\nB'])).toBe('A; B');
    expect(text).toContain(verbatimSpan(text, ['not there']));
  });
});

describe('reply budget', () => {
  it('never exceeds 2000 characters and cites only the facts it shows', () => {
    const long = 'Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 80% tại cấp sở. '.repeat(12);
    const facts = Array.from({ length: 8 }, (_, i) => ({
      text: long,
      sources: [{ meta: plan, chunk: chunk(long, `c${i}`), used: [long.trim()] }],
    }));
    const reply = renderDraft({ lead: 'Theo Kế hoạch 53/KH-UBND năm 2024:', facts, notes: ['Lưu ý: nguồn cũ.'] });
    expect(reply.text.length).toBeLessThanOrEqual(2000);
    if (reply.citations.length > 1) for (const c of reply.citations) expect(reply.text).toContain(`[${c.n}]`);
    expect(reply.citations.length).toBeLessThan(8);
  });
});

describe('program settings', () => {
  it('reports every bad variable at once', () => {
    const bad = () => parseAnswerConfig({ LLM_BASE_URL: 'not a url', EMBEDDINGS_PROVIDER: 'magic' });
    expect(bad).toThrow(
      expect.objectContaining({
        code: 'E_CONFIG',
        message: expect.stringMatching(/LLM_BASE_URL[\s\S]*EMBEDDINGS_PROVIDER|EMBEDDINGS_PROVIDER[\s\S]*LLM_BASE_URL/),
      }),
    );
  });

  it('stays extractive without LLM_BASE_URL and asks for a model when it is set', () => {
    expect(parseAnswerConfig({}).llm).toBeNull();
    expect(() => parseAnswerConfig({ LLM_BASE_URL: 'http://127.0.0.1:1/v1' })).toThrow(
      expect.objectContaining({ code: 'E_CONFIG' }),
    );
    const cfg = parseAnswerConfig({ LLM_BASE_URL: 'http://127.0.0.1:1/v1', LLM_MODEL: 'm', LLM_API_KEY: 'sk-secret' });
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(cfg.llm?.model).toBe('m');
  });

  it('rejects a malformed --as-of and --k with E_ARGS', () => {
    const opts = { allowJson: true, allowQuestion: true };
    expect(() => parseCliArgs(['--as-of', '2026-02-30', 'q'], opts)).toThrow(
      expect.objectContaining({ code: 'E_ARGS' }),
    );
    expect(() => parseCliArgs(['--k', 'zero', 'q'], opts)).toThrow(expect.objectContaining({ code: 'E_ARGS' }));
    expect(parseCliArgs(['--json', '--k', '5', 'le', 'phi'], opts)).toMatchObject({
      json: true,
      k: 5,
      question: 'le phi',
    });
  });
});

describe('English questions', () => {
  it('reads an English question through the glossary and leaves unaccented Vietnamese alone', async () => {
    const { looksEnglish } = await import('./intent.ts');
    expect(looksEnglish('How much does a driving licence renewal cost?')).toBe(true);
    expect(looksEnglish('dang ky ket hon can giay to gi')).toBe(false);
    expect(looksEnglish('the can cuoc bi mat lam lai o dau')).toBe(false);
    expect(readIntent('How much does a driving licence renewal cost?').fields).toContain('fee');
  });
});

describe('an age in the question picks the sheet line whose bound it meets', () => {
  it('matches "dưới 6 tuổi" for a 4-year-old and not for a 15-year-old', () => {
    expect(agedLine('tre duoi 6 tuoi khong phai thu sinh trac hoc', [4])).toBe(1);
    expect(agedLine('tre duoi 6 tuoi khong phai thu sinh trac hoc', [15])).toBe(0);
  });

  it('matches "từ đủ 16 tuổi" for a 17-year-old only', () => {
    expect(agedLine('nguoi tu du 16 tuoi tu yeu cau', [17])).toBe(1);
    expect(agedLine('nguoi tu du 16 tuoi tu yeu cau', [12])).toBe(0);
  });
});

describe('a yes/no question starts with Có, Không or Được only when the line says so', () => {
  it('answers "Không" to a fee question when the line opens with the exemption', () => {
    expect(
      yesNoWord(
        'dang ky ket hon co mat tien khong',
        'Miễn lệ phí đăng ký kết hôn cho công dân Việt Nam cư trú trong nước.',
      ),
    ).toBe('Không');
  });

  it('answers "Không" when the line negates what is asked, and nothing when the line is a conditional rule', () => {
    expect(
      yesNoWord('khai sinh co can giay dang ky ket hon khong', 'Không phải nộp Giấy chứng nhận kết hôn của cha mẹ.'),
    ).toBe('Không');
    expect(
      yesNoWord(
        'bang lai qua han 2 thang thi co phai thi lai khong',
        'Quá hạn dưới 1 tháng vì ốm đau thì không phải thi lại lý thuyết.',
      ),
    ).toBeNull();
  });

  it('says nothing when the line does not answer the question asked', () => {
    expect(
      yesNoWord(
        'xin phieu ly lich tu phap cho con duoc khong',
        'Từ 01/3/2025 do Công an cấp tỉnh cấp; có thể xin trực tuyến.',
      ),
    ).toBeNull();
  });
});
