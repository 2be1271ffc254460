/**
 * The small parts on their own: masking, upload checks, CSV, token comparison. (The web store's cases run
 * against both engines in bot/test/web-store-contract.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { sessionSecret, tokenMatches } from './admin-auth.ts';
import { questionsCsv } from './csv.ts';
import { checkUpload, maskPersonalData, questionKey, safeFileName, type QuestionRow } from '../runtime/index.ts';

describe('masking and keys', () => {
  it('masks phone and ID-card digits in any grouping and leaves short numbers alone', () => {
    expect(maskPersonalData('goi 0912.345.678 hoac +84 912-345-678, cccd 079123456789, phi 50000')).toBe(
      'goi ****.***.*** hoac +** ***-***-***, cccd ************, phi 50000',
    );
  });

  it('gives the same curated key to accented, unaccented and shouted phrasings', () => {
    expect(questionKey('Làm CĂN CƯỚC mất bao lâu???')).toBe('lam can cuoc mat bao lau');
    expect(questionKey('lam can cuoc  mat bao lau')).toBe(questionKey('Làm căn cước mất bao lâu?'));
  });
});

describe('upload checks', () => {
  it('turns a Vietnamese file name into a safe, stable one', () => {
    expect(safeFileName('C:\\Tài liệu\\Hướng dẫn Đăng ký (bản 2).DOCX')).toBe('huong-dan-dang-ky-ban-2.docx');
  });

  it('refuses empty, oversize, unsupported and mislabelled files with their codes', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'none';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code(() => checkUpload('a.pdf', Buffer.alloc(0)))).toBe('E_UPLOAD_UNREADABLE');
    expect(code(() => checkUpload('a.pdf', Buffer.from('%PDF-1.7 ....'), 5))).toBe('E_UPLOAD_TOO_LARGE');
    expect(code(() => checkUpload('a.xlsx', Buffer.from('PK\x03\x04')))).toBe('E_UPLOAD_TYPE');
    expect(code(() => checkUpload('a.docx', Buffer.from('%PDF-1.7')))).toBe('E_UPLOAD_TYPE');
    expect(code(() => checkUpload('a.md', Buffer.from([0x23, 0x20, 0xff, 0xfe])))).toBe('E_UPLOAD_TYPE');
    expect(checkUpload('Kế hoạch.md', Buffer.from('# Kế hoạch\n'))).toEqual({ name: 'ke-hoach.md', ext: '.md' });
  });
});

describe('console auth helpers', () => {
  it('compares tokens whole and signs sessions with a key derived from the token, never the token itself', () => {
    expect(tokenMatches('abcdefghijklmnop', 'abcdefghijklmnop')).toBe(true);
    expect(tokenMatches('abcdefghijklmnop', 'abcdefghijklmno')).toBe(false);
    expect(sessionSecret('abcdefghijklmnop')).not.toContain('abcdefghijklmnop');
    expect(sessionSecret('abcdefghijklmnop')).not.toBe(sessionSecret('abcdefghijklmnoq'));
  });
});

describe('questions CSV', () => {
  const row: QuestionRow = {
    id: 1,
    at: '2026-01-01T00:00:00.000Z',
    channel: 'api',
    session: null,
    question: '=HYPERLINK("x","y"), "quoted"',
    answer: 'a',
    refused: false,
    mode: 'extractive',
    topicDocumentId: null,
    topic: 'T',
    citedDocuments: [],
    curatedId: null,
    status: 'open',
    assignee: null,
    note: null,
    rating: 0,
    comments: [],
  };

  it('exports CSV that a spreadsheet cannot run as a formula', () => {
    expect(questionsCsv([row])).toContain(`"'=HYPERLINK(""x"",""y""), ""quoted"""`);
  });
});
