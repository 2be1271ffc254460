/**
 * Separates an official document's furniture from its body: the header (issuer, national motto,
 * "Số: …", place and date, title) becomes metadata, because it would only pollute search ("tỉnh Đồng Nai"
 * appears in every header); table pipes and rules are dropped; the "Nơi nhận:" list and the signature block
 * become one closing section at the end (who signed, who it was sent to).
 */
import type { Line } from './line-repair.ts';
import { startsWithMarker } from './structure.ts';
import type { Block, DocType, MetaFields } from './types.ts';

const HEADER_SCAN = 40; // lines: official headers are never longer
const NOISE = /^[|\-_=*.~–—\s]+$/u;
const MOTTO = [
  /^CỘNG HÒA XÃ HỘI( CHỦ NGHĨA VIỆT NAM)?$/u,
  /^CHỦ NGHĨA VIỆT NAM$/u,
  /^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc$/iu,
];
// A law prints "Luật số: 27/2024/QH15", an ordinance "Pháp lệnh số: …", everything else "Số: …".
const NUMBER = /^(?:(?:Bộ luật|Luật|Pháp lệnh)\s+số|Số)\s*:?\s*(\d+[\p{L}\d/.&\-–]*\/[\p{L}\d.&\-–/]+)/u;
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
  /** The header's "Số: …" line and its place-and-date line (rejoined when wrapped), as printed; they open the closing section. */
  identity: Line[];
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
  if (numberAt < 0 && mottoAt < 0) return { inferred: capsTitle(head), bodyStart: 0, identity: [] };
  const inferred: Partial<MetaFields> = {};
  const identity: Line[] = [];
  const lineAt = (i: number, text: string): Line => ({ text, page: lines[at[i]!]!.page });
  let last = Math.max(numberAt, mottoAt);
  if (numberAt >= 0) {
    inferred.number = NUMBER.exec(head[numberAt]!)![1]!;
    identity.push(lineAt(numberAt, head[numberAt]!));
  }
  const issuer = readIssuer(head);
  if (issuer) inferred.issuer = issuer;
  const date = readDate(head);
  if (date) {
    inferred.issueDate = date.iso;
    last = Math.max(last, date.endLine);
    identity.push(lineAt(date.startLine, head.slice(date.startLine, date.endLine + 1).join(' ')));
  }
  const title = readTitle(head, last + 1);
  if (title.text) inferred.title = title.text;
  const type = inferType(title.text, inferred.number ?? null);
  if (type) inferred.type = type;
  return { inferred, bodyStart: title.end < at.length ? at[title.end]! : (at.at(-1) ?? -1) + 1, identity };
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

