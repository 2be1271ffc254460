/**
 * Scanned PDFs (pages without a text layer) go through OCR when tesseract with Vietnamese is installed,
 * with a diacritics check; a huge one-line text never becomes one giant chunk.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkBlocks, CHUNK_LIMITS } from './chunker.ts';
import { loadFile } from './index.ts';
import { diacriticsLost, markShare, ocrUnavailable } from './ocr.ts';
import { FIXTURES } from './test-support.ts';

const ocrMissing = await ocrUnavailable();

describe('OCR of scanned PDF pages', () => {
  it.skipIf(ocrMissing !== null)(
    'reads a page with no text layer, keeps its diacritics and finds the procedure in it',
    async () => {
      const file = await loadFile(join(FIXTURES, 'national', 'thu-tuc-ban-scan.pdf'), FIXTURES);
      expect(file.ocr).toMatchObject({ pages: [1], read: [1], diacriticsLost: false, skipped: null });
      expect(file.ocr!.markShare).toBeGreaterThan(0.6);
      expect(file.procedures[0]).toMatchObject({ code: '2.990401', name: 'Đăng ký sử dụng nhà văn hóa ấp' });
      expect(file.procedures[0]!.parts).toEqual(
        expect.arrayContaining(['thời hạn giải quyết', 'phí, lệ phí', 'cơ quan thực hiện']),
      );
    },
    180_000,
  );

  it('says why it cannot run when tesseract is absent, naming the packages to install', async () => {
    const reason = await ocrUnavailable({ tesseract: '/nonexistent/tesseract', pdftoppm: 'pdftoppm' });
    expect(reason).toMatch(/tesseract is not installed.*tesseract-ocr-vie/);
  });

  it('measures the share of syllables with marks and flags text that lost them', () => {
    const accented =
      'Thời hạn giải quyết là năm ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ tại bộ phận một cửa của ủy ban';
    const stripped =
      'Thoi han giai quyet la nam ngay lam viec ke tu ngay nhan du ho so hop le tai bo phan mot cua cua uy ban';
    expect(markShare(accented)).toBeGreaterThan(0.7);
    expect(markShare(stripped)).toBe(0);
    expect(diacriticsLost(stripped)).toBe(true);
    expect(diacriticsLost(accented)).toBe(false);
    expect(diacriticsLost('Thoi han')).toBe(false); // too short to judge
  });
});

describe('chunk size cap', () => {
  it('cuts a one-line 10 MiB text without spaces into chunks no longer than the cap, losing nothing', () => {
    const text = 'x'.repeat(10 * 1024 * 1024);
    const chunks = chunkBlocks('d', [{ kind: 'paragraph', text, page: null }]);
    expect(Math.max(...chunks.map((c) => c.text.length))).toBeLessThanOrEqual(CHUNK_LIMITS.maxChars);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
  });

  it('cuts a one-line 10 MiB text of short sentences at sentence ends', () => {
    const text = 'Câu ngắn thôi. '.repeat(700_000).trim();
    const chunks = chunkBlocks('d', [{ kind: 'paragraph', text, page: null }]);
    expect(chunks.length).toBeGreaterThan(1000);
    expect(Math.max(...chunks.map((c) => c.text.length))).toBeLessThanOrEqual(CHUNK_LIMITS.maxChars);
    expect(chunks.every((c) => c.text.endsWith('thôi.'))).toBe(true);
  });
});
