/**
 * Citation bookkeeping: numbers are given in the order sources are first used, only for what the reply
 * shows, and each citation's text is a verbatim span of its chunk (so a reader can find it in the source).
 */
import { PROCEDURE_FIELDS, sectionLabel, type Chunk, type DocumentMeta } from '../knowledge/index.ts';
import { viDatePadded } from './dated-rules.ts';
import type { Citation } from './types.ts';

/** Longest citation text kept; a prefix of the chunk is still a verbatim span. */
const MAX_CITED_CHARS = 600;

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
  if (meta.type === 'procedure') {
    const name = /^thủ tục/i.test(meta.title) ? meta.title : `Thủ tục ${meta.title}`;
    const field = PROCEDURE_FIELDS.find((f) => f.key === chunk.field)?.label;
    const checked = meta.lastChecked ? ` (kiểm tra ngày ${viDatePadded(meta.lastChecked)})` : '';
    return `${name}${field ? ` — ${field}` : ''}${checked}`;
  }
  const section = shortSection(chunk.sectionPath);
  const page = chunk.page !== null ? `, trang ${chunk.page}` : '';
  const where = section ? `, mục ${section}` : '';
  if (meta.number) {
    const kind = NUMBER_KINDS.find(([re]) => re.test(meta.number as string))?.[1] ?? 'Văn bản';
    const date = meta.issueDate ? ` (${viDatePadded(meta.issueDate)})` : '';
    return `${kind} ${meta.number}${date}${where}${page}`;
  }
  return `${meta.title}${where}${page}`;
}

/** Returns `wanted` when the chunk contains it verbatim, else the chunk's opening (a verbatim prefix). */
export function verbatimSpan(chunkText: string, wanted: readonly string[]): string {
  const found = wanted
    .flatMap(renderings)
    .map((w) => ({ w, at: chunkText.indexOf(w) }))
    .filter((x) => x.w.length > 0 && x.at >= 0);
  if (found.length === 0) return clip(chunkText);
  const start = Math.min(...found.map((x) => x.at));
  const end = Math.max(...found.map((x) => x.at + x.w.length));
  return clip(chunkText.slice(start, end));
}

/** The ways a list value may be written in a chunk: as is, items joined by "; ", or one bullet per item. */
function renderings(value: string): string[] {
  const items = value.split('\n').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length <= 1) return [value];
  return [value, items.join('; '), items.map((s) => `- ${s}`).join('\n')];
}

function clip(text: string): string {
  if (text.length <= MAX_CITED_CHARS) return text;
  const cut = text.slice(0, MAX_CITED_CHARS);
  const lastBreak = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('. '));
  return lastBreak > MAX_CITED_CHARS / 2 ? cut.slice(0, lastBreak + 1).trimEnd() : cut;
}

interface Entry {
  citation: Citation;
  label: string;
}

/** Hands out citation numbers as chunks are used; the same chunk keeps its number. */
export class CitationLedger {
  readonly #byChunk = new Map<string, Entry>();

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
    this.#byChunk.set(chunk.id, { citation, label: sourceLabel(meta, chunk) });
    return citation.n;
  }

  /** Citations in number order. */
  citations(): Citation[] {
    return [...this.#byChunk.values()].map((e) => e.citation);
  }

  /** "[1] Kế hoạch 53/KH-UBND (15/02/2024), mục II.2.2 Chính quyền số" lines. */
  lines(): string[] {
    return [...this.#byChunk.values()].map((e) => `[${e.citation.n}] ${e.label}`);
  }
}
