import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadDocument } from './index.ts';
import { tempWorkspace, writeText } from './test-support.ts';

let ws: Awaited<ReturnType<typeof tempWorkspace>>;
beforeEach(async () => {
  ws = await tempWorkspace();
});
afterEach(() => ws.cleanup());

const SHEET = `name: Cấp đổi thẻ căn cước
aliases: [làm lại căn cước, đổi CCCD]
code: "1.001234"
issuer: Bộ Công an
audience: residents
summary: Công dân đổi thẻ căn cước tại Công an cấp xã.
agency: Công an cấp xã nơi cư trú.
documents:
  - Tờ khai căn cước.
  - Thẻ căn cước cũ.
timeLimit: 07 ngày làm việc.
fee:
  - value: 30.000 đồng
    to: 2025-06-30
    legalBasis: Thông tư 73/2024/TT-BTC
  - value: 15.000 đồng
    from: 2025-07-01
    to: 2026-12-31
    legalBasis: Thông tư 64/2025/TT-BTC
  - value: Miễn phí
    from: 2026-08-15
    to: 2027-02-28
    condition: có tài khoản VNeID mức 2
legalBasis: Luật Căn cước 2023
lastChecked: 2026-11-27
sources:
  - https://example.gov.vn/can-cuoc
  - https://example.gov.vn/le-phi
`;

async function load(name: string, body: string) {
  const path = join(ws.sources, 'procedures', name);
  await writeText(path, body);
  return { path, doc: await loadDocument(path, ws.sources) };
}

describe('procedure sheets', () => {
  it('makes an overview chunk and one chunk per field, in the shared field order', async () => {
    const { doc } = await load('the-can-cuoc.yaml', SHEET);
    expect(doc.chunks.map((c) => c.field)).toEqual([
      'overview',
      'agency',
      'documents',
      'timeLimit',
      'fee',
      'legalBasis',
    ]);
    expect(doc.chunks[0]!.sectionPath).toEqual(['Cấp đổi thẻ căn cước', 'Tổng quan']);
    expect(doc.chunks[0]!.text).toBe(
      'Cấp đổi thẻ căn cước\nTên gọi khác: làm lại căn cước; đổi CCCD\nMã thủ tục: 1.001234\nCông dân đổi thẻ căn cước tại Công an cấp xã.',
    );
    expect(doc.chunks.find((c) => c.field === 'fee')!.sectionPath).toEqual(['Cấp đổi thẻ căn cước', 'Phí, lệ phí']);
  });

  it('renders a plain field as "Label: value" and a list one item per line', async () => {
    const { doc } = await load('the-can-cuoc.yaml', SHEET);
    expect(doc.chunks.find((c) => c.field === 'agency')!.text).toBe('Cơ quan giải quyết: Công an cấp xã nơi cư trú.');
    expect(doc.chunks.find((c) => c.field === 'documents')!.text).toBe(
      'Thành phần hồ sơ:\n- Tờ khai căn cước.\n- Thẻ căn cước cũ.',
    );
  });

  it('spells out every dated variant with its dates, condition and legal basis, and keeps the variants', async () => {
    const { doc } = await load('the-can-cuoc.yaml', SHEET);
    const fee = doc.chunks.find((c) => c.field === 'fee')!;
    expect(fee.text).toBe(
      [
        'Phí, lệ phí:',
        '- Đến hết 30/06/2025 (căn cứ Thông tư 73/2024/TT-BTC): 30.000 đồng',
        '- Từ 01/07/2025 đến 31/12/2026 (căn cứ Thông tư 64/2025/TT-BTC): 15.000 đồng',
        '- Từ 15/08/2026 đến 28/02/2027, nếu có tài khoản VNeID mức 2: Miễn phí',
      ].join('\n'),
    );
    expect(fee.variants).toEqual([
      {
        value: '30.000 đồng',
        validFrom: null,
        validTo: '2025-06-30',
        condition: null,
        legalBasis: 'Thông tư 73/2024/TT-BTC',
      },
      {
        value: '15.000 đồng',
        validFrom: '2025-07-01',
        validTo: '2026-12-31',
        condition: null,
        legalBasis: 'Thông tư 64/2025/TT-BTC',
      },
      {
        value: 'Miễn phí',
        validFrom: '2026-08-15',
        validTo: '2027-02-28',
        condition: 'có tài khoản VNeID mức 2',
        legalBasis: null,
      },
    ]);
  });

  it('fills the document metadata from the sheet', async () => {
    const { doc } = await load('the-can-cuoc.yaml', SHEET);
    expect(doc.meta).toMatchObject({
      id: 'procedures/the-can-cuoc',
      type: 'procedure',
      title: 'Cấp đổi thẻ căn cước',
      number: null,
      issuer: 'Bộ Công an',
      audience: 'residents',
      lastChecked: '2026-11-27',
      sourceUrl: 'https://example.gov.vn/can-cuoc',
      inferred: [],
    });
  });

  it('reads the same sheet written as JSON', async () => {
    const { parse } = await import('yaml');
    const { doc } = await load('the-can-cuoc.json', JSON.stringify(parse(SHEET)));
    expect(doc.chunks.map((c) => c.field)).toEqual([
      'overview',
      'agency',
      'documents',
      'timeLimit',
      'fee',
      'legalBasis',
    ]);
  });

  it('rejects an invalid sheet with E_SHEET_INVALID listing every problem and the file path', async () => {
    const bad = SHEET.replace('lastChecked: 2026-11-27', 'lastChecked: 27/11/2026')
      .replace(/^timeLimit:.*\n/m, '')
      .concat('color: red\n');
    const err = await load('hong.yaml', bad).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_SHEET_INVALID' });
    const message = (err as Error).message;
    expect(message).toContain('procedures/hong.yaml');
    expect(message).toContain('lastChecked');
    expect(message).toContain('timeLimit');
    expect(message).toContain('color');
  });

  it('rejects a sheet that is not valid YAML with E_SHEET_INVALID', async () => {
    await expect(load('hong.yaml', 'name: [unclosed\n')).rejects.toMatchObject({ code: 'E_SHEET_INVALID' });
  });
});
