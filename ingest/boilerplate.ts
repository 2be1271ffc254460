/**
 * Separates an official document's furniture from its body: the header (issuer, national motto,
 * "Số: …", place and date, title) becomes metadata; table pipes, rules, "Nơi nhận:" lists and
 * signature blocks are dropped, because they would only pollute search ("tỉnh Đồng Nai" appears in
 * every header).
 */
import type { Line } from './line-repair.ts';
import { startsWithMarker } from './structure.ts';
import type { DocType, MetaFields } from './types.ts';

const HEADER_SCAN = 40; // lines: official headers are never longer
const NOISE = /^[|\-_=*.~–—\s]+$/u;
const MOTTO = [
  /^CỘNG HÒA XÃ HỘI( CHỦ NGHĨA VIỆT NAM)?$/u,
  /^CHỦ NGHĨA VIỆT NAM$/u,
  /^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc$/iu,
];
const NUMBER = /^Số\s*:?\s*(\d+[\p{L}\d/.&\-–]*\/[\p{L}\d.&\-–/]+)/u;
const DATE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const SIGNATURE_START = /^(TM|KT|Q|TL|TUQ)\.\s*\p{Lu}[\p{Lu}\s.]*$/u;
const SIGNED = /^\(?(Đã ký|đã ký)\)?$/u;

const isNoise = (s: string) => s === '' || NOISE.test(s);
const isMotto = (s: string) => MOTTO.some((re) => re.test(s));
const isUpper = (s: string) => /\p{Lu}/u.test(s) && s === s.toLocaleUpperCase('vi');
// A person's name under a signature: 2–5 capitalised words, no digits or punctuation.
const isName = (s: string) => /^(\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}*$/u.test(s);

export interface HeaderResult {
  inferred: Partial<MetaFields>;
  /** Index of the first body line in the input. */
  bodyStart: number;
}

/** Reads issuer, number, date, title and type from an official header; an empty result when there is none. */
export function extractHeader(lines: readonly Line[]): HeaderResult {
  // Blank lines carry no meaning in a header (Word exports put one between every paragraph).
  const at = lines
    .map((l, i) => (l.text.trim() === '' ? -1 : i))
    .filter((i) => i >= 0)
    .slice(0, HEADER_SCAN);
  const head = at.map((i) => lines[i]!.text.trim());
  const numberAt = head.findIndex((s) => NUMBER.test(s));
  const mottoAt = head.findIndex(isMotto);
  if (numberAt < 0 && mottoAt < 0) return { inferred: capsTitle(head), bodyStart: 0 };
  const inferred: Partial<MetaFields> = {};
  let last = Math.max(numberAt, mottoAt);
  if (numberAt >= 0) inferred.number = NUMBER.exec(head[numberAt]!)![1]!;
  const issuer = readIssuer(head);
  if (issuer) inferred.issuer = issuer;
  const date = readDate(head);
  if (date) {
    inferred.issueDate = date.iso;
    last = Math.max(last, date.endLine);
  }
  const title = readTitle(head, last + 1);
  if (title.text) inferred.title = title.text;
  const type = inferType(title.text, inferred.number ?? null);
  if (type) inferred.type = type;
  return { inferred, bodyStart: title.end < at.length ? at[title.end]! : (at.at(-1) ?? -1) + 1 };
}

/** True when the text opens like an official document (a "Số: …" line or the national motto). */
export function hasOfficialHeader(lines: readonly Line[]): boolean {
  const head = lines
    .map((l) => l.text.trim())
    .filter((s) => s !== '')
    .slice(0, HEADER_SCAN);
  return head.some((s) => NUMBER.test(s) || isMotto(s));
}

