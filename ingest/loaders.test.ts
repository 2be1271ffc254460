import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadDocument } from './index.ts';
import { FIXTURES, copyInto, tempWorkspace, writeText } from './test-support.ts';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function loadFixture(name: string, as?: string) {
  const ws = await tempWorkspace();
  cleanup = ws.cleanup;
  const path = await copyInto(ws.sources, join(FIXTURES, name), as);
  return { ws, path, doc: await loadDocument(path, ws.sources) };
}

describe('PDF loader', () => {
  it('reads the PDF page by page and keeps page numbers', async () => {
    const { doc } = await loadFixture('three-pages.pdf', 'guides/three-pages.pdf');
    const byPage = new Map(doc.chunks.map((c) => [c.page, c]));
    expect([...byPage.keys()]).toEqual([1, 2, 3]);
    expect(byPage.get(1)!.sectionPath).toEqual(['I. GIỚI THIỆU CHUNG']);
    expect(byPage.get(2)!.sectionPath).toEqual(['II. CHUẨN BỊ HỒ SƠ', '1. Giấy tờ cần có']);
    expect(byPage.get(3)!.text).toContain('Thời hạn trả kết quả là năm ngày làm việc');
    expect(doc.meta.id).toBe('guides/three-pages');
  });

  it('joins the lines pdfkit wrapped back into one sentence', async () => {
    const { doc } = await loadFixture('three-pages.pdf');
    const page1 = doc.chunks.find((c) => c.page === 1)!;
    expect(page1.text).toBe(
      'Tài liệu hướng dẫn người dân thực hiện thủ tục hành chính trên Cổng Dịch vụ công của tỉnh Đồng Nai, gồm các bước chuẩn bị hồ sơ và nộp trực tuyến.',
    );
  });

  it('reads the header of a two-column official PDF into metadata and keeps it out of the chunks', async () => {
    const { doc } = await loadFixture('official-two-column.pdf', 'plans/kh-77.pdf');
    expect(doc.meta).toMatchObject({
      number: '77/KH-UBND',
      issuer: 'UBND tỉnh Đồng Nai',
      issueDate: '2024-05-20',
      title: 'KẾ HOẠCH Triển khai thí điểm trợ lý ảo',
      type: 'plan',
    });
    expect(doc.chunks).toHaveLength(1);
    expect(doc.chunks[0]).toMatchObject({ sectionPath: ['I. MỤC ĐÍCH'], page: 1 });
    expect(doc.chunks[0]!.text).toBe(
      'Nâng cao chất lượng phục vụ người dân khi tra cứu thủ tục hành chính qua Zalo và Cổng Dịch vụ công của tỉnh trong năm 2024.',
    );
  });

  it('rejects a corrupt PDF with E_SOURCE_UNREADABLE naming the file', async () => {
    const ws = await tempWorkspace();
    cleanup = ws.cleanup;
    const path = await copyInto(ws.sources, join(FIXTURES, 'corrupt.pdf'));
    await expect(loadDocument(path, ws.sources)).rejects.toMatchObject({
      code: 'E_SOURCE_UNREADABLE',
      path,
      message: expect.stringContaining('corrupt.pdf'),
    });
  });
});

