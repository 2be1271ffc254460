import { describe, expect, it } from 'vitest';
import { sheetFixture } from './test-support.ts';
import type { Chunk, DatedVariant } from '../knowledge/index.ts';
import { readFrame } from './frame.ts';
import { readIntent } from './intent.ts';
import { unitScore } from './parts-facets.ts';
import { answerParts, questionParts } from './parts.ts';
import { yesNoWord } from './best-line.ts';
import { askedUnit, belowMinimum, boundScore, quantitiesIn, quantityVerdict, statedQuantities } from './quantities.ts';
import type { Draft } from './reply.ts';
import { focusVariants } from './rule-lines.ts';
import { asksYesNo, isYesNo } from './yes-no.ts';

const { sheet, chunk } = sheetFixture('tro-cap-y', 'Hưởng trợ cấp Y');

const chunks: Chunk[] = [
  chunk(
    'overview',
    'Hưởng trợ cấp Y\nNgười đã nghỉ việc nộp hồ sơ trong 03 tháng kể từ ngày nghỉ. Nghỉ muộn hơn vẫn làm được và không bị phạt.',
    'o',
  ),
  chunk(
    'conditions',
    'Điều kiện:\n- Đã nghỉ việc.\n- Đã đóng bảo hiểm đủ 12 tháng trong 24 tháng trước khi nghỉ.\n- Mỗi người chỉ được đăng ký một hộ.',
    'c',
  ),
  chunk('notes', 'Lưu ý:\n- Khách đến sau 22 giờ thì báo trước 08 giờ sáng hôm sau.', 'n'),
];

const overviewDraft = (): Draft => ({
  lead: 'Thủ tục Hưởng trợ cấp Y — tóm tắt, áp dụng ngày 29/11/2026:',
  facts: [{ text: 'Thời hạn: 10 ngày làm việc.', sources: [] }],
  notes: [],
});

describe('numbers with a unit in a question and in a line', () => {
  it('reads digits, number words and a unit typed onto its number', () => {
    expect(quantitiesIn('dong du 12 thang trong 24 thang').map((q) => [q.value, q.unit, q.bound])).toEqual([
      [12, 'thang', true],
      [24, 'thang', true],
    ]);
    expect(quantitiesIn('chi duoc dang ky mot ho').map((q) => [q.value, q.unit])).toEqual([[1, 'ho']]);
    expect(quantitiesIn('bao truoc 23h').map((q) => [q.value, q.unit])).toEqual([[23, 'gio']]);
  });

  it('reads the unit asked after "mấy" or "bao nhiêu", an hour typed as "h" included', () => {
    expect(askedUnit('duoc may ho kinh doanh')).toBe('ho');
    expect(askedUnit('bao truoc may h')).toBe('gio');
    expect(askedUnit('het bao nhieu tien')).toBeNull();
  });

  it('scores "một hộ" for "mấy hộ" and "23 giờ" for "mấy h", and a limit above a plain number', () => {
    expect(unitScore('duoc may ho', ' moi nguoi chi duoc dang ky mot ho ')).toBeGreaterThan(0);
    expect(unitScore('bao truoc may h', ' thong bao truoc 23 gio ')).toBeGreaterThan(0);
    expect(unitScore('toi da may thang', ' duoc huong toi da 12 thang ')).toBeGreaterThan(
      unitScore('toi da may thang', ' cua 06 thang lien ke '),
    );
  });

  it('reads no count in a date before a word, and scores the same thing counted above another', () => {
    expect(quantitiesIn('truoc 01 7 2025 ho kinh doanh dang ky cap huyen')).toEqual([]);
    expect(unitScore('duoc may ho kinh doanh', ' chi duoc dang ky mot ho kinh doanh ')).toBeGreaterThan(
      unitScore('duoc may ho kinh doanh', ' ho tro mot ho gia dinh '),
    );
  });

  it('takes only numbers in digits as what a question states ("ba" may be a father)', () => {
    expect(statedQuantities('dong duoc 10 thang thi co duoc khong').map((q) => q.value)).toEqual([10]);
    expect(statedQuantities('ba toi muon lam the')).toEqual([]);
  });

  it('ranks the bound closest to the stated number first, and no plain mention or other unit at all', () => {
    const stated = statedQuantities('dong duoc 10 thang');
    const ranked = [' dong du 12 thang ', ' nop trong 03 thang ', ' luong 06 thang lien ke ', ' phi 20 000 dong ']
      .map((l) => ({ l, s: boundScore(stated, l) }))
      .sort((a, b) => b.s - a.s)
      .map((x) => [x.l.trim(), x.s > 0]);
    expect(ranked).toEqual([
      ['dong du 12 thang', true],
      ['nop trong 03 thang', true],
      ['luong 06 thang lien ke', false],
      ['phi 20 000 dong', false],
    ]);
    expect(boundScore(statedQuantities('rut 1 lan duoc khong'), ' huong bao hiem xa hoi mot lan ')).toBe(0);
    expect(boundScore(statedQuantities('con sinh duoc 4 thang'), ' dang ky trong 60 ngay ')).toBeGreaterThan(2.5);
  });
});

