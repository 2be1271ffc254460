import { describe, expect, it } from 'vitest';
import { findPlaces, foldText } from '../knowledge/index.ts';
import { readFrame } from './frame.ts';
import { refusalText } from './refusal.ts';

const words = (s: string) => foldText(s).split(' ');

describe('reading the frame of a question', () => {
  it('cuts family words, a hospital and an old district out of the topic but keeps the procedure', () => {
    const frame = readFrame('khai tử cho ông nội mất ở bệnh viện Long Thành thì làm ở đâu');
    // "tử" folds to the stopword "tu" ("từ"); "mất" stays, it can be the topic ("mất thẻ").
    expect(frame.intent.topicTerms).toEqual(['khai', 'mat']);
    expect(frame.places.map((p) => [p.name, p.kind, p.nowIn])).toEqual([['Long Thành', 'former-district', 'Đồng Nai']]);
    expect(frame.elsewhere).toBeNull();
  });

  it('cuts neighbours, landlords and errands of a story out of the topic', () => {
    const frame = readFrame('mua lại chiếc xe máy cũ của ông hàng xóm, chủ trọ nói phải sang tên');
    expect(frame.intent.topicTerms).not.toContain('xom');
    expect(frame.intent.topicTerms).not.toContain('chu');
    expect(frame.intent.topicTerms).toEqual(expect.arrayContaining(['xe', 'sang', 'ten']));
  });

  it("cuts the person's own ID number, and the words naming it, out of the topic", () => {
    expect(readFrame('so cccd cua toi la 079123456789, thoi tiet mai the nao?').searchText).toBe(
      'thoi tiet mai the nao',
    );
    expect(readFrame('toi 079123456789 muon lam lai cccd').searchText).toBe('toi muon lam lai cccd');
  });

  it('reads an age as a slot and a first issue as the case', () => {
    const frame = readFrame('con tôi 15 tuổi làm căn cước lần đầu có mất tiền không');
    expect(frame.ages).toEqual([15]);
    expect(frame.cases).toContain('first');
    expect(frame.yesNo).toBe(true);
    expect(frame.intent.topicTerms).not.toContain('15');
  });

  it('names a merged province outside Đồng Nai as the scope, with the city that holds it now', () => {
    const frame = readFrame('đăng ký tạm trú ở Bình Dương cần gì');
    expect(frame.elsewhere?.name).toBe('Bình Dương');
    expect(frame.elsewhere?.nowIn).toBe('TP Hồ Chí Minh');
    expect(frame.searchText).toBe('đăng ký tạm trú cần gì');
  });

  it('spells out agency shorthand with "&" for search', () => {
    expect(readFrame('sở gd&đt có nhiệm vụ gì').searchText).toContain('giao duc va dao tao');
  });
});

describe('the gazetteer', () => {
  it('finds the longest name first and takes the place word before it', () => {
    expect(findPlaces(words('o tinh ba ria vung tau')).map((p) => [p.name, p.start, p.end])).toEqual([
      ['Bà Rịa - Vũng Tàu', 1, 6],
    ]);
  });

  it('does not read the everyday word "thống nhất" as the old district', () => {
    expect(findPlaces(words('hai ben thong nhat ly hon'))).toEqual([]);
    expect(findPlaces(words('o huyen thong nhat')).map((p) => p.name)).toEqual(['Thống Nhất']);
  });
});

describe('refusal wording', () => {
  it('asks which procedure instead of saying the sources lack it', () => {
    expect(refusalText('which-procedure').split('\n')[0]).toBe('Bạn muốn hỏi về thủ tục nào?');
    expect(refusalText('weak-evidence').split('\n')[0]).toBe('Xin lỗi, nguồn tài liệu của tôi chưa có thông tin này.');
  });

  it('answers an English question in English and names the hotline', () => {
    const text = refusalText('weak-evidence', { language: 'en' });
    expect(text.split('\n')[0]).toBe('Sorry, that is not in my sources.');
    expect(text).toContain('1022');
  });
});
