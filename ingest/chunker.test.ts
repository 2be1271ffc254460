import { describe, expect, it } from 'vitest';
import { CHUNK_LIMITS, chunkBlocks, chunkId, documentText, syllables } from './chunker.ts';
import { repairLines } from './line-repair.ts';
import { classifyParagraphs, headingRank } from './structure.ts';
import type { Block } from './types.ts';

const para = (text: string): Block => ({ kind: 'paragraph', text, page: null });
const bullet = (text: string): Block => ({ kind: 'bullet', text: `- ${text}`, page: null });
const heading = (text: string, rank: number): Block => ({ kind: 'heading', text, page: null, rank });
const words = (n: number, w = 'chữ') => Array.from({ length: n }, () => w).join(' ');

describe('structure', () => {
  it('ranks Vietnamese numbering from Chương down to lettered points', () => {
    expect(headingRank('Chương II')).toBe(2);
    expect(headingRank('II. MỤC TIÊU')).toBe(4);
    expect(headingRank('Điều 5. Hiệu lực thi hành')).toBe(5);
    expect(headingRank('1. Mục tiêu chung')).toBe(6);
    expect(headingRank('2.1. Dữ liệu số')).toBe(7);
    expect(headingRank('a) Đối với cấp xã')).toBe(9);
  });

  it('treats a numbered clause that reads as a sentence as content, not a heading', () => {
    expect(headingRank('1. Cơ quan tiếp nhận hồ sơ có trách nhiệm kiểm tra tính hợp lệ của hồ sơ;')).toBeNull();
    expect(classifyParagraphs([{ text: '- Một gạch đầu dòng', page: null }])[0]!.kind).toBe('bullet');
  });
});

describe('line repair', () => {
  const lines = (...ls: string[]) => ls.map((text) => ({ text, page: null }));

  it('keeps blank-line paragraphs apart and joins the lines inside each', () => {
    const out = repairLines(
      lines('Dòng đầu của đoạn một được ngắt', 'ở giữa câu.', '', 'Đoạn hai.', '', 'Đoạn ba.', '', 'Đoạn bốn.', ''),
    );
    expect(out.map((l) => l.text)).toEqual([
      'Dòng đầu của đoạn một được ngắt ở giữa câu.',
      'Đoạn hai.',
      'Đoạn ba.',
      'Đoạn bốn.',
    ]);
  });

  it('leaves unwrapped text one paragraph per line', () => {
    const long = words(60);
    expect(repairLines(lines(long, long)).map((l) => l.text)).toEqual([long, long]);
  });

  it('keeps the page of the first line of a joined paragraph', () => {
    const out = repairLines([
      { text: '- Một gạch đầu dòng bị ngắt', page: 2 },
      { text: 'sang trang sau', page: 3 },
    ]);
    expect(out).toEqual([{ text: '- Một gạch đầu dòng bị ngắt sang trang sau', page: 2 }]);
  });
});

describe('chunkBlocks', () => {
  it('keeps the heading path on every chunk and pops it at a sibling heading', () => {
    const chunks = chunkBlocks('d', [
      heading('I. A', 4),
      heading('1. B', 6),
      bullet('một'),
      heading('2. C', 6),
      bullet('hai'),
      heading('II. D', 4),
      para('ba'),
    ]);
    expect(chunks.map((c) => c.sectionPath)).toEqual([['I. A', '1. B'], ['I. A', '2. C'], ['II. D']]);
  });

  it('groups the bullets of one section into one chunk while they fit', () => {
    const chunks = chunkBlocks('d', [heading('I. A', 4), bullet(words(50)), bullet(words(50)), bullet(words(50))]);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text.split('\n')).toHaveLength(3);
  });

  it('starts a new chunk when the next bullet would pass the packing limit', () => {
    const chunks = chunkBlocks('d', [bullet(words(200)), bullet(words(200))]);
    expect(chunks).toHaveLength(2);
  });

  it('splits a long paragraph at sentence boundaries into verbatim pieces', () => {
    const sentence = `${words(99, 'từ')}.`;
    const long = Array.from({ length: 5 }, () => sentence).join(' ');
    const chunks = chunkBlocks('d', [para(long)]);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(syllables(c.text)).toBeLessThanOrEqual(CHUNK_LIMITS.max);
      expect(long).toContain(c.text);
      expect(c.text.endsWith('.')).toBe(true);
    }
    expect(chunks.map((c) => c.text).join(' ')).toBe(long);
  });

  it('cuts a sentence with no punctuation at spaces, never inside a word', () => {
    const long = Array.from({ length: 700 }, (_, i) => `w${i}`).join(' ');
    const chunks = chunkBlocks('d', [para(long)]);
    expect(chunks.map((c) => c.text).join(' ')).toBe(long);
    expect(chunks.every((c) => syllables(c.text) <= CHUNK_LIMITS.max)).toBe(true);
  });

  it('folds a short trailing group into the previous chunk', () => {
    const chunks = chunkBlocks('d', [bullet(words(200)), bullet(words(20))]);
    expect(chunks).toHaveLength(1);
  });

  it('makes every table row its own chunk', () => {
    const rows: Block[] = [
      { kind: 'row', text: 'Trường hợp: Cấp đổi | Mức thu: 30.000 đồng', page: null },
      { kind: 'row', text: 'Trường hợp: Cấp lại | Mức thu: 70.000 đồng', page: null },
    ];
    const chunks = chunkBlocks('d', [heading('Lệ phí', 2), para('Mức thu như sau:'), ...rows]);
    expect(chunks.map((c) => c.text)).toEqual(['Mức thu như sau:', rows[0]!.text, rows[1]!.text]);
  });

  it('keeps a heading with nothing under it as a chunk of its own text', () => {
    const chunks = chunkBlocks('d', [
      heading('Điều 9. Hiệu lực thi hành', 5),
      heading('Điều 10. Trách nhiệm thi hành', 5),
      para('Các cơ quan chịu trách nhiệm thi hành.'),
    ]);
    expect(chunks.map((c) => [c.sectionPath.at(-1), c.text])).toEqual([
      ['Điều 9. Hiệu lực thi hành', 'Điều 9. Hiệu lực thi hành'],
      ['Điều 10. Trách nhiệm thi hành', 'Các cơ quan chịu trách nhiệm thi hành.'],
    ]);
  });

  it('derives ids only from document, section and ordinal', () => {
    const blocks = [heading('I. A', 4), bullet('một')];
    expect(chunkBlocks('d', blocks)[0]!.id).toBe(chunkId('d', ['I. A'], 0));
    expect(chunkId('d', ['I. A'], 0)).not.toBe(chunkId('e', ['I. A'], 0));
    expect(chunkId('d', ['I. A'], 0)).not.toBe(chunkId('d', ['I. A'], 1));
  });

  it('produces chunk texts that are spans of the document text', () => {
    const blocks = [heading('I. A', 4), bullet(words(120)), bullet(words(120)), para(`${words(200)}. ${words(200)}.`)];
    const doc = documentText(blocks);
    for (const c of chunkBlocks('d', blocks)) expect(doc).toContain(c.text);
  });
});
