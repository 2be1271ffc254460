import { describe, expect, it } from 'vitest';
import { languageCounts, looksEnglish, vietnameseShaped } from './language.ts';

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
