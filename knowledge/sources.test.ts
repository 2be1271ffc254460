/**
 * Content checks for knowledge/sources/: the procedure sheets, the online-services guide and the plan's sidecar.
 * These guard what the assistant tells residents, so they read the real files in the folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  PROCEDURE_FIELDS,
  procedureSheetSchema,
  toVariants,
  variantInForce,
  type ProcedureSheet,
} from './procedure-sheet.ts';
import type { DatedVariant } from './types.ts';

const SOURCES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sources');
const PROCEDURES = path.join(SOURCES, 'procedures');
/** The facts were re-checked on these days: procedures.md on 27/11, the two batch files on 29/11. */
const RECHECK_DAYS = ['2026-11-27', '2026-11-29'];

/** One sheet per section 1–14 of /work/shared/facts/procedures.md. */
const FIRST_SLUGS = [
  'chung-thuc-ban-sao',
  'dang-ky-ho-kinh-doanh',
  'dang-ky-ket-hon',
  'dang-ky-khai-sinh',
  'dang-ky-khai-tu',
  'dang-ky-tam-tru',
  'dang-ky-thuong-tru',
  'dich-vu-cong-truc-tuyen-thanh-toan',
  'doi-giay-phep-lai-xe',
  'giay-phep-xay-dung-nha-o',
  'phieu-ly-lich-tu-phap',
  'tai-khoan-vneid-muc-2',
  'the-can-cuoc',
  'xac-nhan-tinh-trang-hon-nhan',
];

/** One sheet per section 1–10 of procedures-civil-land-residence.md and B1–B8 of procedures-business-insurance-units.md. */
const MORE_SLUGS = [
  'cap-ban-sao-trich-luc-ho-tich',
  'thay-doi-cai-chinh-ho-tich',
  'ket-hon-co-yeu-to-nuoc-ngoai',
  'khai-sinh-yeu-to-nuoc-ngoai-qua-han',
  'xac-nhan-thong-tin-cu-tru',
  'khai-bao-tam-vang-luu-tru',
  'cap-ho-chieu-pho-thong',
  'dang-ky-sang-ten-xe-may',
  'sang-ten-so-do',
  'tro-cap-that-nghiep',
  'dang-ky-thanh-lap-doanh-nghiep',
  'cap-so-do-lan-dau',
  'dang-ky-giam-ho-nhan-cha-me-con',
  'cap-lai-giay-phep-lai-xe-bi-mat',
  'huong-bhxh-mot-lan',
  'the-bhyt-tre-duoi-6-tuoi',
  'thue-ho-kinh-doanh-2026',
  'chung-thuc-chu-ky-hop-dong',
];
const EXPECTED_SLUGS = [...FIRST_SLUGS, ...MORE_SLUGS].sort();

/** Hosts the facts file gives as places to file online. */
const ONLINE_HOSTS = ['dichvucong.gov.vn', 'dichvucong.dongnai.gov.vn', 'hokinhdoanh.dkkd.gov.vn'];

/** Agencies that no longer exist or no longer handle these procedures (two-tier government, 2025 transfers). */
const OUTDATED_AGENCIES = ['cap huyen', 'ubnd huyen', 'phong tu phap', 'so tu phap', 'so gtvt', 'so giao thong'];

const files = (await readdir(PROCEDURES)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const raw = await Promise.all(
  files.map(async (f) => ({ file: f, data: parse(await readFile(path.join(PROCEDURES, f), 'utf8')) as unknown })),
);
const sheets = raw.map(({ file, data }) => ({ file, result: procedureSheetSchema.safeParse(data) }));
const parsed = sheets.flatMap(({ file, result }) => (result.success ? [{ file, sheet: result.data }] : []));

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

function* days(from: string, to: string): Generator<string> {
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) yield new Date(t).toISOString().slice(0, 10);
}

/** Every field of a sheet that can hold dated variants, as [field, variants]. */
function fieldVariants(sheet: ProcedureSheet): Array<[string, DatedVariant[]]> {
  return PROCEDURE_FIELDS.flatMap(({ key }) => {
    const value = sheet[key];
    return value === undefined ? [] : [[key, toVariants(value)] as [string, DatedVariant[]]];
  });
}

function inForce(sheet: ProcedureSheet, field: keyof ProcedureSheet, day: string): DatedVariant[] {
  const value = sheet[field];
  if (value === undefined || typeof value !== 'object' || value === null || !Array.isArray(value)) return [];
  return toVariants(value as Parameters<typeof toVariants>[0]).filter((v) => variantInForce(v, day));
}

