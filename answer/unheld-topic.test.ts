/**
 * A procedure we do not hold is not answered from a held sheet that shares its words, in Vietnamese or in
 * English; a held procedure asked beside an unheld one is still answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASKED_PROCEDURES } from '../knowledge/index.ts';
import { readFrame } from './frame.ts';
import { unheldTopicText } from './refusal.ts';
import { buildTestKnowledge, type TestKnowledge } from './test-support.ts';
import { entriesHeldBy, unheldTopic } from './unheld-topic.ts';

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
}, 120_000);
afterAll(async () => t.cleanup());

/** What the question names that we do not hold, as search's first sheet `top` sees it (null: nothing). */
const unheld = (q: string, top: string) => unheldTopic(t.kb, q, readFrame(q), t.kb.document(`procedures/${top}`));

describe('a procedure no held sheet is named for is refused, whichever sheet search put first', () => {
  it('refuses adoption although the guardianship sheet is named for "nhận cha, mẹ, con"', () => {
    expect(unheld('nhận con nuôi ở đâu', 'dang-ky-giam-ho-nhan-cha-me-con')?.name.en).toBe('adoption');
    expect(
      unheld('vợ chồng em muốn xin con nuoi thi can giay to gi', 'dang-ky-giam-ho-nhan-cha-me-con'),
    ).not.toBeNull();
  });

  it('refuses a pension although the unemployment sheet says "đủ điều kiện hưởng lương hưu"', () => {
    expect(unheld('lương hưu được lãnh bao nhiêu', 'tro-cap-that-nghiep')?.phrase).toBe('luong huu');
  });

  it('refuses a variant of a held paper ("hộ chiếu công vụ" beside the ordinary passport)', () => {
    expect(unheld('làm hộ chiếu công vụ cần những gì', 'cap-ho-chieu-pho-thong')).not.toBeNull();
  });

  it('reads English questions through the same gazetteer (work permit, visa, international driving permit)', () => {
    const permit = 'My work permit and visa expire next month. How do I extend them in Dong Nai?';
    expect(unheld(permit, 'khai-sinh-yeu-to-nuoc-ngoai-qua-han')?.name.en).toBe('work permits');
    expect(unheld('how do I get an international driving permit', 'doi-giay-phep-lai-xe')).not.toBeNull();
    expect(unheld('How do I apply for a pension in Dong Nai?', 'tro-cap-that-nghiep')).not.toBeNull();
  });

  it('reads the English noun before an unheld paper with it, so "register a company" does not name a held sheet', () => {
    expect(unheld('how do i register a company car', 'dang-ky-thanh-lap-doanh-nghiep')?.name.en).toMatch(/vehicle/);
  });

  it('leaves a plan or guide alone: it may speak of the thing itself', () => {
    const q = 'tỷ lệ chi trả lương hưu không dùng tiền mặt là bao nhiêu';
    expect(
      unheldTopic(
        t.kb,
        q,
        readFrame(q),
        t.kb.documents().find((d) => d.type === 'plan'),
      ),
    ).toBeNull();
  });
});

describe('a held procedure asked beside an unheld one is not refused', () => {
  it('answers the unemployment benefit when a pension is only its condition', () => {
    const q = 'đã đủ điều kiện hưởng lương hưu thì có được lãnh trợ cấp thất nghiệp nữa không';
    expect(unheld(q, 'tro-cap-that-nghiep')).toBeNull();
  });

  it('answers a copy of a school record: "sao y" names the held procedure', () => {
    expect(unheld('sao y học bạ 10 trang ở phường hết bao nhiêu tiền vậy', 'chung-thuc-ban-sao')).toBeNull();
  });

  it('answers an English story with a visa that asks to declare temporary residence', () => {
    const q = "I'm on a tourist visa staying at my friend's house, do I need to declare temporary residence?";
    expect(unheld(q, 'khai-bao-tam-vang-luu-tru')).toBeNull();
  });

  it('answers a held paper said first and acted on later ("bằng lái … đi đổi" with a health certificate)', () => {
    const q = 'bằng lái hạng A1 đi đổi có cần giấy khám sức khỏe không';
    expect(unheld(q, 'doi-giay-phep-lai-xe')).toBeNull();
    expect(unheld('xin giấy khám sức khỏe để đi làm ở đâu', 'doi-giay-phep-lai-xe')).not.toBeNull();
  });

  it('does not take a bank card ("thẻ visa") for a visa', () => {
    expect(
      unheld('thanh toán lệ phí online bằng thẻ visa được không', 'dich-vu-cong-truc-tuyen-thanh-toan'),
    ).toBeNull();
    expect(unheld('xin gia hạn visa ở đâu', 'khai-bao-tam-vang-luu-tru')?.name.en).toBe('visas');
  });

  it('does not count a thing already done in the story ("đã ly hôn")', () => {
    expect(unheld('đã ly hôn thì xin giấy xác nhận độc thân ở đâu', 'xac-nhan-tinh-trang-hon-nhan')).toBeNull();
  });

  it('does not take a held name\'s bare object said in passing as naming it ("cty" of "thành lập công ty")', () => {
    const q = 'cty em muốn xin giấy phép lao động cho kỹ sư Hàn Quốc thì nộp ở đâu';
    expect(unheld(q, 'dang-ky-thanh-lap-doanh-nghiep')?.name.vi).toBe('giấy phép lao động');
  });
});

describe('whether an entry is held is read from the base, not fixed', () => {
  it('holds adoption once a procedure is named for it', () => {
    const adoption = ASKED_PROCEDURES.find((e) => e.name.en === 'adoption');
    expect(entriesHeldBy(['dang ky nhan con nuoi trong nuoc']).has(adoption!)).toBe(true);
    expect(entriesHeldBy(['dang ky giam ho', 'nhan cha me con']).has(adoption!)).toBe(false);
  });
});

describe('the refusal names what is not held', () => {
  it('says in Vietnamese and in English what the sources do not cover, and the hotline', () => {
    const entry = ASKED_PROCEDURES.find((e) => e.name.en === 'adoption')!;
    expect(unheldTopicText(entry.name, 'vi')).toMatch(
      /^Xin lỗi, nguồn của tôi chưa có thông tin về thủ tục nhận con nuôi\./,
    );
    expect(unheldTopicText(entry.name, 'en')).toMatch(/^Sorry, my sources do not cover adoption\.[\s\S]*1022/);
  });
});
