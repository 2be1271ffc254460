import { describe, expect, it } from 'vitest';
import { identifiersOf, scanTokens } from './tokenise.ts';

describe('procedure codes are identifiers', () => {
  it('keeps "1.013614" one token and one identifier, with or without diacritics around it', () => {
    expect(scanTokens('thủ tục 1.013614 cần gì').map((t) => t.term)).toEqual(['thủ', 'tục', '1.013614', 'cần', 'gì']);
    expect(identifiersOf('thu tuc 1.013614 can gi')).toEqual(['1.013614']);
    expect(identifiersOf('Mã thủ tục: 2.000748.')).toEqual(['2.000748']);
  });

  it('does not take amounts or longer numbers for codes', () => {
    expect(identifiersOf('lệ phí 50.000 đồng, 1.000.000 đồng, mã 1.0136145')).toEqual([]);
  });
});

describe('words joined by "&"', () => {
  it('keeps a department written "GD&ĐT" or "tt&tt" one token, and "a & b" with spaces three', () => {
    expect(scanTokens('Sở GD&ĐT và sở tt&tt').map((t) => t.term)).toEqual(['sở', 'gd&đt', 'và', 'sở', 'tt&tt']);
    expect(scanTokens('học & làm').map((t) => t.term)).toEqual(['học', 'làm']);
  });

  it('still reads a document number that contains "&" as one identifier up to the "&"', () => {
    expect(identifiersOf('Quyết định số 4725/QĐ-BGD&ĐT')).toEqual(['4725/qđ-bgd']);
  });
});