/** All strings of a parsed YAML value, depth-first. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

function sheet(slug: string): ProcedureSheet {
  const found = parsed.find((p) => p.file.replace(/\.\w+$/, '') === slug);
  if (!found) throw new Error(`sheet ${slug} missing or invalid`);
  return found.sheet;
}

describe('procedure sheets', () => {
  it('has exactly one sheet for each of the 14 + 18 procedures in the facts files', () => {
    expect(files.map((f) => f.replace(/\.\w+$/, ''))).toEqual(EXPECTED_SLUGS);
  });

  it.each(files)('parses %s against procedureSheetSchema', (file) => {
    const result = sheets.find((s) => s.file === file)!.result;
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('records the re-check date and at least one source on every sheet', () => {
    for (const { sheet } of parsed) {
      expect(RECHECK_DAYS).toContain(sheet.lastChecked);
      expect(sheet.sources.length).toBeGreaterThan(0);
    }
  });

  it('covers every day of 2025–2027 with exactly one unconditioned variant in each field', () => {
    const gaps: string[] = [];
    for (const { file, sheet } of parsed) {
      for (const [field, variants] of fieldVariants(sheet)) {
        for (const day of days('2025-01-01', '2027-12-31')) {
          const n = variants.filter((v) => v.condition === null && variantInForce(v, day)).length;
          if (n !== 1) gaps.push(`${file} ${field} ${day}: ${n} unconditioned variants`);
        }
      }
    }
    expect(gaps.slice(0, 10)).toEqual([]);
  });

  it('never lets two variants with the same condition hold on the same day', () => {
    const clashes: string[] = [];
    for (const { file, sheet } of parsed) {
      for (const [field, variants] of fieldVariants(sheet)) {
        const conditions = new Set(variants.map((v) => v.condition));
        for (const c of conditions) {
          const same = variants.filter((v) => v.condition === c);
          for (const day of days('2025-01-01', '2027-12-31')) {
            if (same.filter((v) => variantInForce(v, day)).length > 1) clashes.push(`${file} ${field} ${day} ${c}`);
          }
        }
      }
    }
    expect(clashes.slice(0, 10)).toEqual([]);
  });

  it('orders the bounds of every variant and names the legal basis of every dated one', () => {
    const bad: string[] = [];
    for (const { file, sheet } of parsed) {
      for (const [field, variants] of fieldVariants(sheet)) {
        for (const v of variants) {
          if (v.validFrom && v.validTo && v.validFrom > v.validTo)
            bad.push(`${file} ${field}: ${v.validFrom} > ${v.validTo}`);
          const dated = v.validFrom !== null || v.validTo !== null || v.condition !== null;
          if (dated && !v.legalBasis) bad.push(`${file} ${field}: dated variant without legalBasis`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('never names a district-level or transferred agency as current, outside old variants and notes', () => {
    const bad: string[] = [];
    for (const { file, sheet } of parsed) {
      const header = [sheet.name, sheet.summary ?? '', ...sheet.aliases].map(fold).join('\n');
      for (const term of OUTDATED_AGENCIES) if (header.includes(term)) bad.push(`${file} header: ${term}`);
      for (const [field, variants] of fieldVariants(sheet)) {
        if (field === 'notes') continue;
        for (const v of variants) {
          const ended = v.validTo !== null && v.validTo <= '2025-06-30';
          const hit = OUTDATED_AGENCIES.find((t) => fold(v.value).includes(t));
          if (hit && !ended) bad.push(`${file} ${field}: "${hit}" in a variant still in force after 2025-06-30`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('writes every text in NFC with each list item on one line', () => {
    for (const { file, data } of raw) {
      for (const s of strings(data)) {
        expect(s, file).toBe(s.normalize('NFC'));
      }
    }
    for (const { file, sheet } of parsed) {
      for (const key of ['documents', 'steps', 'aliases'] as const) {
        const items = strings(sheet[key]);
        for (const item of items) expect(item.trim().includes('\n'), `${file} ${key}: ${item}`).toBe(false);
      }
    }
  });

  it('links only to the online portals the facts name', () => {
    for (const { file, sheet } of parsed) {
      if (!sheet.onlineLink) continue;
      expect(ONLINE_HOSTS, file).toContain(new URL(sheet.onlineLink).host);
    }
  });

  it('gives every one of the 18 newer sheets aliases residents use, and states no "chưa xác nhận" line without pointing to the commune or 1022', () => {
    for (const slug of MORE_SLUGS) {
      const s = sheet(slug);
      expect(s.aliases.length, slug).toBeGreaterThanOrEqual(4);
      for (const text of strings(s)) {
        if (!/chưa (được )?xác nhận/u.test(text)) continue;
        expect(/1022|hỏi |kiểm tra với/u.test(text), `${slug}: ${text}`).toBe(true);
      }
    }
  });

  it('settles the căn cước exchange fee - 50.000đ cấp đổi, 30.000đ from an old CCCD, halved until 31/12/2026', () => {
    const fee = inForce(sheet('the-can-cuoc'), 'fee', '2026-11-29').filter((v) => v.condition === null)[0]!.value;
    expect(fee).toContain('Cấp đổi thẻ căn cước 25.000đ/thẻ.');
    expect(fee).toContain('Chuyển từ CCCD sang thẻ căn cước 15.000đ/thẻ.');
    expect(strings(sheet('the-can-cuoc').notes).join('\n')).not.toContain('chưa chắc chắn');
  });

  it('states the căn cước re-issue fee in force on 2026-11-27 and on 2027-03-15', () => {
    const cc = sheet('the-can-cuoc');
    const nov = inForce(cc, 'fee', '2026-11-27');
    const open = nov.find((v) => v.condition === null)!;
    const vneid = nov.find((v) => v.condition !== null)!;
    expect(open.value).toMatch(/cấp lại[^\n]*35\.000/i);
    expect(open.legalBasis).toContain('64/2025/TT-BTC');
    expect(fold(vneid.condition!)).toContain('vneid muc 2');
    expect(vneid.value).toMatch(/miễn/i);
    expect(vneid.legalBasis).toContain('117/2026/TT-BTC');
    const march = inForce(cc, 'fee', '2027-03-15');
    expect(march).toHaveLength(1);
    expect(march[0]!.value).toMatch(/cấp lại[^\n]*70\.000/i);
    expect(march[0]!.legalBasis).toContain('73/2024/TT-BTC');
  });

  it('hands criminal-record certificates to the police from 2025-03-01', () => {
    const lltp = sheet('phieu-ly-lich-tu-phap');
    expect(fold(inForce(lltp, 'agency', '2025-02-28')[0]!.value)).toContain('so tu phap');
    expect(fold(inForce(lltp, 'agency', '2025-03-01')[0]!.value)).toContain('cong an');
    expect(inForce(lltp, 'fee', '2025-06-01')[0]!.value).toContain('170.000');
    expect(inForce(lltp, 'fee', '2026-03-01')[0]!.value).not.toContain('170.000');
  });

  it('stops asking for the marital-status certificate at marriage registration from 2025-01-09', () => {
    const kh = sheet('dang-ky-ket-hon');
    expect(fold(inForce(kh, 'documents', '2025-01-08')[0]!.value)).toContain('xac nhan tinh trang hon nhan');
    expect(fold(inForce(kh, 'documents', '2025-01-09')[0]!.value)).toMatch(
      /khong (con )?(phai|can)[^\n]*xac nhan tinh trang hon nhan/,
    );
  });

  it('announces the register-anywhere rule for births only from 2027-03-01', () => {
    const ks = sheet('dang-ky-khai-sinh');
    expect(fold(inForce(ks, 'agency', '2027-02-28')[0]!.value)).not.toContain('bat ky');
    expect(fold(inForce(ks, 'agency', '2027-03-01')[0]!.value)).toContain('bat ky');
  });
});

describe('online-services guide and plan sidecar', () => {
  it('gives the guide DocumentMeta front matter and one ## heading per topic', async () => {
    const text = await readFile(path.join(SOURCES, 'guides', 'dich-vu-cong-truc-tuyen-dong-nai.md'), 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    expect(match).not.toBeNull();
    const meta = parse(match![1]!) as Record<string, unknown>;
    expect(meta).toMatchObject({ number: null, type: 'guide', audience: 'residents' });
    expect(typeof meta.title).toBe('string');
    expect(typeof meta.sourceUrl).toBe('string');
    const headings = match![2]!.match(/^## .+$/gm) ?? [];
    expect(headings.length).toBeGreaterThanOrEqual(6);
    expect(match![2]).toContain('1022@dongnai.gov.vn');
    expect(text).toBe(text.normalize('NFC'));
  });

  it('describes the 2024 plan in its sidecar with exactly the agreed keys', async () => {
    const file = path.join(SOURCES, 'plans', 'ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai.txt.meta.yaml');
    const meta = parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(meta).sort()).toEqual([
      'audience',
      'effectiveDate',
      'expiryDate',
      'issueDate',
      'issuer',
      'number',
      'sourceUrl',
      'supersededBy',
      'title',
      'type',
    ]);
    expect(meta).toMatchObject({
      number: '53/KH-UBND',
      issuer: 'UBND tỉnh Đồng Nai',
      issueDate: '2024-02-15',
      effectiveDate: '2024-02-15',
      expiryDate: '2024-12-31',
      type: 'plan',
      audience: 'both',
      sourceUrl: null,
      supersededBy: null,
    });
  });
});
