/** Issue 10, defect 1: uploads are parsed in a capped child process; a bomb is a clean, coded failure. */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ContentLibrary } from '../content-library.ts';
import { pdfPageObjects, zipUncompressedBytes } from '../upload-sandbox.ts';

/** A small PDF of `pages` pages with a line of text each (pdfkit writes page objects in the clear). */
function pdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const parts: Buffer[] = [];
  doc.on('data', (b: Buffer) => parts.push(b));
  for (let i = 1; i <= pages; i++) doc.addPage().text(`Trang ${i}: thủ tục hành chính.`);
  doc.end();
  return new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(parts))));
}

/** The same PDF with its page objects' type spelt `/P#61ge` (a legal name escape): the byte scan misses them. */
const hidePageObjects = (b: Buffer): Buffer =>
  Buffer.from(b.toString('latin1').replaceAll('/Type /Page\n/Parent', '/Type/P#61ge/Parent'), 'latin1');

/** A DOCX whose XML inflates to about `chars` characters (it compresses to a few KB). */
async function docx(chars: number): Promise<Buffer> {
  const para = 'Thủ tục cấp lại căn cước công dân tại bộ phận một cửa. '.repeat(40);
  const children = Array.from({ length: Math.ceil(chars / para.length) }, () => new Paragraph(para));
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

async function library(caps: Record<string, number>): Promise<{ lib: ContentLibrary; sourcesDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidap-sandbox-'));
  const sourcesDir = join(dir, 'sources');
  return { lib: new ContentLibrary({ sourcesDir, dataDir: join(dir, 'data'), parseCaps: caps }), sourcesDir };
}

describe('upload sandbox', () => {
  it('refuses a DOCX that unpacks past the cap before parsing it, and leaves the sources untouched', async () => {
    const bomb = await docx(3_000_000);
    expect(bomb.length).toBeLessThan(200_000);
    expect(zipUncompressedBytes(bomb)).toBeGreaterThan(2 * 1024 * 1024);
    const { lib, sourcesDir } = await library({ maxUncompressedBytes: 2 * 1024 * 1024 });
    await expect(lib.add('bom.docx', bomb)).rejects.toMatchObject({
      code: 'E_UPLOAD_TOO_LARGE',
      detail: 'E_UNCOMPRESSED_TOO_LARGE',
    });
    expect(await readdir(sourcesDir).catch(() => [])).toEqual([]);
  });

  it('turns a parser that runs out of memory into E_UPLOAD_UNREADABLE (E_PARSE_CRASHED); the service lives on', async () => {
    const { lib, sourcesDir } = await library({ maxHeapMb: 16, maxUncompressedBytes: 1024 * 1024 * 1024 });
    await expect(lib.add('lon.docx', await docx(6_000_000))).rejects.toMatchObject({
      code: 'E_UPLOAD_UNREADABLE',
      detail: 'E_PARSE_CRASHED',
    });
    expect(await readdir(sourcesDir).catch(() => [])).toEqual([]);
  });

  it('stops a parse that runs over its time (E_PARSE_TIMEOUT) and one with too much text (E_TEXT_TOO_LONG)', async () => {
    const slow = await library({ timeoutMs: 1 });
    await expect(slow.lib.add('cham.docx', await docx(10_000))).rejects.toMatchObject({
      code: 'E_UPLOAD_UNREADABLE',
      detail: 'E_PARSE_TIMEOUT',
    });
    const wordy = await library({ maxTextChars: 5_000 });
    await expect(wordy.lib.add('dai.docx', await docx(50_000))).rejects.toMatchObject({
      code: 'E_UPLOAD_UNREADABLE',
      detail: 'E_TEXT_TOO_LONG',
    });
  });

  it('refuses a PDF over UPLOAD_MAX_PDF_PAGES with 413 before parsing it, and accepts one within the cap', async () => {
    const twelve = await pdf(12);
    expect(pdfPageObjects(twelve)).toBe(12);
    const { lib, sourcesDir } = await library({ maxPdfPages: 10 });
    await expect(lib.add('dai.pdf', twelve)).rejects.toMatchObject({
      code: 'E_UPLOAD_TOO_LARGE',
      detail: 'E_PDF_TOO_MANY_PAGES',
    });
    expect(await readdir(sourcesDir).catch(() => [])).toEqual([]);
    await expect(lib.add('ngan.pdf', await pdf(3))).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('counts the pages again in the parser child when the bytes hide them (E_PDF_TOO_MANY_PAGES, 422)', async () => {
    const hidden = hidePageObjects(await pdf(12));
    expect(pdfPageObjects(hidden)).toBe(0);
    const { lib, sourcesDir } = await library({ maxPdfPages: 10 });
    await expect(lib.add('an.pdf', hidden)).rejects.toMatchObject({
      code: 'E_UPLOAD_UNREADABLE',
      detail: 'E_PDF_TOO_MANY_PAGES',
    });
    expect(await readdir(sourcesDir).catch(() => [])).toEqual([]);
  });
});
