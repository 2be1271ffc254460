import { describe, expect, it } from 'vitest';
import { sheetFixture } from './test-support.ts';
import type { Chunk, DocumentMeta } from '../knowledge/index.ts';
import { yesNoWord } from './best-line.ts';
import { ellipticalTopic, topicMentions, withCarriedAsk } from './follow-up.ts';
import { preferCaseSibling } from './document-choice.ts';
import { readFrame } from './frame.ts';
import { askingWords, readIntent } from './intent.ts';
import { ageVerdict, genderOf, unitScore } from './parts-facets.ts';
import { answerParts, clauseAsks, questionParts, sheetLines } from './parts.ts';
import type { Draft } from './reply.ts';

const { sheet, chunk } = sheetFixture('giay-x', 'Cấp giấy X');

const chunks: Chunk[] = [
  chunk('timeLimit', 'Thời hạn giải quyết: 03 ngày làm việc kể từ khi nhận đủ hồ sơ.', 't'),
  chunk('fee', 'Phí, lệ phí: 20.000đ/lần.', 'f'),
  chunk(
    'notes',
    'Lưu ý:\n- Giấy có giá trị 6 tháng kể từ ngày cấp.\n- Không làm trong thời hạn thì bị phạt 1.000.000 đồng.',
    'n',
  ),
  chunk('conditions', 'Điều kiện:\n- Người từ đủ 16 tuổi được tự yêu cầu cấp giấy.', 'c'),
];

const draftOf = (text: string): Draft => ({
  lead: 'Thủ tục Cấp giấy X, áp dụng ngày 29/11/2026:',
  facts: [{ text, sources: [] }],
  notes: [],
});

describe('the parts of a question', () => {
  it('splits a question asking two things into two parts, the second a yes/no about the same day', () => {
    const parts = questionParts(
      readFrame('chứng thực bản sao mỗi trang hết bao nhiêu, lấy liền trong ngày được không'),
    );
    expect(parts).toHaveLength(2);
    expect(parts[0]?.intent.fields).toEqual(['fee']);
    expect(parts[1]?.yesNo).toBe(true);
    expect(parts[1]?.facets).toContain('sameDay');
  });

  it('keeps a clause that asks nothing as the context of the next part, not a part of its own', () => {
    const parts = questionParts(readFrame('tôi đang đi làm xa, giờ xin giấy X cho con được không'));
    expect(parts).toHaveLength(1);
    expect(parts[0]?.context).not.toBe('');
  });

  it('reads "xài được bao lâu" as the validity of a paper, not the time the office takes', () => {
    expect(readIntent('giay xac nhan xin 1 lan xai dc bao lau').fields).not.toContain('timeLimit');
    expect(readIntent('giay xac nhan xin bao lau thi co').fields).toContain('timeLimit');
  });

  it('reads "ở đâu rẻ nhất" as asking the fee as well as the place', () => {
    expect(readIntent('sao y giấy tờ ở đâu rẻ nhất').fields).toContain('fee');
  });
});

describe('the line of the sheet that answers each part', () => {
  it('answers how long a paper stays valid from the note that says so, cited verbatim', () => {
    const draft = draftOf('Phí, lệ phí: 20.000đ/lần.');
    const frame = readFrame('giấy X xài được bao lâu');
    expect(answerParts(draft, sheet, chunks, frame, '2026-11-29')).toBe(1);
    expect(draft.facts[0]?.text).toContain('6 tháng');
    const source = draft.facts[0]?.sources[0];
    expect(source?.chunk.text).toContain(source?.used[0] as string);
  });

  it('answers a fine the sheet states, and leaves the fee part to the fee field already shown', () => {
    const draft = draftOf('Phí, lệ phí: 20.000đ/lần.');
    const frame = readFrame('làm giấy X trễ có bị phạt không, lệ phí bao nhiêu');
    answerParts(draft, sheet, chunks, frame, '2026-11-29');
    const text = draft.facts.map((f) => f.text).join('\n');
    expect(text).toContain('1.000.000');
    expect(text.match(/20\.000/g)).toHaveLength(1);
  });

  it('leads a "được chưa" question with Chưa when the person is younger than the age the line states', () => {
    const draft = draftOf('Phí, lệ phí: 20.000đ/lần.');
    answerParts(draft, sheet, chunks, readFrame('em tôi 15 tuổi tự xin giấy X được chưa'), '2026-11-29');
    expect(draft.facts[0]?.text).toMatch(/^Chưa\. .*16 tuổi/);
  });

  it('adds nothing when no line shares enough with the part', () => {
    const draft = draftOf('Phí, lệ phí: 20.000đ/lần.');
    expect(answerParts(draft, sheet, chunks, readFrame('giấy X có màu gì'), '2026-11-29')).toBe(0);
  });

  it('reads every sentence of the sheet as a span of its chunk, without labels', () => {
    const lines = sheetLines(chunks, '2026-11-29');
    expect(lines.map((l) => l.text)).toContain('Giấy có giá trị 6 tháng kể từ ngày cấp.');
    for (const l of lines) expect(l.chunk.text).toContain(l.text);
  });
});