function readDate(head: readonly string[]): { iso: string; startLine: number; endLine: number } | null {
  for (let i = 0; i < head.length; i++) {
    if (!/ngày\s+\d{1,2}/u.test(head[i]!)) continue;
    // The date is often wrapped: "Đồng Nai, ngày 15" / "tháng 02 năm 2024".
    for (let j = i; j < Math.min(head.length, i + 3); j++) {
      const m = DATE.exec(head.slice(i, j + 1).join(' '));
      if (!m) continue;
      const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
      return { iso, startLine: i, endLine: j };
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

/**
 * Heading of an official document's closing section. The source prints no heading there ("Nơi nhận:" and
 * "TM."/"KT." stand in two columns), so the section is named for what it holds: the citation then reads
 * "mục Nơi nhận và người ký", and "ai ký kế hoạch này" matches its words.
 */
export const CLOSING_HEADING = 'Nơi nhận và người ký';
/** Above every numbered heading: the closing section never nests under the body's last section. */
const CLOSING_RANK = 0;
// The formula that ends the body of plans and reports ("Trên đây là Kế hoạch …, đề nghị …./.").
const CLOSING_SENTENCE = /^Trên đây(?=\s)/u;
/** Lines looked back over for that sentence before the recipients or the signature. */
const CLOSING_SENTENCE_LINES = 6;
// Words that open a signer's title: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" are two lines, "TM. ỦY BAN NHÂN" / "DÂN" one.
const TITLE_START = /^(PHÓ|CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỨ TRƯỞNG|CHÁNH|TRƯỞNG)(?=\s|$)/u;

export interface BodyAndClosing {
  /** The body in order, without pipes, rules, the motto, the recipients and the signature. */
  body: Line[];
  /** The closing section as blocks under {@link CLOSING_HEADING}; empty when the document has none. */
  closing: Block[];
}

/**
 * Drops pipes, rules and the motto, and moves the closing ("Trên đây là …", the "Nơi nhận:" list, the
 * signature block with the signer's name) out of the body into its own section, so "ai ký", "gửi cho những
 * ai" are answered from the document itself, cited, while the last body section stays free of it.
 */
export function separateClosing(lines: readonly Line[], identity: readonly Line[] = []): BodyAndClosing {
  const body: Line[] = [];
  const closing: Line[] = [];
  let mode: 'body' | 'recipients' | 'signature' = 'body';
  for (const line of lines) {
    const s = line.text.trim();
    if (s === '') {
      body.push(line);
      continue;
    }
    if (NOISE.test(s) || isMotto(s) || SIGNED.test(s)) continue;
    const before = mode;
    if (/^Nơi nhận\s*:?$/u.test(s)) mode = 'recipients';
    else if (SIGNATURE_START.test(s)) mode = 'signature';
    else if (mode === 'recipients' && !/^[-+]\s/u.test(s)) mode = 'body';
    else if (mode === 'signature' && !isUpper(s) && !isName(s)) mode = 'body';
    if (mode === 'body') {
      body.push(line);
      continue;
    }
    if (before === 'body' && closing.length === 0) closing.push(...takeClosingSentence(body));
    closing.push({ ...line, text: s });
  }
  if (closing.length === 0) return { body, closing: [] };
  return { body, closing: [...identityBlocks(identity, closing[0]!), ...closingBlocks(closing)] };
}

/**
 * The closing section's heading and the document's own number and date lines: "kế hoạch 53 ai ký, ngày nào"
 * is then answered from one cited section, which also says which document it closes.
 */
function identityBlocks(identity: readonly Line[], first: Line): Block[] {
  return [
    { kind: 'heading', text: CLOSING_HEADING, page: first.page, rank: CLOSING_RANK },
    ...identity.map((l): Block => ({ kind: 'paragraph', text: l.text.trim(), page: first.page })),
  ];
}

/** Removes the body's last paragraph when it is the closing formula, and returns its lines. */
function takeClosingSentence(body: Line[]): Line[] {
  let seen = 0;
  for (let i = body.length - 1; i >= 0 && seen < CLOSING_SENTENCE_LINES; i--) {
    const s = body[i]!.text.trim();
    if (s === '') continue;
    seen++;
    if (CLOSING_SENTENCE.test(s)) return body.splice(i).filter((l) => l.text.trim() !== '');
    if (startsWithMarker(s)) return [];
  }
  return [];
}

/** The closing lines as blocks: the formula as one paragraph, recipients as bullets, one line per signer title. */
function closingBlocks(lines: readonly Line[]): Block[] {
  const blocks: Block[] = [];
  let sentence = CLOSING_SENTENCE.test(lines[0]?.text ?? '');
  for (const line of lines) {
    const s = line.text.trim();
    const prev = blocks.at(-1);
    if (prev && sentence && prev.kind === 'paragraph' && !/^Nơi nhận/u.test(s) && !SIGNATURE_START.test(s)) {
      prev.text += ` ${s}`;
      continue;
    }
    if (prev && sentence && prev.kind === 'paragraph') sentence = false;
    // A wrapped signer line ("TM. ỦY BAN NHÂN" / "DÂN") continues; a new title or the name starts a line.
    const continues =
      prev !== undefined &&
      !sentence &&
      prev.kind === 'paragraph' &&
      isUpper(prev.text) &&
      isUpper(s) &&
      !SIGNATURE_START.test(s) &&
      !TITLE_START.test(s) &&
      !/^Nơi nhận/u.test(prev.text);
    if (continues) prev.text += ` ${s}`;
    else blocks.push({ kind: /^[-+]\s/u.test(s) ? 'bullet' : 'paragraph', text: s, page: line.page });
  }
  return blocks;
}
