import { describe, expect, it } from 'vitest';
import { asksInEnglish, languageCounts, looksEnglish, vietnameseShaped, vietnameseStretches } from './language.ts';

describe('a question is read as English by the shape of its words', () => {
  it('reads chat English without capitals or question marks as English', () => {
    expect(looksEnglish('i just had a baby in bien hoa, what papers do i need to register the birth')).toBe(true);
    expect(looksEnglish('can i apply for a passport online in dong nai')).toBe(true);
  });

  it('reads a short request of English nouns as English', () => {
    expect(looksEnglish('household business registration papers')).toBe(true);
    expect(looksEnglish('marriage registration documents')).toBe(true);
  });

  it('leaves a Vietnamese place name with its accents out of the count', () => {
    expect(looksEnglish('where do I register temporary residence in Long Thành?')).toBe(true);
    expect(languageCounts('where do I register temporary residence in Long Thành?').accented).toBe(0);
  });

  it('reads Vietnamese typed without accents as Vietnamese, though "can", "to", "the" are English words too', () => {
    expect(looksEnglish('dang ky ket hon can giay to gi')).toBe(false);
    expect(looksEnglish('the can cuoc het han lam lai o dau')).toBe(false);
  });

  it('counts chat shorthand, abbreviations and "online" as no sign of English', () => {
    expect(looksEnglish('lltp online dc ko')).toBe(false);
    expect(looksEnglish('cccd het han lam lai online dc ko')).toBe(false);
    expect(looksEnglish('vneid muc 2 lam o dau')).toBe(false);
  });

  it('keeps a Vietnamese question with one English loanword Vietnamese', () => {
    expect(looksEnglish('lam passport o dau')).toBe(false);
    expect(looksEnglish('Lệ phí làm passport là bao nhiêu')).toBe(false);
  });

  it('tells a Vietnamese syllable shape from an English word', () => {
    expect(vietnameseShaped('nguoi')).toBe(true);
    expect(vietnameseShaped('khuyen')).toBe(true);
    expect(vietnameseShaped('metaverse')).toBe(false);
    expect(vietnameseShaped('fee')).toBe(false);
  });
});

describe('a question that asks in English about something named in Vietnamese (code-switching)', () => {
  it('sees that it asks in English', () => {
    expect(asksInEnglish('how to lam tam tru?')).toBe(true);
    expect(asksInEnglish('how long to get ly lich tu phap?')).toBe(true);
    expect(asksInEnglish('fee for giay xac nhan tinh trang hon nhan')).toBe(true);
    expect(asksInEnglish('can i do dang ky ket hon online?')).toBe(true);
    expect(asksInEnglish('le phi tam tru how much')).toBe(true);
  });

  it('never reads Vietnamese typed without accents as asking in English', () => {
    for (const q of [
      'dang ky ket hon can giay to gi',
      'can lam gi de dang ky tam tru',
      'cach lam cccd online',
      'lam the nao de khai sinh',
    ]) {
      expect(asksInEnglish(q)).toBe(false);
      expect(looksEnglish(q)).toBe(false);
    }
  });

  it('keeps a question typed with Vietnamese accents Vietnamese, whatever English it opens with', () => {
    expect(looksEnglish('how much lệ phí đăng ký tạm trú ở Biên Hòa vậy')).toBe(false);
  });
});

describe('the Vietnamese an English question says in its own words', () => {
  it('keeps runs of Vietnamese-shaped words that are not English words', () => {
    expect(vietnameseStretches('how to lam tam tru?')).toBe('lam tam tru');
    expect(vietnameseStretches('my father die last week, how to bao tu?')).toBe('bao tu');
    expect(vietnameseStretches('How much to get a certified copy (sao y) of my degree?')).toBe('sao y');
  });

  it('keeps words typed with accents and chat shorthand, one word is enough', () => {
    expect(vietnameseStretches('My wife lost her căn cước card')).toBe('căn cước');
    expect(vietnameseStretches('my wife lost cccd, how to lam lai?')).toBe('cccd lam lai');
  });

  it('finds none in plain English, where "to", "get", "long", "my", "a" have a Vietnamese shape', () => {
    expect(vietnameseStretches('how long to get a birth certificate for my baby in bien hoa')).toBe('');
    expect(vietnameseStretches('i just had a baby, what papers do i need to register the birth')).toBe('');
  });
});