describe('a stated number against the bounds a line sets', () => {
  it('meets "từ 1 năm trở lên" and fails "dưới 1 năm" with 2 years, comparing months with years', () => {
    const late = statedQuantities('bang lai qua han 2 nam');
    expect(quantityVerdict(late, 'qua han tu 1 nam tro len thi sat hach lai ca ly thuyet')).toBe('meets');
    expect(quantityVerdict(late, 'giay phep qua han duoi 1 nam thi sat hach lai ly thuyet')).toBe('fails');
    expect(quantityVerdict(late, 'qua han duoi 1 thang vi om dau')).toBe('fails');
    expect(quantityVerdict(late, 'nop tai cong an cap xa')).toBeNull();
  });

  it('leads with the rule the person’s number meets, not the first rule of the list', () => {
    const rules: Chunk[] = [
      chunk(
        'conditions',
        'Điều kiện:\n- Giấy quá hạn dưới 1 năm thì phải thi lại lý thuyết.\n- Quá hạn từ 1 năm trở lên thì thi lại cả lý thuyết và thực hành.',
        'r',
      ),
    ];
    const draft = overviewDraft();
    answerParts(draft, sheet, rules, readFrame('giay qua han 2 nam thi phai thi lai nhung gi'), '2026-11-29');
    expect(draft.facts[0]?.text).toContain('từ 1 năm trở lên');
  });
});

describe('the line that answers a condition, a limit or a count', () => {
  it('answers "mấy tháng" with the line that counts months, the story’s own years being no bound on it', () => {
    const counts: Chunk[] = [
      chunk('notes', 'Lưu ý:\n- Đóng 12–36 tháng được hưởng 3 tháng; tối đa 12 tháng.', 'k'),
      chunk('conditions', 'Điều kiện:\n- Nộp hồ sơ trong 03 tháng kể từ ngày nghỉ.', 'p'),
    ];
    const draft = overviewDraft();
    const frame = readFrame('lam duoc 4 nam thi nghi. Gio duoc huong tro cap Y may thang');
    answerParts(draft, sheet, counts, frame, '2026-11-29');
    expect(draft.facts[0]?.text).toContain('được hưởng 3 tháng');
  });

  it('leads a yes/no question that states its own number with the condition bounding it', () => {
    const draft = overviewDraft();
    answerParts(
      draft,
      sheet,
      chunks,
      readFrame('dong bao hiem duoc 10 thang thi co huong tro cap Y duoc ko'),
      '2026-11-29',
    );
    expect(draft.facts[0]?.text).toContain('12 tháng trong 24 tháng');
  });

  it('says Chưa when the number the person states is below the minimum the leading line sets, and nothing when above', () => {
    const frame = readFrame('dong bao hiem duoc 10 thang thi co huong tro cap Y duoc ko');
    const draft = overviewDraft();
    answerParts(draft, sheet, chunks, frame, '2026-11-29');
    expect(draft.facts[0]?.text).toMatch(/^Chưa\. /);
    expect(yesNoWord('dong duoc 14 thang thi co huong duoc khong', 'Đã đóng đủ 12 tháng trong 24 tháng.')).toBeNull();
    expect(belowMinimum(statedQuantities('dong duoc 2 nam'), 'dong du 12 thang')).toBe(false);
  });

  it('says Có or Không from the rule whose bound the person’s number meets, and nothing from one it fails', () => {
    const q = 'bang lai qua han 2 thang roi co phai thi lai khong';
    expect(yesNoWord(q, 'Giấy phép quá hạn dưới 1 năm thì phải sát hạch lại lý thuyết.')).toBe('Có');
    expect(yesNoWord(q, 'Quá hạn dưới 1 tháng vì ốm đau thì không phải thi lại lý thuyết.')).toBeNull();
    expect(yesNoWord('qua han 2 tuan co phai thi lai khong', 'Quá hạn dưới 1 tháng thì không phải thi lại.')).toBe(
      'Không',
    );
  });

  it('adds the limit a late person is measured against after the line that answers their yes/no question', () => {
    const draft = overviewDraft();
    answerParts(draft, sheet, chunks, readFrame('nghi viec duoc 5 thang roi, gio lam co bi phat ko'), '2026-11-29');
    const texts = draft.facts.map((f) => f.text);
    expect(texts[0]).toContain('không bị phạt');
    expect(texts.join('\n')).toContain('03 tháng');
  });

  it('answers "mấy hộ" with the line that counts "một hộ"', () => {
    const draft = overviewDraft();
    answerParts(draft, sheet, chunks, readFrame('1 nguoi duoc dang ky may ho'), '2026-11-29');
    expect(draft.facts[0]?.text).toContain('một hộ');
  });

  it('reads "báo trước" as the topic, not "bao" of "bao nhiêu", and answers "mấy h" with the hour', () => {
    const draft = overviewDraft();
    answerParts(draft, sheet, chunks, readFrame('khach o lai, bao truoc may h'), '2026-11-29');
    expect(draft.facts[0]?.text).toContain('08 giờ');
  });
});

