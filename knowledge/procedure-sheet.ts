/**
 * The structured procedure sheet format (YAML or JSON files in knowledge/sources/procedures/).
 * Ingest validates sheets with this schema; the answer composer reads the dated variants it produces.
 *
 * A field value is either plain text, a list of items, or a list of dated variants, because fees and
 * agencies change on known dates ("miễn phí từ 15/8/2026 đến 28/02/2027 nếu có VNeID mức 2").
 */
import { z } from 'zod';
import type { Chunk, DatedVariant, ProcedureField } from './types.ts';

/**
 * A sheet's overview chunk lists the everyday names of its procedure on one line, "Tên gọi khác: A; B"
 * (ingest's sheet loader writes it). The answer path reads it back to know what a procedure is called.
 */
export const OTHER_NAMES_LABEL = 'Tên gọi khác';

/** The "Tên gọi khác: …" line of a document's overview chunk, as written, or null when it has none. */
export function otherNamesLine(chunks: readonly Chunk[]): string | null {
  const overview = chunks.find((c) => c.field === 'overview');
  return overview?.text.split('\n').find((l) => l.startsWith(OTHER_NAMES_LABEL)) ?? null;
}

/** The names on an other-names line without its label ("A; B"); null for no line. */
export function namesOnLine(line: string | null): string | null {
  return line?.replace(/^Tên gọi khác:\s*/, '') ?? null;
}

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), { message: 'expected a date as YYYY-MM-DD' });

const text = z.string().trim().min(1);
const textOrList = z.union([text, z.array(text).min(1)]);

export const variantSchema = z
  .object({
    value: textOrList,
    from: isoDate.optional(),
    to: isoDate.optional(),
    condition: text.optional(),
    legalBasis: text.optional(),
  })
  .strict();

/** Plain text, a list of items, or dated variants. */
export const fieldValueSchema = z.union([text, z.array(text).min(1), z.array(variantSchema).min(1)]);
export type FieldValue = z.infer<typeof fieldValueSchema>;

export const procedureSheetSchema = z
  .object({
    name: text,
    /** Everyday names people use ("làm giấy khai sinh", "nhập hộ khẩu"); indexed with the overview. */
    aliases: z.array(text).default([]),
    /** Mã TTHC on the national portal, when known. */
    code: text.nullable().optional(),
    issuer: text.optional(),
    audience: z.enum(['residents', 'officials', 'both']).default('residents'),
    summary: text.optional(),
    agency: fieldValueSchema,
    steps: fieldValueSchema.optional(),
    documents: fieldValueSchema,
    timeLimit: fieldValueSchema,
    fee: fieldValueSchema,
    whereToFile: fieldValueSchema.optional(),
    online: fieldValueSchema.optional(),
    onlineLink: z.string().url().nullable().optional(),
    legalBasis: fieldValueSchema,
    conditions: fieldValueSchema.optional(),
    notes: fieldValueSchema.optional(),
    effectiveDate: isoDate.optional(),
    lastChecked: isoDate,
    sources: z.array(z.string().url()).min(1),
  })
  .strict();

export type ProcedureSheet = z.infer<typeof procedureSheetSchema>;

/** Field order in overviews and chunking, with the Vietnamese label shown to users. */
export const PROCEDURE_FIELDS: ReadonlyArray<{ key: ProcedureField & keyof ProcedureSheet; label: string }> = [
  { key: 'agency', label: 'Cơ quan giải quyết' },
  { key: 'documents', label: 'Thành phần hồ sơ' },
  { key: 'steps', label: 'Trình tự thực hiện' },
  { key: 'timeLimit', label: 'Thời hạn giải quyết' },
  { key: 'fee', label: 'Phí, lệ phí' },
  { key: 'whereToFile', label: 'Nơi nộp, cách nộp' },
  { key: 'online', label: 'Làm trực tuyến' },
  { key: 'conditions', label: 'Điều kiện' },
  { key: 'legalBasis', label: 'Căn cứ pháp lý' },
  { key: 'notes', label: 'Lưu ý' },
];

/** Turns a field value into dated variants; plain values become one open-ended variant. */
export function toVariants(value: FieldValue): DatedVariant[] {
  const join = (v: string | string[]) => (Array.isArray(v) ? v.join('\n') : v);
  if (typeof value === 'string') return [open(value)];
  if (value.every((v): v is string => typeof v === 'string')) return [open(join(value as string[]))];
  return (value as Array<z.infer<typeof variantSchema>>).map((v) => ({
    value: join(v.value),
    validFrom: v.from ?? null,
    validTo: v.to ?? null,
    condition: v.condition ?? null,
    legalBasis: v.legalBasis ?? null,
  }));
}

function open(value: string): DatedVariant {
  return { value, validFrom: null, validTo: null, condition: null, legalBasis: null };
}

/** True when the variant is in force on `isoDay` (inclusive bounds). */
export function variantInForce(v: DatedVariant, isoDay: string): boolean {
  return (v.validFrom === null || v.validFrom <= isoDay) && (v.validTo === null || isoDay <= v.validTo);
}
