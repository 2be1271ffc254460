/**
 * Citation bookkeeping: numbers are given in the order sources are first used, only for what the reply
 * shows, and each citation's text is a verbatim span of its chunk (so a reader can find it in the source).
 */
import { PROCEDURE_FIELDS, sectionLabel, type Chunk, type DocumentMeta } from '../knowledge/index.ts';
import { viDate, viDatePadded } from './dated-rules.ts';
import type { Citation } from './types.ts';

/** Longest citation text kept; a prefix of the chunk is still a verbatim span. */
const MAX_CITED_CHARS = 1200;

const NUMBER_KINDS: Array<[RegExp, string]> = [
  [/\/KH-/i, 'Kế hoạch'],
  [/\/QĐ-/i, 'Quyết định'],
  [/\/NĐ-/i, 'Nghị định'],
  [/\/TT-/i, 'Thông tư'],
  [/\/NQ-/i, 'Nghị quyết'],
  [/\/CT-/i, 'Chỉ thị'],
  [/\/QH\d*/i, 'Luật'],
];

/** "II. MỤC TIÊU > 2. Mục tiêu cụ thể > 2.2. Chính quyền số" → "II.2.2 Chính quyền số". */
export function shortSection(path: readonly string[]): string {
  if (path.length === 0) return '';
  const numbers = path.map((h) => /^([IVXLC]+|\d+(?:\.\d+)*)\.?\s/.exec(h.trim())?.[1] ?? null);
  const last = path[path.length - 1]!.trim();
  const title = last.replace(/^([IVXLC]+|\d+(?:\.\d+)*)\.?\s+/, '');
  const lastNumber = numbers[numbers.length - 1];
  if (!lastNumber) return title;
  const roman = numbers[0] && /^[IVXLC]+$/.test(numbers[0]) && numbers.length > 1 ? `${numbers[0]}.` : '';
  return `${roman}${lastNumber} ${title}`;
}

/** The display label of a chunk's source, without the number: used in "[n] …" lines and for generators. */
export function sourceLabel(meta: DocumentMeta, chunk: Chunk): string {
  const { head, item, tail, sep } = sourceLabelParts(meta, chunk);
  return `${head}${item ? `${sep}${item}` : ''}${tail}`;
}

/** A source label in three parts: the document, the part of it (field, section, page), and the check date. */
export interface LabelParts {
  head: string;
  item: string;
  tail: string;
  /** Between the document and the part: " — " after a procedure's name, ", " otherwise. */
  sep: string;
}

export function sourceLabelParts(meta: DocumentMeta, chunk: Chunk): LabelParts {
  if (meta.type === 'procedure') {
    const name = /^thủ tục/i.test(meta.title) ? meta.title : `Thủ tục ${meta.title}`;
    const field = PROCEDURE_FIELDS.find((f) => f.key === chunk.field)?.label ?? '';
    const checked = meta.lastChecked ? ` (kiểm tra ${viDatePadded(meta.lastChecked)})` : '';
    return { head: name, item: field, tail: checked, sep: ' — ' };
  }
  const section = shortSection(chunk.sectionPath);
  const item = [section ? `mục ${section}` : '', chunk.page !== null ? `trang ${chunk.page}` : '']
    .filter((x) => x)
    .join(', ');
  if (meta.number) {
    const kind = NUMBER_KINDS.find(([re]) => re.test(meta.number as string))?.[1] ?? 'Văn bản';
    const date = meta.issueDate ? ` (${viDatePadded(meta.issueDate)})` : '';
    return { head: `${kind} ${meta.number}${date}`, item, tail: '', sep: ', ' };
  }
  return { head: meta.title, item, tail: '', sep: ', ' };
}

/**
 * The smallest verbatim span of the chunk covering what the reply used. A list value is found item by item
 * (chunks write items as "- x", "  + x" or "x; y"), and a variant's header line ("- Từ 01/07/2025 …:") is
 * included so the cited text keeps its dates. Falls back to the chunk's opening (a verbatim prefix).
 */
