/**
 * The real 2024 plan (text copied out of a web page): wrap repair, boilerplate removal, the closing section,
 * header metadata without the sidecar, and the section paths the answer side cites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Chunk, DocumentMeta } from '../knowledge/index.ts';
import { documentText } from './chunker.ts';
import { loadDocument } from './index.ts';
import { blocksFromLines, toLines } from './text-pipeline.ts';
import { PLAN_FILE, PLAN_NAME, copyInto, tempWorkspace } from './test-support.ts';

let meta: DocumentMeta;
let chunks: Chunk[];
let text: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  // Copied without its sidecar: everything below must come from the text itself.
  const ws = await tempWorkspace();
  cleanup = ws.cleanup;
  const path = await copyInto(ws.sources, PLAN_FILE, `plans/${PLAN_NAME}`);
  ({ meta, chunks } = await loadDocument(path, ws.sources));
  text = documentText(blocksFromLines(toLines(await readFile(PLAN_FILE, 'utf8'), null)).blocks);
});
afterAll(() => cleanup());

const II_2_2 = ['II. MỤC TIÊU', '2. Mục tiêu cụ thể', '2.2. Chính quyền số'];

describe('the 2024 plan without its sidecar', () => {
  it('infers number, issue date, issuer, title and type from the header and lists them as inferred', () => {
    expect(meta).toMatchObject({
      id: 'plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai',
      number: '53/KH-UBND',
      issueDate: '2024-02-15',
      issuer: 'UBND tỉnh Đồng Nai',
      title: 'KẾ HOẠCH CHUYỂN ĐỔI SỐ TỈNH ĐỒNG NAI NĂM 2024',
      type: 'plan',
    });
    expect(meta.inferred).toEqual(['issueDate', 'issuer', 'number', 'title', 'type']);
  });

  it('keeps the II.2.2 target sentence whole, in one chunk, under its repaired section path', () => {
    const target =
      'Tỷ lệ hồ sơ giải quyết trực tuyến trên tổng số hồ sơ đạt tối thiểu 80% tại cấp sở, 40% tại cấp huyện và 30% tại cấp xã.';
    const holding = chunks.filter((c) => c.text.includes(target));
    expect(holding).toHaveLength(1);
    expect(holding[0]!.sectionPath).toEqual(II_2_2);
  });

  it('repairs headings wrapped across lines', () => {
    const paths = new Set(chunks.map((c) => c.sectionPath.join(' > ')));
    expect(paths).toContain('I. CĂN CỨ LẬP KẾ HOẠCH');
    expect(paths).toContain('III. NHIỆM VỤ > 6. Nhân lực số');
    expect(paths).toContain(
      'IV. GIẢI PHÁP > 1. Đẩy mạnh công tác truyền thông, nâng cao nhận thức, kỹ năng số, tăng cường tương tác với người dân, doanh nghiệp',
    );
    expect(paths).toContain(
      'V. TỔ CHỨC THỰC HIỆN > 7. Nhiệm vụ trọng tâm của các sở, ban, ngành > 7.13. Ngân hàng nhà nước Việt Nam chi nhánh tỉnh Đồng Nai',
    );
    // A heading followed by an unmarked paragraph: the paragraph is not glued to the heading.
    expect(paths).toContain('V. TỔ CHỨC THỰC HIỆN > 7. Nhiệm vụ trọng tâm của các sở, ban, ngành > 7.1. Công an tỉnh');
  });

  it('joins wrapped bullets into one line each', () => {
    expect(text).toContain(
      '- Nghị quyết số 52-NQ/TW ngày 27 tháng 9 năm 2019 của Bộ Chính trị về một số chủ trương, chính sách chủ động tham gia cuộc cách mạng công nghiệp lần thứ tư;\n',
    );
  });

  it('removes the header, the motto and table pipes from the body', () => {
    const body = text.slice(0, text.indexOf('Nơi nhận và người ký'));
    for (const gone of ['CỘNG HÒA XÃ HỘI', 'Độc lập - Tự do - Hạnh phúc', 'Số: 53/KH-UBND', 'Nơi nhận', 'Võ Tấn Đức']) {
      expect(body).not.toContain(gone);
    }
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI');
    expect(text.split('\n').some((l) => /^[|\-\s]*$/.test(l))).toBe(false);
  });

  it('ends with the closing section: number, date, closing sentence, every recipient and the signer', () => {
    const closing = chunks.filter((c) => c.sectionPath.join(' > ') === 'Nơi nhận và người ký');
    const lines = closing.flatMap((c) => c.text.split('\n'));
    expect(lines.slice(0, 2)).toEqual(['Số: 53/KH-UBND', 'Đồng Nai, ngày 15 tháng 02 năm 2024']);
    expect(lines[2]).toMatch(/^Trên đây là Kế hoạch chuyển đổi số tỉnh Đồng Nai năm 2024, .* đã đề ra\.\/\.$/);
    expect(lines).toContain('Nơi nhận:');
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(15);
    expect(lines).toContain('- Viettel Đồng Nai, Viễn thông Đồng Nai, Mobifone Đồng Nai;');
    expect(lines.slice(-3)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'Q. CHỦ TỊCH', 'Võ Tấn Đức']);
    const cucThue = chunks.filter((c) => c.sectionPath.at(-1) === '7.17. Cục Thuế tỉnh');
    expect(cucThue.map((c) => c.text).join('\n')).not.toContain('Trên đây');
    expect(text.endsWith('Võ Tấn Đức')).toBe(true);
  });

  it('makes every chunk a verbatim span of the normalised text that starts and ends on a word boundary', () => {
    for (const c of chunks) {
      const at = text.indexOf(c.text);
      expect(at, c.text.slice(0, 60)).toBeGreaterThanOrEqual(0);
      expect(at === 0 || /\s/.test(text[at - 1]!), `starts mid-word: ${c.text.slice(0, 40)}`).toBe(true);
      const end = at + c.text.length;
      expect(end === text.length || /\s/.test(text[end]!), `ends mid-word: ${c.text.slice(-40)}`).toBe(true);
      expect(c.text).toBe(c.text.trim());
    }
  });

  it('keeps chunks within the size limits and numbers them in order with unique ids', () => {
    const sizes = chunks.map((c) => c.text.split(/\s+/).length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(300);
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
    expect(chunks.every((c) => c.page === null && c.documentId === meta.id)).toBe(true);
  });

  it('gives the same chunk ids on a second load', async () => {
    const ws = await tempWorkspace();
    try {
      const path = await copyInto(ws.sources, PLAN_FILE, `plans/${PLAN_NAME}`);
      const again = await loadDocument(path, ws.sources);
      expect(again.chunks.map((c) => c.id)).toEqual(chunks.map((c) => c.id));
    } finally {
      await ws.cleanup();
    }
  });
});