describe('DOCX loader', () => {
  it('keeps Word headings as the section path and list items as bullets', async () => {
    const { doc } = await loadFixture('headings-and-list.docx');
    expect(doc.meta.title).toBe('Hướng dẫn đăng ký tạm trú');
    expect(doc.meta.inferred).toContain('title');
    const list = doc.chunks.find((c) => c.sectionPath.at(-1) === 'Hồ sơ cần chuẩn bị')!;
    expect(list.sectionPath).toEqual(['Hướng dẫn đăng ký tạm trú', 'Hồ sơ cần chuẩn bị']);
    expect(list.text).toBe('- Tờ khai thay đổi thông tin cư trú.\n- Giấy tờ chứng minh chỗ ở hợp pháp.');
  });

  it('turns each table row into its own chunk with the header row prepended', async () => {
    const { doc } = await loadFixture('headings-and-list.docx');
    const rows = doc.chunks.filter((c) => c.text.includes(' | '));
    expect(rows.map((c) => c.text)).toEqual(['Cách nộp: Trực tuyến | Thời hạn: 03 ngày làm việc']);
  });

  it('reads an official decision by its numbering: header into metadata, Điều as sections, signature last', async () => {
    const { doc } = await loadFixture('official-decision.docx', 'legal/qd-1234.docx');
    expect(doc.meta).toMatchObject({
      number: '1234/QĐ-UBND',
      issuer: 'UBND tỉnh Đồng Nai',
      issueDate: '2024-03-05',
      type: 'legal',
      title:
        'QUYẾT ĐỊNH Về việc công bố danh mục thủ tục hành chính được tiếp nhận trực tuyến toàn trình trên địa bàn tỉnh',
    });
    expect(doc.meta.inferred).toEqual(['issueDate', 'issuer', 'number', 'title', 'type']);
    expect(doc.chunks.map((c) => c.sectionPath.at(-1))).toContain('Điều 2. Quyết định này có hiệu lực kể từ ngày ký.');
    const body = doc.chunks.filter((c) => c.sectionPath[0] !== 'Nơi nhận và người ký');
    const all = body.map((c) => c.text).join('\n');
    for (const gone of ['CỘNG HÒA', 'Hạnh phúc', 'Nơi nhận', 'Như Điều 2', 'KT. CHỦ TỊCH', 'Nguyễn Văn Mẫu', '-------'])
      expect(all).not.toContain(gone);
    // Recipients and signer are the closing section, after the last Điều.
    const closing = doc.chunks.at(-1)!;
    expect(closing.sectionPath).toEqual(['Nơi nhận và người ký']);
    expect(closing.text).toContain('KT. CHỦ TỊCH');
    expect(closing.text).toContain('Nguyễn Văn Mẫu');
  });

  it('reports a file that is not a Word document as E_SOURCE_UNREADABLE', async () => {
    const ws = await tempWorkspace();
    cleanup = ws.cleanup;
    const path = join(ws.sources, 'fake.docx');
    await writeText(path, 'this is not a zip archive');
    await expect(loadDocument(path, ws.sources)).rejects.toMatchObject({ code: 'E_SOURCE_UNREADABLE' });
  });
});

describe('HTML loader', () => {
  it('drops nav, header, footer, aside and scripts from HTML', async () => {
    const { doc } = await loadFixture('nav-and-footer.html');
    const all = doc.chunks.map((c) => c.text).join('\n');
    for (const junk of ['Trang chủ', 'menu', 'CỔNG THÔNG TIN', 'footer', 'quảng cáo', 'tracking', 'color'])
      expect(all).not.toContain(junk);
    expect(all).toContain('Công dân đã đủ 14 tuổi thực hiện cấp đổi thẻ căn cước tại Công an cấp xã.');
  });

  it('keeps h1–h6 as headings, li as bullets (nested ones too) and table rows with their headers', async () => {
    const { doc } = await loadFixture('nav-and-footer.html');
    expect(doc.meta.title).toBe('Cấp đổi thẻ căn cước');
    const list = doc.chunks.find((c) => c.sectionPath.at(-1) === 'Thành phần hồ sơ')!;
    expect(list.text).toBe('- Thẻ căn cước cũ\n- Bản chính còn nguyên vẹn\n- Tờ khai căn cước');
    const fees = doc.chunks.filter((c) => c.sectionPath.at(-1) === 'Lệ phí').map((c) => c.text);
    expect(fees).toEqual(['Trường hợp: Cấp đổi | Mức thu: 30.000 đồng', 'Trường hợp: Cấp lại | Mức thu: 70.000 đồng']);
  });
});