export function verbatimSpan(chunkText: string, wanted: readonly string[]): string {
  const spans: Array<[number, number]> = [];
  for (const value of wanted) {
    const whole = value.trim();
    const at = whole ? chunkText.indexOf(whole) : -1;
    if (at >= 0) {
      spans.push([at, at + whole.length]);
      continue;
    }
    const run = findItemRun(
      chunkText,
      value
        .split('\n')
        .map((x) => x.trim())
        .filter((x) => x.length > 0),
    );
    if (run) spans.push([withHeader(chunkText, run[0]), run[1]]);
  }
  if (spans.length === 0) return clip(chunkText);
  const start = Math.min(...spans.map((s) => s[0]));
  const end = Math.max(...spans.map((s) => s[1]));
  return clip(chunkText.slice(start, end));
}

/** Longest gap allowed between consecutive items of one list ("; " or "\n  + "). */
const ITEM_GAP = 12;

/**
 * Where the items of one list value sit together in the text. The same item may appear in several dated
 * variants ("Cấp lại … 70.000đ" before and after a reduction), so each occurrence of the first item is
 * tried and the one followed by the most of the other items wins.
 */
function findItemRun(text: string, items: readonly string[]): [number, number] | null {
  const first = items[0];
  if (!first) return null;
  let best: { start: number; end: number; matched: number } | null = null;
  for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
    let end = at + first.length;
    let matched = 1;
    for (const item of items.slice(1)) {
      const next = text.indexOf(item, end);
      if (next < 0 || next - end > ITEM_GAP) break;
      end = next + item.length;
      matched++;
    }
    if (!best || matched > best.matched) best = { start: at, end, matched };
    if (matched === items.length) break;
  }
  return best ? [best.start, best.end] : null;
}

/** For an indented sub-item ("  + …"), the start of the "- …" header line above it; else `at`. */
function withHeader(text: string, at: number): number {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (!/^\s+[+•*-]\s*$/.test(text.slice(lineStart, at))) return at;
  let cursor = lineStart;
  while (cursor > 0) {
    const prev = text.lastIndexOf('\n', cursor - 2) + 1;
    if (/^[-•*]\s/.test(text.slice(prev, cursor))) return prev;
    cursor = prev;
  }
  return at;
}

function clip(text: string): string {
  if (text.length <= MAX_CITED_CHARS) return text;
  const cut = text.slice(0, MAX_CITED_CHARS);
  const lastBreak = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('. '));
  return lastBreak > MAX_CITED_CHARS / 2 ? cut.slice(0, lastBreak + 1).trimEnd() : cut;
}

interface Entry {
  citation: Citation;
  parts: LabelParts;
}

/**
 * A procedure field as a reply and its source line name it: the sheet's labels ("Cơ quan giải quyết", "Nơi
 * nộp, cách nộp") are written for a form, and on a phone the short name says the same. "Phí, lệ phí" stays
 * whole: a phí and a lệ phí are not the same charge.
 */
const SHORT_FIELD: Readonly<Record<string, string>> = {
  agency: 'Cơ quan',
  documents: 'Hồ sơ',
  steps: 'Trình tự',
  timeLimit: 'Thời hạn',
  fee: 'Phí, lệ phí',
  whereToFile: 'Nơi nộp',
  online: 'Trực tuyến',
  conditions: 'Điều kiện',
  legalBasis: 'Căn cứ',
  notes: 'Lưu ý',
};

/** The short name of a procedure field ("Thời hạn"), or the sheet's label when it has none. */
export function fieldName(field: string): string {
  return SHORT_FIELD[field] ?? PROCEDURE_FIELDS.find((f) => f.key === field)?.label ?? field;
}

/** The part a source line names: a procedure's field in short, a plan's section as in sourceLabelParts. */
function shortItem(meta: DocumentMeta, chunk: Chunk, parts: LabelParts): string {
  if (meta.type !== 'procedure') return parts.item;
  // A summary chunk ("overview") is no field of the sheet: it is named "tóm tắt" beside the fields.
  return chunk.field && SHORT_FIELD[chunk.field] ? fieldName(chunk.field) : parts.item;
}

/**
 * The label parts a source line shows on a phone: the document by its name or number and the part of it,
 * nothing else. A procedure's field in short, its name without the scope in brackets ("Đăng ký kết hôn", not
 * "… (hai bên là công dân Việt Nam cư trú trong nước)") and no check date; a document keeps its number and
 * date (the date answers "ban hành ngày nào"). The citation itself keeps the full title and section.
 */
