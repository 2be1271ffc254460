/**
 * The legal benchmark's five documents (eval/legal/corpus: a law as TXT and as Markdown, decrees as DOCX and
 * HTML, a circular as a wrapped PDF) through the real loaders and chunker: whatever the format, every article
 * is a section of its own under its chapter, and nothing below an article is a heading.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from './load-document.ts';

const CORPUS = join(import.meta.dirname, '..', 'eval', 'legal', 'corpus');
const ARTICLES: Record<string, number> = {
  'luat-cu-tru-2024.txt': 22,
  'luat-viec-lam-2025.md': 17,
  'nghi-dinh-45-2025-xu-phat-cu-tru.docx': 15,
  'nghi-dinh-13-2025-du-lieu-ca-nhan.html': 16,
  'thong-tu-17-2025-the-can-cuoc.pdf': 12,
};
const ARTICLE = /^Điều (\d+)\. \S/u;

describe('legal documents in every format', () => {
  it('covers every file of the corpus', () => {
    expect(readdirSync(CORPUS).sort()).toEqual(Object.keys(ARTICLES).sort());
  });

  it.each(Object.entries(ARTICLES))(
    'gives each article of %s its own section, under a named chapter',
    async (file, n) => {
      const { documents } = await loadFile(join(CORPUS, file), CORPUS);
      expect(documents).toHaveLength(1);
      const chunks = documents[0]!.chunks;
      const articleOf = (path: readonly string[]) => ARTICLE.exec(path.at(-1) ?? '')?.[1];
      const articles = new Set(chunks.map((c) => articleOf(c.sectionPath)).filter((a) => a !== undefined));
      expect([...articles].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      for (const c of chunks.filter((c) => articleOf(c.sectionPath))) {
        const chapter = c.sectionPath.find((h) => /^Chương [IVX]+/u.test(h));
        // The chapter carries its name ("Chương II ĐĂNG KÝ THƯỜNG TRÚ"), not the bare number.
        expect(chapter).toMatch(/^Chương [IVX]+\.? \p{Lu}{2,}/u);
      }
    },
  );

  it('keeps the khoản numbers of an article in its text, so "khoản 2" can be found', async () => {
    for (const file of Object.keys(ARTICLES)) {
      const { documents } = await loadFile(join(CORPUS, file), CORPUS);
      const withClauses = documents[0]!.chunks.filter((c) => /(^|\n)2\. \S/u.test(c.text));
      expect(withClauses.length, file).toBeGreaterThan(5);
    }
  });
});
