/**
 * Builds the binary and HTML inputs of the legal benchmark from the plain-text drafts in `src/`, so every
 * format the outside corpus may come in is exercised: a DOCX decree (header in a two-column table, article
 * headings bold), an HTML decree as law portals publish them (navigation and footer around a body of <p>) and a
 * PDF circular whose long khoản wrap over several lines.
 * Run once: `npx tsx eval/legal/make-legal-corpus.ts`; the outputs in `corpus/` are committed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const here = dirname(fileURLToPath(import.meta.url));
const HEADER_LINES = 5; // issuer, motto (2 lines), number, place and date

const isHeading = (s: string) => /^(Chương|Mục|Điều)\s/u.test(s) || (s === s.toUpperCase() && /\p{Lu}/u.test(s));

async function lines(name: string): Promise<string[]> {
  return (await readFile(join(here, 'src', name), 'utf8')).split('\n').filter((l) => l.trim() !== '');
}

async function makeDocx(name: string, out: string): Promise<void> {
  const all = await lines(name);
  const [issuer, motto1, motto2, number, date] = all;
  const cell = (texts: string[]) =>
    new TableCell({ children: texts.map((t) => new Paragraph({ children: [new TextRun({ text: t, bold: true })] })) });
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: [cell([issuer!]), cell([motto1!, motto2!])] }),
      new TableRow({ children: [cell([number!]), cell([date!])] }),
    ],
  });
  const body = all
    .slice(HEADER_LINES)
    .map((t) => new Paragraph({ children: [new TextRun({ text: t, bold: isHeading(t) })] }));
  const doc = new Document({ sections: [{ children: [header, ...body] }] });
  await writeFile(join(here, 'corpus', out), await Packer.toBuffer(doc));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function makeHtml(name: string, out: string): Promise<void> {
  const all = await lines(name);
  const [issuer, motto1, motto2, number, date] = all;
  const body = all
    .slice(HEADER_LINES)
    .map((t) => (isHeading(t) ? `<p><b>${esc(t)}</b></p>` : `<p>${esc(t)}</p>`))
    .join('\n');
  const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(all[HEADER_LINES]!)} ${esc(number!)}</title></head>
<body>
<nav><a href="/">Trang chủ</a> | <a href="/van-ban">Văn bản pháp luật</a> | <a href="/dang-nhap">Đăng nhập</a></nav>
<div class="content">
<table><tr><td><p><b>${esc(issuer!)}</b></p></td><td><p><b>${esc(motto1!)}</b></p><p><b>${esc(motto2!)}</b></p></td></tr>
<tr><td><p>${esc(number!)}</p></td><td><p><i>${esc(date!)}</i></p></td></tr></table>
${body}
</div>
<footer>Bản quyền thuộc về cổng thông tin văn bản. Liên hệ quảng cáo.</footer>
</body></html>
`;
  await writeFile(join(here, 'corpus', out), html, 'utf8');
}

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

async function makePdf(name: string, out: string): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margin: 60 });
  const done = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(join(here, 'corpus', out));
    stream.on('finish', resolve).on('error', reject);
    doc.pipe(stream);
  });
  doc.font(FONT).fontSize(11);
  for (const line of await lines(name)) doc.text(line, { align: 'left' });
  doc.end();
  await done;
}

await makeDocx('nghi-dinh-45-2025-xu-phat-cu-tru.txt', 'nghi-dinh-45-2025-xu-phat-cu-tru.docx');
await makeHtml('nghi-dinh-13-2025-du-lieu-ca-nhan.txt', 'nghi-dinh-13-2025-du-lieu-ca-nhan.html');
await makePdf('thong-tu-17-2025-the-can-cuoc.txt', 'thong-tu-17-2025-the-can-cuoc.pdf');