describe('age and sex against the rules a line states', () => {
  it('treats a range as one rule and separate bounds as alternatives', () => {
    expect(ageVerdict('tre tu du 6 den duoi 14 tuoi van phai den', [3])).toBe('fails');
    expect(ageVerdict('tre duoi 6 tuoi khong phai thu sinh trac hoc', [3])).toBe('meets');
    expect(ageVerdict('nam tu du 20 tuoi nu tu du 18 tuoi', [19])).toBe('meets');
    expect(ageVerdict('khong co tuoi nao', [19])).toBeNull();
  });

  it('holds a man of 19 to the men’s bound and a woman of 19 to the women’s', () => {
    expect(ageVerdict('nam tu du 20 tuoi nu tu du 18 tuoi', [19], 'nam')).toBe('fails');
    expect(ageVerdict('nam tu du 20 tuoi nu tu du 18 tuoi', [19], 'nu')).toBe('meets');
  });

  it('reads the sex of the person asked about from kinship words, and none when both are named', () => {
    expect(genderOf('ck em 19 tuoi')).toBe('nam');
    expect(genderOf('vo minh 17 tuoi')).toBe('nu');
    expect(genderOf('vo chong minh')).toBeNull();
  });

  it('says Chưa or Được only when the line states an age rule and the question asks whether one may', () => {
    expect(yesNoWord('vo 17 tuoi dang ky duoc chua', 'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.', [17], 'nu')).toBe('Chưa');
    expect(yesNoWord('chong 21 tuoi dang ky duoc chua', 'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.', [21], 'nam')).toBe(
      'Được',
    );
    expect(yesNoWord('le phi bao nhieu', 'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.', [17])).toBeNull();
  });

  it('does not say Được because a line has "được" before a two-letter syllable the question also has', () => {
    const line = 'Tờ khai ghi rõ chủ hộ (hoặc người được họ ủy quyền) đồng ý.';
    expect(yesNoWord('so ho khau giay con xai duoc khong', line)).toBeNull();
    expect(yesNoWord('nop truc tuyen duoc khong', 'Được nộp hồ sơ trực tuyến.')).toBe('Được');
  });

  it('scores a line that bounds the number in the unit asked above one that only mentions the unit', () => {
    const asked = 'toi da may thang';
    expect(unitScore(asked, ' duoc huong toi da 12 thang ')).toBeGreaterThan(
      unitScore(asked, ' cua 06 thang lien ke '),
    );
    expect(unitScore('bao nhieu phan tram luong', ' muc huong la 60% binh quan ')).toBeGreaterThan(0);
  });
});

describe('follow-ups', () => {
  it('reads "còn X thì sao" as a new topic X, and "còn lệ phí thì sao" as a field of the same topic', () => {
    expect(ellipticalTopic('còn xã hội số thì sao')).toBe('xa hoi so');
    expect(ellipticalTopic('what about permanent residence?')).toBe('permanent residence');
    expect(ellipticalTopic('còn lệ phí thì sao?')).toBeNull();
    expect(ellipticalTopic('đăng ký kết hôn cần giấy tờ gì')).toBeNull();
  });

  it('carries the previous question’s asking words to an elliptical follow-up', () => {
    const history = [{ question: 'kế hoạch đặt mục tiêu gì về kinh tế số', topicDocumentId: 'plans/x', at: '' }];
    expect(withCarriedAsk('còn xã hội số thì sao', history)).toContain('muc tieu');
    expect(withCarriedAsk('ai ký kế hoạch này', history)).toBe('ai ký kế hoạch này');
    const chain = [...history, { question: 'còn sở tt&tt', topicDocumentId: 'plans/x', at: '' }];
    expect(withCarriedAsk('ngân hàng nhà nước thì sao', chain)).toContain('muc tieu');
    expect(askingWords('làm khai sinh cần giấy tờ gì, lệ phí bao nhiêu')).toEqual(['giay to', 'le phi']);
  });

  it('keeps the topic when a "do I need X" question names a paper the topic’s sheet itself mentions', () => {
    const intent = readIntent('có cần giấy xác nhận độc thân không');
    const marriage = ['Không phải nộp Giấy xác nhận tình trạng hôn nhân.'];
    expect(topicMentions(intent, marriage, 'Đăng ký kết hôn', true)).toBe(true);
    expect(topicMentions(intent, ['Tờ khai đăng ký kết hôn.'], 'Đăng ký kết hôn', true)).toBe(false);
    expect(topicMentions(readIntent('giấy xác nhận độc thân làm ở đâu'), marriage, 'Đăng ký kết hôn', false)).toBe(
      false,
    );
  });
});