export function sourceLineParts(meta: DocumentMeta, chunk: Chunk): LabelParts {
  const parts = sourceLabelParts(meta, chunk);
  const item = shortItem(meta, chunk, parts);
  if (meta.type === 'procedure') {
    // The sheet's name says which procedure; "Thủ tục" before it says nothing more.
    const name = parts.head.replace(/^Thủ tục\s+/i, '');
    const bare = name.replace(/\s*\([^()]*\)\s*$/, '');
    return { ...parts, head: bare.length >= 8 ? bare : name, item, tail: '' };
  }
  // Dates as the reply writes them ("15/2/2024", like "từ 01/7/2025").
  const issued = meta.issueDate;
  const head = issued ? parts.head.replace(viDatePadded(issued), viDate(issued)) : parts.head;
  return { ...parts, head, item };
}

/** Hands out citation numbers as chunks are used; the same chunk keeps its number. */
export class CitationLedger {
  readonly #byChunk = new Map<string, Entry>();
  readonly #notes: Readonly<Record<string, string>>;

  /** `notes` are said beside a document on its source line, by document id ("hết hạn 31/12/2024"). */
  constructor(notes: Readonly<Record<string, string>> = {}) {
    this.#notes = notes;
  }

  /** Registers a chunk with the span the reply used; returns its number. Spans used twice are merged. */
  cite(meta: DocumentMeta, chunk: Chunk, usedText: readonly string[]): number {
    const existing = this.#byChunk.get(chunk.id);
    if (existing) {
      existing.citation.text = verbatimSpan(chunk.text, [existing.citation.text, ...usedText]);
      return existing.citation.n;
    }
    const citation: Citation = {
      n: this.#byChunk.size + 1,
      documentId: meta.id,
      title: meta.title,
      number: meta.number,
      section: sectionLabel(chunk.sectionPath),
      page: chunk.page,
      text: verbatimSpan(chunk.text, usedText),
    };
    this.#byChunk.set(chunk.id, { citation, parts: sourceLineParts(meta, chunk) });
    return citation.n;
  }

  /** Citations in number order. */
  citations(): Citation[] {
    return [...this.#byChunk.values()].map((e) => e.citation);
  }

  /**
   * "[1] Kế hoạch 53/KH-UBND (15/02/2024), mục II.2.2 Chính quyền số" lines, one per document. `compact`, for a
   * reply whose lines open with their field ("Thời hạn: …"), names a sheet once behind the marks of all its
   * fields ("[1][2][3] Đăng ký thường trú") instead of "[1] Đăng ký thường trú — Cơ quan; [2] Thời hạn; …".
   */
  lines(compact = false): string[] {
    // Parts of one document share a line: on a phone the document name is read once, not once per part; two
    // chunks of one section share their label too ("[1][2] mục V.6 Sở Thông tin và Truyền thông").
    const groups: Entry[][] = [];
    for (const e of this.#byChunk.values()) {
      const last = groups.at(-1);
      // A procedure's summary (no field) joins its fields' line too, as "tóm tắt".
      if (last && last[0]?.citation.documentId === e.citation.documentId && (e.parts.item || e.parts.sep === ' — '))
        last.push(e);
      else groups.push([e]);
    }
    return groups.map((g) => {
      const first = g[0] as Entry;
      const items: Array<{ marks: string; item: string }> = [];
      for (const e of g) {
        const item = e.parts.item || (e === first ? '' : 'tóm tắt');
        const same = items.find((i) => i.item === item);
        if (same) same.marks += `[${e.citation.n}]`;
        else items.push({ marks: `[${e.citation.n}]`, item });
      }
      const head = withNote(first.parts.head, this.#notes[first.citation.documentId]);
      if (compact && first.parts.sep === ' — ' && items.length > 1)
        return `${items.map((i) => i.marks).join('')} ${head}`;
      const text = items.map(({ marks, item }, i) =>
        i === 0 ? `${marks} ${head}${item ? `${first.parts.sep}${item}` : ''}` : `${marks} ${item}`,
      );
      return `${text.join('; ')}${first.parts.tail}`;
    });
  }
}

/** "Kế hoạch 53/KH-UBND (15/02/2024)" + "hết hạn 31/12/2024" → "Kế hoạch 53/KH-UBND (15/02/2024, hết hạn 31/12/2024)". */
function withNote(head: string, note: string | undefined): string {
  if (!note) return head;
  return /\)$/.test(head) ? `${head.slice(0, -1)}, ${note})` : `${head} (${note})`;
}
