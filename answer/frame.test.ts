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

describe('a nationality is the foreign-element case', () => {
  it('reads "chồng em người Hàn" as a foreign spouse and searches "người nước ngoài"', () => {
    const frame = readFrame('chồng em người Hàn, bé sinh ở Biên Hòa, làm khai sinh ở đâu');
    expect(frame.cases).toContain('foreigner');
    expect(frame.searchText).toBe('chồng em người nước ngoài bé sinh làm khai sinh ở đâu');
    expect(frame.elsewhere).toBeNull();
  });

  it('reads a country said alone, accents or not ("ông xã Hàn Quốc", "nguoi dai loan")', () => {
    expect(readFrame('ông xã Hàn Quốc muốn đăng ký kết hôn').searchText).toContain('ông xã nước ngoài');
    expect(readFrame('chong em nguoi dai loan').cases).toContain('foreigner');
    expect(readFrame('con sinh ở Nhật Bản về nước').searchText).toContain('sinh ở nước ngoài');
  });

  it('reads English nationalities and countries in English questions', () => {
    expect(readFrame("I'm Thai, my husband is Vietnamese, where do we register the birth?").cases).toContain(
      'foreigner',
    );
    expect(readFrame('I am from the Philippines and want to marry').cases).toContain('foreigner');
  });

  it('does not read a Vietnamese province, region or everyday look-alike as foreign', () => {
    for (const q of [
      'chồng em quê Thanh Hóa, người Thanh Hóa',
      'người lao động ở công ty',
      'mang thai lần đầu',
      'người miền Tây',
      'tạm trú dài hạn',
      'mong có câu trả lời',
      'xã Mỹ Lộc',
      'người bị mất giấy tờ',
    ])
      expect(readFrame(q).cases).not.toContain('foreigner');
  });

  it('reads "muốn" (want) as no late case, and "muộn" or "chưa làm" after months as late', () => {
    expect(readFrame('tôi muốn làm khai sinh cho con').cases).not.toContain('late');
    expect(readFrame('toi muon lam khai sinh cho con').cases).not.toContain('late');
    expect(readFrame('khai sinh muộn có bị phạt không').cases).toContain('late');
    expect(readFrame('con sinh 4 thang roi chua lam khai sinh').cases).toContain('late');
  });
});

describe('the gazetteer', () => {
  it('finds foreign countries as kind "foreign", a one-syllable name only after a nationality word', () => {
    expect(findPlaces(words('nguoi han')).map((p) => [p.name, p.kind])).toEqual([['Hàn Quốc', 'foreign']]);
    expect(findPlaces(words('han che'))).toEqual([]);
    expect(findPlaces(words('ba lan'), { typed: ['ba', 'lần'] })).toEqual([]);
    expect(findPlaces(words('ba lan'), { typed: ['Ba', 'Lan'] }).map((p) => p.name)).toEqual(['Ba Lan']);
    expect(findPlaces(words('tay ninh')).map((p) => p.kind)).toEqual(['province']);
  });

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