describe('HTML official document', () => {
  it('reads the header table into metadata, the bold numbered paragraphs as sections and the closing table last', async () => {
    const { doc } = await loadFixture('official-plan.html', 'plans/kh-88.html');
    expect(doc.meta).toMatchObject({
      number: '88/KH-UBND',
      issuer: 'UBND tỉnh Đồng Nai',
      issueDate: '2024-04-02',
      type: 'plan',
      title: 'KẾ HOẠCH PHÁT TRIỂN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG NĂM 2024',
    });
    expect(doc.chunks.map((c) => [c.sectionPath, c.text])).toEqual([
      [
        ['I. MỤC TIÊU'],
        '- 100% ấp, khu phố có Tổ công nghệ số cộng đồng hoạt động thường xuyên.\n- Hướng dẫn người dân cài đặt và kích hoạt tài khoản định danh điện tử mức 2.',
      ],
      [
        ['II. TỔ CHỨC THỰC HIỆN'],
        'Sở Thông tin và Truyền thông chủ trì, hướng dẫn các địa phương triển khai Kế hoạch này.',
      ],
      // The header's number and date, then the closing table's two columns (recipients, signer), end the document.
      [
        ['Nơi nhận và người ký'],
        'Số: 88/KH-UBND\nĐồng Nai, ngày 02 tháng 4 năm 2024\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thị Mẫu',
      ],
    ]);
  });
});

describe('Markdown loader', () => {
  it('takes metadata from the front matter and structure from # headings', async () => {
    const { doc } = await loadFixture('front-matter.md');
    expect(doc.meta).toMatchObject({
      title: 'Hướng dẫn nộp hồ sơ trực tuyến',
      number: '12/HD-STTTT',
      issuer: 'Sở Thông tin và Truyền thông',
      issueDate: '2024-03-01',
      type: 'guide',
      audience: 'residents',
      sourceUrl: 'https://dichvucong.dongnai.gov.vn/huong-dan',
      inferred: [],
    });
    const step1 = doc.chunks.find((c) => c.sectionPath.at(-1) === 'Bước 1: Đăng nhập')!;
    expect(step1.sectionPath).toEqual(['Hướng dẫn nộp hồ sơ trực tuyến', 'Bước 1: Đăng nhập']);
    expect(step1.text).toBe('Đăng nhập Cổng Dịch vụ công bằng tài khoản VNeID mức 2.');
  });

  it('rejects unknown front-matter keys with E_META_INVALID naming the file and the key', async () => {
    const ws = await tempWorkspace();
    cleanup = ws.cleanup;
    const path = join(ws.sources, 'bad.md');
    await writeText(path, '---\ntitle: X\nauthor: Ai đó\nissueDate: 15/02/2024\n---\n# X\n\nNội dung.\n');
    const err = await loadDocument(path, ws.sources).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_META_INVALID' });
    expect((err as Error).message).toContain('bad.md');
    expect((err as Error).message).toContain('author');
    expect((err as Error).message).toContain('issueDate');
  });
});

describe('plain-text loader', () => {
  it('normalises NFD text and old-style tone marks to NFC with one tone placement', async () => {
    const { doc } = await loadFixture('nfd-old-tone.txt');
    const text = doc.chunks.map((c) => c.text).join('\n');
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('Ủy ban nhân dân xã hòa giải');
    expect(text).toContain('thủy lợi');
    expect(doc.meta.title).toBe('HƯỚNG DẪN HÒA GIẢI Ở CƠ SỞ');
  });
});

describe('loadDocument', () => {
  it('refuses an unsupported extension with E_UNSUPPORTED_FORMAT', async () => {
    const ws = await tempWorkspace();
    cleanup = ws.cleanup;
    const path = join(ws.sources, 'scan.jpg');
    await writeText(path, 'binary');
    await expect(loadDocument(path, ws.sources)).rejects.toMatchObject({ code: 'E_UNSUPPORTED_FORMAT' });
  });

  it('lets a sidecar override what the header says and reports only the rest as inferred', async () => {
    const ws = await tempWorkspace();
    cleanup = ws.cleanup;
    const path = await copyInto(ws.sources, join(FIXTURES, 'nfd-old-tone.txt'), 'guides/hoa-giai.txt');
    await writeText(`${path}.meta.yaml`, 'title: Hướng dẫn hòa giải\naudience: residents\nnumber: null\n');
    const doc = await loadDocument(path, ws.sources);
    expect(doc.meta).toMatchObject({ title: 'Hướng dẫn hòa giải', audience: 'residents', number: null, type: 'guide' });
    expect(doc.meta.inferred).toEqual(['type']);
  });
});
