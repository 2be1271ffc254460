/**
 * Procedure sheets (.yaml/.yml/.json): validated with knowledge's procedureSheetSchema, then one
 * chunk per field ("Phí, lệ phí: …" with every dated variant spelled out) plus an overview chunk
 * with the name, everyday aliases, code and summary — the chunk people's phrasing matches.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import {
  OTHER_NAMES_LABEL,
  PROCEDURE_FIELDS,
  procedureSheetSchema,
  toVariants,
  type DatedVariant,
  type ProcedureSheet,
} from '../../knowledge/index.ts';
import { IngestError } from '../errors.ts';
import { normalizeValue } from '../normalise-line.ts';
import type { Block, LoadedSource, PrebuiltChunk } from '../types.ts';

/** Section name of the overview chunk. */
export const OVERVIEW_LABEL = 'Tổng quan';

/** Loads and validates a procedure sheet; schema problems are `E_SHEET_INVALID`, all listed. */
export async function loadSheet(path: string): Promise<LoadedSource> {
  const data = parseFile(await readFile(path, 'utf8'), path);
  // A JSON/YAML file in another shape (a list of offices, an export) is a document, not a broken sheet.
  if (!claimsToBeSheet(data)) return dataDocument(data);
  const sheet = validate(data, path);
  const name = normalizeValue(sheet.name);
  const chunks: PrebuiltChunk[] = [{ sectionPath: [name, OVERVIEW_LABEL], text: overview(sheet), field: 'overview' }];
  for (const { key, label } of PROCEDURE_FIELDS) {
    const value = sheet[key];
    if (value === undefined) continue;
    const variants = toVariants(value).map((v) => ({ ...v, value: normalizeValue(v.value) }));
    chunks.push({ sectionPath: [name, label], text: renderField(label, variants), field: key, variants });
  }
  return {
    blocks: [],
    prebuiltChunks: chunks,
    declared: {
      title: name,
      number: null,
      type: 'procedure',
      audience: sheet.audience,
      issuer: sheet.issuer ?? null,
      effectiveDate: sheet.effectiveDate ?? null,
      lastChecked: sheet.lastChecked,
      sourceUrl: sheet.sources[0] ?? null,
      ...(sheet.code ? { code: sheet.code } : {}),
    },
    inferred: {},
  };
}

function parseFile(raw: string, path: string): unknown {
  try {
    return path.endsWith('.json') ? JSON.parse(raw) : parseYaml(raw);
  } catch (err) {
    throw new IngestError(
      'E_SHEET_INVALID',
      `Cannot parse "${path}": ${(err as Error).message.split('\n')[0]}. Fix the syntax.`,
      { path, cause: err },
    );
  }
}

const SHEET_KEYS = new Set(Object.keys(procedureSheetSchema.shape));

/** A file claims to be a sheet when it is an object with a name or at least two of the sheet's keys. */
function claimsToBeSheet(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const keys = Object.keys(data);
  return keys.includes('name') || keys.filter((k) => SHEET_KEYS.has(k)).length >= 2;
}

/** Any other JSON/YAML value as readable blocks: "key: value" lines, one row per object in a list. */
function dataDocument(data: unknown): LoadedSource {
  const blocks: Block[] = [];
  const scalar = (v: unknown) => (v === null || typeof v !== 'object' ? String(v) : null);
  const walk = (value: unknown, label: string | null): void => {
    const s = scalar(value);
    if (s !== null) {
      const text = normalizeValue(label ? `${label}: ${s}` : s).trim();
      if (text) blocks.push({ kind: 'paragraph', text, page: null });
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        const flat =
          item &&
          typeof item === 'object' &&
          !Array.isArray(item) &&
          Object.values(item).every((v) => scalar(v) !== null);
        if (flat)
          blocks.push({
            kind: 'row',
            text: normalizeValue(
              Object.entries(item as object)
                .map(([k, v]) => `${k}: ${String(v)}`)
                .join(' | '),
            ),
            page: null,
          });
        else walk(item, label);
      }
      return;
    }
    for (const [k, v] of Object.entries(value as object)) {
      if (scalar(v) === null) blocks.push({ kind: 'heading', text: normalizeValue(k), page: null, rank: 2 });
      walk(v, scalar(v) === null ? null : k);
    }
  };
  walk(data, null);
  const title = blocks.find((b) => b.kind === 'paragraph')?.text.replace(/^[^:]*:\s*/, '');
  return { blocks, declared: {}, inferred: title ? { title } : {} };
}

function validate(data: unknown, path: string): ProcedureSheet {
  const result = procedureSheetSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new IngestError(
    'E_SHEET_INVALID',
    `Invalid procedure sheet "${path}" (${problems.length} problem${problems.length > 1 ? 's' : ''}): ${problems.join('; ')}`,
    { path },
  );
}

function overview(sheet: ProcedureSheet): string {
  const lines = [normalizeValue(sheet.name)];
  if (sheet.aliases.length > 0) lines.push(`${OTHER_NAMES_LABEL}: ${sheet.aliases.map(normalizeValue).join('; ')}`);
  if (sheet.code) lines.push(`Mã thủ tục: ${sheet.code}`);
  if (sheet.summary) lines.push(normalizeValue(sheet.summary));
  if (sheet.onlineLink) lines.push(`Nộp trực tuyến: ${sheet.onlineLink}`);
  return lines.join('\n');
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** "Từ 15/08/2026 đến 28/02/2027, nếu có VNeID mức 2 (căn cứ TT 117/2026/TT-BTC)"; empty when unconditional. */
export function describeVariant(v: DatedVariant): string {
  const parts: string[] = [];
  if (v.validFrom && v.validTo) parts.push(`từ ${dmy(v.validFrom)} đến ${dmy(v.validTo)}`);
  else if (v.validFrom) parts.push(`từ ${dmy(v.validFrom)}`);
  else if (v.validTo) parts.push(`đến hết ${dmy(v.validTo)}`);
  if (v.condition) parts.push(`nếu ${normalizeValue(v.condition).replace(/^nếu\s+/u, '')}`);
  const when = parts.join(', ');
  const basis = v.legalBasis ? ` (căn cứ ${normalizeValue(v.legalBasis)})` : '';
  return when ? when.charAt(0).toLocaleUpperCase('vi') + when.slice(1) + basis : basis.trim();
}

/** The readable field text: "Label: value" for one plain value, a bullet per item or variant otherwise. */
export function renderField(label: string, variants: readonly DatedVariant[]): string {
  const only = variants[0];
  if (variants.length === 1 && only && !describeVariant(only)) {
    const items = only.value.split('\n');
    return items.length === 1 ? `${label}: ${items[0]}` : `${label}:\n${items.map((s) => `- ${s}`).join('\n')}`;
  }
  const lines = variants.map((v) => {
    const when = describeVariant(v);
    const items = v.value.split('\n');
    // A list inside a dated variant is indented under it, one item per line.
    const value = items.length === 1 ? ` ${items[0]}` : `\n${items.map((s) => `  + ${s}`).join('\n')}`;
    return when ? `- ${when}:${value}` : `-${value}`;
  });
  return `${label}:\n${lines.join('\n')}`;
}
