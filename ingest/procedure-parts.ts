/**
 * The parts of a procedure in the national structure (the annex of a "Quyết định công bố thủ tục hành
 * chính", or a page of the national public-service portal), how their labels are written, and which
 * field of our procedure sheets each one fills — so the sheet composer answers them the same way.
 */
import { foldText, type ProcedureField } from '../knowledge/index.ts';

/** A national part; `field` 'overview' means the text joins the overview chunk (đối tượng thực hiện). */
export interface NationalPart {
  key: string;
  /** The label the content team knows, for the ingest report. */
  label: string;
  field: ProcedureField;
  /** Matched against the folded, lowercase start of a line (numbering and bullets removed). */
  re: RegExp;
}

// Order matters: longer labels first ("thanh phan, so luong ho so" before "so luong ho so").
export const NATIONAL_PARTS: readonly NationalPart[] = [
  { key: 'name', label: 'tên thủ tục', field: 'overview', re: /^ten (?:thu tuc|tthc)\b/ },
  { key: 'code', label: 'mã thủ tục', field: 'overview', re: /^ma (?:so )?(?:thu tuc|tthc|ho so thu tuc)\b/ },
  { key: 'steps', label: 'trình tự thực hiện', field: 'steps', re: /^trinh tu(?: thuc hien)?\b/ },
  {
    key: 'ways',
    label: 'cách thức thực hiện',
    field: 'whereToFile',
    re: /^(?:cach thuc thuc hien|hinh thuc nop|cach thuc nop)\b/,
  },
  {
    key: 'documents',
    label: 'thành phần, số lượng hồ sơ',
    field: 'documents',
    re: /^(?:thanh phan,? (?:va )?(?:so luong )?ho so|ho so gom|ho so can nop)\b/,
  },
  { key: 'count', label: 'số lượng hồ sơ', field: 'documents', re: /^so luong ho so\b/ },
  {
    key: 'timeLimit',
    label: 'thời hạn giải quyết',
    field: 'timeLimit',
    re: /^thoi han (?:giai quyet|xu ly|tra ket qua)\b/,
  },
  { key: 'subjects', label: 'đối tượng thực hiện', field: 'overview', re: /^doi tuong thuc hien\b/ },
  {
    key: 'agency',
    label: 'cơ quan thực hiện',
    field: 'agency',
    re: /^co quan (?:thuc hien|giai quyet|co tham quyen)\b/,
  },
  {
    key: 'result',
    label: 'kết quả thực hiện',
    field: 'notes',
    re: /^ket qua(?: (?:thuc hien|giai quyet)(?: thu tuc hanh chinh)?)?\b/,
  },
  { key: 'fee', label: 'phí, lệ phí', field: 'fee', re: /^(?:phi,? le phi|le phi|phi)\b/ },
  {
    key: 'forms',
    label: 'tên mẫu đơn, tờ khai',
    field: 'documents',
    re: /^(?:ten )?mau don(?:,? (?:mau )?to khai)?\b/,
  },
  {
    key: 'conditions',
    label: 'yêu cầu, điều kiện',
    field: 'conditions',
    re: /^(?:yeu cau,? (?:va )?dieu kien|yeu cau|dieu kien)(?: thuc hien)?(?: thu tuc hanh chinh)?\b/,
  },
  { key: 'legalBasis', label: 'căn cứ pháp lý', field: 'legalBasis', re: /^can cu phap ly\b/ },
];

/** The parts a complete procedure has (name and code are reported separately). */
export const CONTENT_PARTS = NATIONAL_PARTS.filter((p) => p.key !== 'name' && p.key !== 'code' && p.key !== 'count');

// Numbering and emphasis in front of a label: "1.3.", "c)", "-", "**", "II.".
const LEAD = /^(?:[-–•+*]\s*)?(?:(?:\d+\.)+\d*\s*|[a-zđ]\)\s*|[IVX]+\.\s*)?(?:\*\*|__)?\s*/u;

/** Removes leading numbering, bullets and bold markers. */
export function stripLead(text: string): string {
  return text
    .replace(LEAD, '')
    .replace(/^(?:\*\*|__)/, '')
    .trim();
}

/** A line that opens a part: the part and the text after its label (and after ":"), or null. */
export function partOf(text: string): { part: NationalPart; rest: string } | null {
  const body = stripLead(text);
  const folded = foldText(body).toLowerCase();
  for (const part of NATIONAL_PARTS) {
    const m = part.re.exec(folded);
    if (!m) continue;
    const after = folded.slice(m[0].length);
    // A label ends the line or is followed by ":", "|", "." or "(…)"; "phí nộp hồ sơ trực tuyến được giảm…" is prose.
    const sep = /^\s*(?:\([^)]*\)\s*)?(?:\*\*|__)?\s*(?::|\||\.(?:\s|$)|$)/.exec(after);
    if (!sep) continue;
    const rest = body
      .slice(m[0].length + sep[0].length)
      .replace(/^(?:\*\*|__)\s*/, '')
      .trim();
    return { part, rest };
  }
  return null;
}

/** Procedure codes in a text ("1.004222"). */
export const CODE_RE = /(?<![\d.,])[1-3]\.\d{6}(?![\d]|[.,]\d)/u;