describe('stories read by what they ask', () => {
  it('treats "chưa" inside a clause as "not yet" and at its end, or a "có … không", as a question', () => {
    expect(clauseAsks('sinh be duoc 3 thang roi ma chua di khai sinh')).toBe(false);
    expect(clauseAsks('dang ky duoc chua')).toBe(true);
    expect(clauseAsks('xin phieu cho con duoc khong hay con phai tu lam')).toBe(true);
  });

  it('reads a bare "có thật vậy không?" with the story clauses before it, so the fine they mention is asked', () => {
    const parts = questionParts(
      readFrame(
        'Vợ tôi sinh bé được 3 tháng rồi mà chưa đi khai sinh. Hàng xóm dọa trễ hạn bị phạt. Có thật vậy không?',
      ),
    );
    expect(parts).toHaveLength(1);
    expect(parts[0]?.facets).toContain('penalty');
  });

  it('cuts proper names after name cues and "for whom" phrases from the clauses, but keeps cases', () => {
    expect(readFrame('Tôi là Lâm, làm ở bệnh viện Thống Nhất, khai sinh làm ở đâu').clauses).not.toMatch(
      /lam lam|thong nhat/,
    );
    expect(readFrame('đăng ký tạm trú cho người thuê phòng trọ cần giấy tờ gì').clauses).not.toContain('phong tro');
    expect(readFrame('đăng ký tạm trú cho người nước ngoài cần giấy tờ gì').clauses).toContain('nuoc ngoai');
    expect(readFrame('làm căn cước cho bé trên VNeID thế nào').clauses).toContain('dinh danh');
  });
});

describe('the case decides among sibling procedures', () => {
  const meta = (id: string, title: string): DocumentMeta => ({ ...sheet, id, title });
  const hit = (m: DocumentMeta) => ({ document: m, chunk: chunks[0] as Chunk, score: 1 }) as never;
  const exchange = meta('procedures/doi-gplx', 'Đổi, cấp lại giấy phép lái xe');
  const lost = meta('procedures/cap-lai-gplx-bi-mat', 'Cấp lại giấy phép lái xe bị mất');

  it('puts the sibling whose name carries the case first: a lost licence is the re-issue for loss', () => {
    const hits = preferCaseSibling(readFrame('mất bằng lái làm lại ở đâu').cases, [hit(exchange), hit(lost)]);
    expect((hits[0] as { document: DocumentMeta }).document.id).toBe(lost.id);
  });

  it('moves no procedure that merely carries the case without sharing the top one’s name', () => {
    const record = meta('procedures/lltp', 'Cấp Phiếu lý lịch tư pháp');
    const foreignBirth = meta('procedures/ks-nn', 'Khai sinh cho trẻ có cha hoặc mẹ là người nước ngoài');
    const hits = preferCaseSibling(['foreigner'], [hit(record), hit(foreignBirth)]);
    expect((hits[0] as { document: DocumentMeta }).document.id).toBe(record.id);
  });

  it('leaves the order alone when the question names no case', () => {
    const hits = preferCaseSibling(readFrame('đổi bằng lái ở đâu').cases, [hit(exchange), hit(lost)]);
    expect((hits[0] as { document: DocumentMeta }).document.id).toBe(exchange.id);
  });

  it('reads English cases from English words (a Japanese spouse is the foreign case)', () => {
    expect(readFrame('My wife is Japanese, where do we register our marriage?').cases).toContain('foreigner');
    expect(readFrame('I lost my ID card, how do I get a new one?').cases).toContain('lost');
  });
});
