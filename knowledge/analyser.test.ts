import { describe, expect, it } from 'vitest';
import { analyseForIndex, analyseQuery, foldText, hasDiacritics, normalizeText } from './index.ts';
import { MAX_QUERY_TERMS, rarestTerms, type QueryTerm } from './analyser.ts';

const termsOf = (q: string) => analyseQuery(q).terms.map((t) => t.term);

describe('normalizeText', () => {
  it.each([
    ['hoà', 'hòa'],
    ['thuý', 'thúy'],
    ['Uỷ ban', 'Ủy ban'],
    ['khoẻ', 'khỏe'],
    ['HOÀ BÌNH', 'HÒA BÌNH'],
    ['quí', 'quý'],
    ['qui định', 'quy định'],
    ['hoạ sĩ', 'họa sĩ'],
  ])('puts the tone of "%s" in the one canonical place: "%s"', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each([
    'hoàng',
    'toán',
    'người',
    'khuỷu',
    'hoài',
    'giữa',
    'gìn',
    'quá',
    'rượu',
    'huỳnh',
    'thủy',
    'mía',
    'múa',
    'chuyển đổi số',
  ])('leaves the already canonical "%s" alone', (word) => {
    expect(normalizeText(word)).toBe(word);
  });

  it('leaves words that are not Vietnamese syllables unchanged', () => {
    expect(normalizeText('café Zalo VNeID')).toBe('café Zalo VNeID');
  });

  it('gives the same text for NFD (decomposed) input', () => {
    const nfd = 'Đăng ký khai sinh, Uỷ ban hoà giải'.normalize('NFD');
    expect(normalizeText(nfd)).toBe('Đăng ký khai sinh, Ủy ban hòa giải');
  });

  it('replaces the look-alike Ð (U+00D0) and ð with Đ and đ', () => {
    expect(normalizeText('\u00D0ồng Nai \u00F0ất')).toBe('Đồng Nai đất');
  });

  it('removes zero-width characters and soft hyphens and turns NBSP into a space', () => {
    expect(normalizeText('căn\u200B cước\u00A0công\u00ADdân\uFEFF')).toBe('căn cước côngdân');
  });
});

describe('foldText', () => {
  it('removes diacritics, maps đ to d and lowercases, also for NFD input', () => {
    expect(foldText('Đăng Ký Hộ Kinh Doanh')).toBe('dang ky ho kinh doanh');
    expect(foldText('Đăng Ký'.normalize('NFD'))).toBe('dang ky');
    expect(foldText('\u00D0ồng')).toBe('dong');
  });

  it('tells text with diacritics from text without', () => {
    expect(hasDiacritics('le phi lam cccd')).toBe(false);
    expect(hasDiacritics('lệ phí')).toBe(true);
    expect(hasDiacritics('dang ky o đau')).toBe(true);
  });
});

describe('analyseForIndex', () => {
  it('indexes syllables, bigrams over the unfiltered sequence, and the folded field alongside', () => {
    const { accented, folded } = analyseForIndex('Thủ tục của UBND');
    expect(accented).toContain('thủ_tục');
    expect(accented).toContain('tục_của');
    expect(accented).not.toContain('của');
    expect(folded).toContain('thu_tuc');
    expect(accented).toHaveLength(folded.length);
  });

  it('keeps numbers and percentages whole, including a decimal comma', () => {
    const { accented } = analyseForIndex('đạt 80%, 30% và 99,8% năm 2024');
    expect(accented).toEqual(expect.arrayContaining(['80%', '30%', '99,8%', '2024']));
  });

  it.each([
    ['Kế hoạch số 53/KH-UBND ngày 15/02/2024', ['53/kh-ubnd', '15/02/2024']],
    ['Nghị định 123/2015/NĐ-CP', ['123/2015/nđ-cp', '123/2015']],
    ['Quyết định 749/QĐ-TTg', ['749/qđ-ttg']],
    ['Nghị quyết 52-NQ/TW', ['52-nq/tw']],
    ['ngày 5/2/2024', ['05/02/2024']],
  ])('keeps the document number or date in "%s" whole', (text, ids) => {
    const { accented, folded } = analyseForIndex(text);
    expect(accented).toEqual(expect.arrayContaining(ids));
    expect(folded).toContain(foldText(ids[0] as string));
  });

  it('expands an abbreviation written in capitals inside a document', () => {
    const { accented } = analyseForIndex('Xuất trình CCCD khi nộp hồ sơ');
    expect(accented).toEqual(expect.arrayContaining(['căn_cước', 'cước_công', 'công_dân', 'thẻ_căn']));
  });

  it('does not expand chat shorthand inside documents ("điểm k" stays a letter)', () => {
    const { accented } = analyseForIndex('theo điểm k khoản 1');
    expect(accented).not.toContain('không');
  });
});

describe('analyseQuery', () => {
  it('expands administrative abbreviations and keeps the original token', () => {
    expect(termsOf('dvcqg')).toEqual(expect.arrayContaining(['dvcqg', 'cổng_dịch', 'dịch_vụ', 'quốc_gia']));
    expect(termsOf('tthc')).toEqual(expect.arrayContaining(['tthc', 'thủ_tục', 'hành_chính']));
    expect(termsOf('cds')).toEqual(expect.arrayContaining(['cds', 'chuyển_đổi', 'đổi_số']));
    expect(termsOf('HĐND')).toEqual(expect.arrayContaining(['hđnd', 'hội_đồng']));
    expect(termsOf('hdnd')).toEqual(expect.arrayContaining(['hội_đồng']));
  });

  it('expands teencode in questions', () => {
    expect(termsOf('lam cccd ko a')).toEqual(expect.arrayContaining(['ko', 'không', 'cccd', 'căn_cước']));
    expect(termsOf('trc khi nop')).toEqual(expect.arrayContaining(['trc', 'trước']));
    expect(termsOf('dk ks o dau')).toEqual(expect.arrayContaining(['dk', 'đăng_ký', 'ks', 'khai_sinh']));
    expect(termsOf('can giay to j, phi bn')).toEqual(expect.arrayContaining(['gì', 'bao_nhiêu']));
    expect(termsOf('sdt ubnd xa')).toEqual(expect.arrayContaining(['số_điện', 'điện_thoại']));
  });

  it('spells out the section V departments however they are shortened (gd&đt, gdđt, tt&tt, khcn, nn&ptnt)', () => {
    expect(termsOf('sở gd&đt làm gì')).toEqual(expect.arrayContaining(['giáo_dục', 'đào_tạo']));
    expect(termsOf('so gddt')).toEqual(expect.arrayContaining(['giáo_dục', 'đào_tạo']));
    expect(termsOf('còn sở tt&tt')).toEqual(expect.arrayContaining(['thông_tin', 'truyền_thông']));
    expect(termsOf('tt&tt')).not.toContain('thông_tư');
    expect(termsOf('sở khcn')).toEqual(expect.arrayContaining(['khoa_học', 'công_nghệ']));
    expect(termsOf('sở nn&ptnt')).toEqual(expect.arrayContaining(['nông_nghiệp', 'nông_thôn']));
  });

  it('indexes a department written in capitals with its full name, so either form finds it', () => {
    expect(analyseForIndex('Quyết định của Bộ GD&ĐT').accented).toEqual(
      expect.arrayContaining(['giáo_dục', 'đào_tạo']),
    );
  });

  it('spells out chat words for people and papers (ny, vk, ck, hs, gq)', () => {
    expect(termsOf('ny e 17 tuoi')).toContain('người_yêu');
    expect(termsOf('vk ck')).toEqual(expect.arrayContaining(['vợ', 'chồng']));
    expect(termsOf('hs gq bao lau')).toEqual(expect.arrayContaining(['hồ_sơ', 'giải_quyết']));
  });

  it('reads an English department name as the Vietnamese heading it stands for', () => {
    expect(termsOf('Which tasks does the Department of Health have?')).toEqual(
      expect.arrayContaining(['sở_y', 'y_tế', 'nhiệm_vụ']),
    );
  });

  it('leaves the recipient list and the closing formula of an official document out of the index terms', () => {
    const closing = [
      'Kế hoạch (53/KH-UBND)',
      'Nơi nhận và người ký',
      'Trên đây là Kế hoạch, đề nghị các đơn vị thực hiện các nhiệm vụ được giao./.',
      'Nơi nhận:',
      '- Công an tỉnh;',
      '- Cục Thuế tỉnh;',
      'TM. ỦY BAN NHÂN DÂN',
      'Võ Tấn Đức',
    ].join('\n');
    const terms = analyseForIndex(closing).accented;
    expect(terms).toEqual(expect.arrayContaining(['nơi_nhận', 'võ_tấn', 'tấn_đức', 'người_ký']));
    for (const gone of ['công_an', 'cục_thuế', 'nhiệm_vụ']) expect(terms).not.toContain(gone);
  });

  it('reads kh, qd, tt before a number or "cđs" as the kind of document only', () => {
    const weight = (q: string, term: string) => analyseQuery(q).terms.find((t) => t.term === term)?.weight;
    expect(weight('ai ky kh 53', 'kế_hoạch')).toBe(0.8);
    expect(termsOf('ai ky kh 53')).not.toContain('kết_hôn');
    expect(termsOf('tt 73 năm 2024')).not.toContain('trung_tâm');
    expect(termsOf('qd 749')).not.toContain('quy_định');
    expect(termsOf('kh cđs')).toContain('kế_hoạch');
    expect(weight('kh', 'kế_hoạch')).toBe(0.5);
  });

  it('expands an ambiguous shorthand to every meaning, each at a lower weight', () => {
    const plan = analyseQuery('kh');
    const weight = (term: string) => plan.terms.find((t) => t.term === term)?.weight;
    expect(weight('kh')).toBe(1);
    expect(weight('kế_hoạch')).toBe(0.5);
    expect(weight('kết_hôn')).toBe(0.5);
    expect(weight('không')).toBe(0.5);
  });

  it('reads "10k" as ten thousand, never as "không"', () => {
    const terms = termsOf('phi 10k');
    expect(terms).toContain('10k');
    expect(terms).toContain('10.000');
    expect(terms).not.toContain('không');
  });

  it('does not take an accented word for teencode ("hồng" is not "hong")', () => {
    expect(termsOf('hồng')).not.toContain('không');
  });

  it("indexes the numbering of a chunk's heading path as section keys and reads them from a question", () => {
    const indexed = analyseForIndex(
      'Kế hoạch (53/KH-UBND)\nII. MỤC TIÊU > 2. Mục tiêu cụ thể > 2.2. Chính quyền số\n- 50%',
    );
    expect(indexed.accented).toEqual(expect.arrayContaining(['§ii', '§2.2', '§ii.2.2']));
    expect(analyseQuery('mục II.2.2 nói gì').terms[0]).toMatchObject({
      term: '§ii.2.2',
      kind: 'identifier',
      weight: 3,
    });
  });

  it('boosts document numbers typed in lowercase', () => {
    const plan = analyseQuery('ke hoach 53/kh-ubnd');
    expect(plan.terms[0]).toMatchObject({ term: '53/kh-ubnd', kind: 'identifier', weight: 3 });
  });

  it('gives old and new tone placement the same terms', () => {
    expect(termsOf('thủ tục hoà giải ở Uỷ ban')).toEqual(termsOf('thủ tục hòa giải ở Ủy ban'));
  });

  it('adds the field a question asks for, at a low weight', () => {
    const plan = analyseQuery('lam cccd het bn tien');
    expect(plan.terms.find((t) => t.term === 'lệ_phí')).toMatchObject({ kind: 'expansion', weight: 0.3 });
    expect(termsOf('dang ky o dau')).toEqual(expect.arrayContaining(['cơ_quan', 'nơi_nộp']));
  });

  it('maps everyday names to the official ones', () => {
    expect(termsOf('lam so do')).toEqual(expect.arrayContaining(['quyền_sử', 'sử_dụng', 'dụng_đất']));
    expect(termsOf('doi bang lai')).toEqual(expect.arrayContaining(['giấy_phép', 'lái_xe']));
  });

  it('reads an English question through the glossary and drops English function words', () => {
    const terms = termsOf('How long does the birth certificate take?');
    expect(terms).toEqual(expect.arrayContaining(['giấy_khai', 'khai_sinh', 'thời_hạn']));
    expect(terms).not.toContain('the');
    expect(terms).not.toContain('does_the');
  });

  it('gives the Vietnamese words of the plan and the residence sheets for English questions', () => {
    expect(termsOf('Does the plan say anything about artificial intelligence?')).toEqual(
      expect.arrayContaining(['trí_tuệ', 'nhân_tạo']),
    );
    expect(termsOf('What share of online payments does the plan target?')).toEqual(
      expect.arrayContaining(['thanh_toán', 'trực_tuyến']),
    );
    expect(termsOf('What is the monthly unemployment benefit?')).toEqual(
      expect.arrayContaining(['trợ_cấp', 'thất_nghiệp']),
    );
  });

  it('reads "ai ký", "gửi tới" and "who signed" as the words of a document\'s closing section', () => {
    expect(termsOf('ai ky kh 53 vay')).toContain('người_ký');
    expect(termsOf('kế hoạch được gửi tới những nơi nào')).toContain('nơi_nhận');
    expect(termsOf('Who signed the plan?')).toContain('người_ký');
  });

  it('keeps Vietnamese typed without accents that looks like English ("the can cuoc")', () => {
    expect(termsOf('lam the can cuoc')).toEqual(expect.arrayContaining(['the', 'can', 'the_can']));
  });

  it('notes whether the question carries diacritics', () => {
    expect(analyseQuery('le phi lam cccd').hasDiacritics).toBe(false);
    expect(analyseQuery('lệ phí làm CCCD').hasDiacritics).toBe(true);
  });
});

describe('the cap on query terms', () => {
  const term = (t: string, kind: QueryTerm['kind'] = 'word'): QueryTerm => ({
    term: t,
    folded: foldText(t),
    weight: kind === 'identifier' ? 3 : 1,
    kind,
  });

  it('keeps document numbers and the rarest terms, not the first ones, when a long question is cut', () => {
    const terms = [term('53/kh-ubnd', 'identifier'), term('em'), term('quê'), term('chợ'), term('thất_nghiệp')];
    const df: Record<string, number> = { em: 40, que: 9, cho: 0, that_nghiep: 2 };
    const kept = rarestTerms(terms, 3, (t) => df[t.folded] ?? 0).map((t) => t.term);
    // "chợ" is in no chunk, so it cannot score and goes before the common "em".
    expect(kept).toEqual(['53/kh-ubnd', 'thất_nghiệp', 'quê']);
  });

  it('leaves a question under the cap exactly as analysed', () => {
    const terms = [term('lệ'), term('phí')];
    expect(rarestTerms(terms, 5, () => 0)).toEqual(terms);
  });

  it('analyses a long question beyond the cap so search can choose among all its terms', () => {
    const story = Array.from({ length: 40 }, (_, i) => `chuyện${i}`).join(' ');
    const plan = analyseQuery(`${story} trợ cấp thất nghiệp`);
    expect(plan.termCap).toBe(MAX_QUERY_TERMS);
    expect(plan.terms.length).toBeGreaterThan(MAX_QUERY_TERMS);
    expect(plan.terms.map((t) => t.term)).toContain('thất_nghiệp');
  });
});