/** "ỦY BAN NHÂN DÂN / TỈNH ĐỒNG NAI" → "UBND tỉnh Đồng Nai"; other issuers keep their printed form. */
export function formatIssuer(upper: string): string {
  const m = /^ỦY BAN NHÂN DÂN\s+(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s+(.+)$/u.exec(upper);
  if (!m) return upper;
  const place = m[2]!
    .split(/\s+/)
    .map((w) => w.charAt(0) + w.slice(1).toLocaleLowerCase('vi'))
    .join(' ');
  return `UBND ${m[1]!.toLocaleLowerCase('vi')} ${place}`;
}

// Without an official header, an uppercase first line ("HƯỚNG DẪN HÒA GIẢI Ở CƠ SỞ") is still the title;
// it stays in the body so its words remain searchable.
function capsTitle(head: readonly string[]): Partial<MetaFields> {
  const first = head.find((s) => !isNoise(s));
  return first && isUpper(first) && first.length <= 150 && !startsWithMarker(first) ? { title: first } : {};
}

function readIssuer(head: readonly string[]): string | null {
  const parts: string[] = [];
  for (const s of head) {
    if (isNoise(s) || isMotto(s) || !isUpper(s)) break;
    parts.push(s);
  }
  return parts.length > 0 ? formatIssuer(parts.join(' ')) : null;
}

function readDate(head: readonly string[]): { iso: string; endLine: number } | null {
  for (let i = 0; i < head.length; i++) {
    if (!/ngày\s+\d{1,2}/u.test(head[i]!)) continue;
    // The date is often wrapped: "Đồng Nai, ngày 15" / "tháng 02 năm 2024".
    for (let j = i; j < Math.min(head.length, i + 3); j++) {
      const m = DATE.exec(head.slice(i, j + 1).join(' '));
      if (!m) continue;
      const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
      return { iso, endLine: j };
    }
  }
  return null;
}

// "Về việc …" always; another sentence-case line only when it does not read as the body starting.
const isSubject = (s: string) =>
  /^(Về|V\/v)(?=\s|$)/u.test(s) ||
  (s.length <= 160 && !/^(Căn cứ|Thực hiện|Theo)(?=\s|$)/u.test(s) && !/[;:.]$/u.test(s));

function readTitle(head: readonly string[], from: number): { text: string | null; end: number } {
  let i = from;
  while (i < head.length && isNoise(head[i]!)) i++;
  const parts: string[] = [];
  // The title is the uppercase kind ("KẾ HOẠCH", "QUYẾT ĐỊNH") plus its subject: more uppercase lines, or a
  // sentence-case subject ("Về việc …", "Triển khai …") that may wrap onto lowercase lines. An uppercase line after the subject is the
  // signer's authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"), not the title.
  let subject = false;
  for (; i < head.length; i++) {
    const s = head[i]!;
    if (startsWithMarker(s) || isNoise(s)) break;
    const upper = isUpper(s);
    const ok = parts.length === 0 ? upper : subject ? !upper && /^\p{Ll}/u.test(s) : upper || isSubject(s);
    if (!ok) break;
    if (!upper) subject = true;
    parts.push(s);
  }
  return { text: parts.length > 0 ? parts.join(' ') : null, end: i };
}

function inferType(title: string | null, number: string | null): DocType | null {
  const t = title ?? '';
  if (/^KẾ HOẠCH(?=\s|$)/u.test(t) || /\/KH-/u.test(number ?? '')) return 'plan';
  if (/^HƯỚNG DẪN(?=\s|$)/u.test(t)) return 'guide';
  if (/^(QUYẾT ĐỊNH|NGHỊ ĐỊNH|NGHỊ QUYẾT|THÔNG TƯ|LUẬT|CHỈ THỊ|CÔNG VĂN)(?=\s|$)/u.test(t)) return 'legal';
  return null;
}

/** Drops pipes, rules, the motto, "Nơi nhận:" lists and signature blocks; keeps everything else in order. */
export function stripBoilerplate(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  let mode: 'body' | 'recipients' | 'signature' = 'body';
  for (const line of lines) {
    const s = line.text.trim();
    if (s === '') {
      out.push(line);
      continue;
    }
    if (NOISE.test(s) || isMotto(s) || SIGNED.test(s)) continue;
    if (/^Nơi nhận\s*:?$/u.test(s)) mode = 'recipients';
    else if (SIGNATURE_START.test(s)) mode = 'signature';
    else if (mode === 'recipients' && !/^[-+]\s/u.test(s)) mode = 'body';
    else if (mode === 'signature' && !isUpper(s) && !isName(s)) mode = 'body';
    if (mode === 'body') out.push(line);
  }
  return out;
}
