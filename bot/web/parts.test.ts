/**
 * The small parts on their own: masking, upload checks, CSV, token comparison, and the SQLite store
 * (real file in a temp folder).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionSecret, tokenMatches } from './admin-auth.ts';
import { questionsCsv } from './csv.ts';
import {
  WebStore,
  checkUpload,
  maskPersonalData,
  questionKey,
  safeFileName,
  type QuestionRecord,
} from '../runtime/index.ts';

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

describe('WebStore', () => {
  let dir: string;
  let store: WebStore;
  const base: QuestionRecord = {
    channel: 'api',
    session: null,
    question: 'q',
    answer: 'a',
    refused: false,
    mode: 'extractive',
    topicDocumentId: null,
    topic: 'T',
    citedDocuments: [],
    curatedId: null,
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoidap-webstore-'));
    store = WebStore.open(dir);
  });
  afterEach(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists refused and 👎 questions before newer answered ones', () => {
    const refused = store.recordQuestion({ ...base, question: 'refused', refused: true });
    const disliked = store.recordQuestion({ ...base, question: 'disliked' });
    const newest = store.recordQuestion({ ...base, question: 'newest' });
    store.addFeedback({ questionId: disliked, session: null, rating: -1, comment: null, question: null });
    store.addFeedback({ questionId: newest, session: null, rating: 1, comment: null, question: null });
    expect(store.listQuestions().map((q) => q.id)).toEqual([disliked, refused, newest]);
  });

  it('keeps curated phrasings unique across answers and finds an answer by any of them', () => {
    const cite = [{ n: 1, documentId: 'd', title: 't', number: null, section: 's', page: null, text: 'x' }];
    const a = store.curated.save({
      question: 'Lệ phí làm căn cước?',
      variants: ['phi lam cccd'],
      answer: 'A',
      citations: cite,
    });
    expect(store.curated.find('PHÍ làm CCCD')?.id).toBe(a.id);
    expect(() =>
      store.curated.save({ question: 'le phi lam can cuoc', variants: [], answer: 'B', citations: cite }),
    ).toThrow(expect.objectContaining({ code: 'E_BAD_REQUEST' }));
    store.curated.remove(a.id);
    expect(store.curated.find('phi lam cccd')).toBeUndefined();
  });

  it('notes a document as indexed again only when its content changed', () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const clocked = WebStore.open(join(dir, 'clocked'), { now: () => new Date(t) });
    clocked.noteIndexed([{ id: 'a', contentHash: 'h1' }]);
    t += 60_000;
    clocked.noteIndexed([{ id: 'a', contentHash: 'h1' }]);
    expect(clocked.indexedAt('a')).toBe('2026-01-01T00:00:00.000Z');
    clocked.noteIndexed([{ id: 'a', contentHash: 'h2' }]);
    expect(clocked.indexedAt('a')).toBe('2026-01-01T00:01:00.000Z');
    clocked.close();
  });

  it('exports CSV that a spreadsheet cannot run as a formula', () => {
    store.recordQuestion({ ...base, question: '=HYPERLINK("x","y"), "quoted"' });
    const csv = questionsCsv(store.listQuestions());
    expect(csv).toContain(`"'=HYPERLINK(""x"",""y""), ""quoted"""`);
  });
});