describe('the fee line of the case asked', () => {
  const variants: DatedVariant[] = [
    {
      value:
        'Giảm 50% lệ phí.\nChuyển từ CCCD sang thẻ căn cước 15.000đ/thẻ.\nCấp đổi thẻ căn cước 25.000đ/thẻ.\nCấp lại thẻ căn cước 35.000đ/thẻ.',
      validFrom: null,
      validTo: null,
      condition: null,
      legalBasis: null,
    },
  ];

  it('keeps the amount line whose own words the question says, beside the lines without an amount', () => {
    const [v] = focusVariants(variants, ['cấp đổi'], 'doi can cuoc cong dan sang the can cuoc mat bao nhieu tien');
    expect(v?.value).toBe('Giảm 50% lệ phí.\nChuyển từ CCCD sang thẻ căn cước 15.000đ/thẻ.');
  });

  it('does not pick a fee line because it says words of the procedure’s own name', () => {
    const pages: DatedVariant[] = [
      {
        value: '2.000đ/trang cho trang thứ nhất và thứ hai.\nTối đa 200.000đ/bản; số trang tính theo bản chính.',
        validFrom: null,
        validTo: null,
        condition: null,
        legalBasis: null,
      },
    ];
    const [v] = focusVariants(pages, [], 'sao y ban chinh het bao nhieu', 'Chứng thực bản sao từ bản chính');
    expect(v?.value).toBe(pages[0]?.value);
  });

  it('falls back to the case cue when no amount line stands out by its words, a card named by shorthand included', () => {
    const [v] = focusVariants(variants, ['cấp lại'], 'lam lai the bi mat bao nhieu tien');
    expect(v?.value).toBe('Giảm 50% lệ phí.\nCấp lại thẻ căn cước 35.000đ/thẻ.');
    const [w] = focusVariants(variants, ['cấp lại'], 'lam lai can cuoc cong dan bi mat bao nhieu tien');
    expect(w?.value).toBe('Giảm 50% lệ phí.\nCấp lại thẻ căn cước 35.000đ/thẻ.');
  });
});

describe('questions about where and yes/no', () => {
  it('reads "phải lên huyện" and "ra phường" as asking which office', () => {
    expect(readIntent('khai sinh co yeu to nuoc ngoai phai len huyen gio con vay khong').fields).toContain('agency');
    expect(readIntent('lam can cuoc phai ra phuong hay len tinh').fields).toContain('agency');
    expect(readIntent('ra xa xin giay xac nhan ma bao cho, quy dinh may ngay').fields).not.toContain('agency');
    expect(readIntent('di lam xa co phai khai bao tam vang khong').fields).not.toContain('agency');
  });

  it('reads "hợp đồng không thời hạn" in a story as the kind of contract, not as asking the time limit', () => {
    expect(readIntent('hop dong khong thoi han, duoc lanh may thang').fields).not.toContain('timeLimit');
    expect(readIntent('thoi han giai quyet bao lau').fields).toContain('timeLimit');
  });

  it('reads "làm hộ" as on someone’s behalf but "làm hộ chiếu" as the passport', () => {
    const proxy = (q: string) => questionParts(readFrame(q))[0]?.facets.includes('proxy');
    expect(proxy('lam ho chieu mat bao lau')).toBe(false);
    expect(proxy('nho nguoi lam ho duoc khong')).toBe(true);
  });

  it('reads a question ending in "không" as yes/no however far its "có" is', () => {
    expect(isYesNo('nghe noi khai sinh co yeu to nuoc ngoai phai len huyen gio con vay khong')).toBe(true);
    expect(asksYesNo(readFrame('đã đủ điều kiện hưởng lương hưu thì lãnh trợ cấp thất nghiệp nữa không'))).toBe(true);
    expect(isYesNo('le phi bao nhieu')).toBe(false);
  });
});
