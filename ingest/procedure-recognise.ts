/**
 * Finds procedures in the national structure inside any loaded document (DOCX, PDF, HTML, Markdown):
 * a decision's annex with many procedures, or one procedure per file. Works on block texts, not on
 * styles, because the same part is written "1.3. Thành phần hồ sơ", "c) Thời hạn giải quyết: …",
 * "**Phí, lệ phí:**" or a table row "Hình thức nộp: Trực tiếp | Thời hạn giải quyết: 5 ngày | …".
 */
import { foldText } from '../knowledge/index.ts';
import { CODE_RE, partOf, stripLead, type NationalPart } from './procedure-parts.ts';
import type { Block } from './types.ts';

/** One procedure found in a document: its parts' texts (lines), in the order met. */
export interface RecognisedProcedure {
  code: string | null;
  name: string | null;
  parts: Map<NationalPart, string[]>;
  /** Lines under the procedure's title before its first part. */
  intro: string[];
  page: number | null;
}

/** The document split into its own text (decision body, annex lists) and the procedures found. */
export interface Recognition {
  rest: Block[];
  procedures: RecognisedProcedure[];
}

/**
 * Fewest distinct content parts for a segment to count as a procedure. A document declared a procedure
 * needs little; in a guide or plan only a titled segment with most parts does ("Thành phần hồ sơ" and
 * "Lệ phí" lines in a how-to guide are not a procedure).
 */
export interface RecogniseOptions {
  titled: number;
  untitled: number;
}
export const LENIENT: RecogniseOptions = { titled: 1, untitled: 2 };
export const STRICT: RecogniseOptions = { titled: 3, untitled: Infinity };

/** Splits blocks into procedures and the rest; no procedure found → everything is `rest`. */
export function recogniseProcedures(input: readonly Block[], opts: RecogniseOptions = LENIENT): Recognition {
  const blocks = input.flatMap(splitGluedParts);
  const segments: Array<{ proc: RecognisedProcedure; blocks: Block[] }> = [];
  const rest: Block[] = [];
  let cur: { proc: RecognisedProcedure; blocks: Block[]; part: NationalPart | null } | null = null;
  for (const [i, block] of blocks.entries()) {
    const open =
      block.kind === 'row' || block.text.includes(' | ') ? null : (opener(block) ?? titleHeading(block, blocks[i + 1]));
    // A part (Phần), chapter or roman section that titles no procedure closes the one being read.
    if (!open && block.kind === 'heading' && (block.rank ?? 99) <= 4 && !partOf(block.text)) {
      cur = null;
      rest.push(block);
      continue;
    }
    if (open) {
      // "Mã thủ tục: 1.004222" then "Tên thủ tục: …" (or the reverse) open one procedure, not two.
      if (
        cur &&
        cur.proc.parts.size === 0 &&
        cur.proc.intro.length === 0 &&
        !(open.code && cur.proc.code) &&
        !(open.name && cur.proc.name)
      ) {
        cur.proc.code ??= open.code;
        cur.proc.name ??= open.name;
      } else {
        cur = {
          proc: { code: open.code, name: open.name, parts: new Map(), intro: [], page: block.page },
          blocks: [],
          part: null,
        };
        segments.push(cur);
      }
      cur.blocks.push(block);
      continue;
    }
    // Table rows arrive as 'row' blocks (HTML, Markdown) or as "a | b" lines (an official DOCX's tables).
    const asRow = block.kind === 'row' || block.text.includes(' | ') ? rowParts(block.text) : [];
    const found = asRow.length > 0 ? asRow : lineParts(block.text);
    if (found.length > 0) {
      if (!cur) {
        cur = {
          proc: { code: null, name: null, parts: new Map(), intro: [], page: block.page },
          blocks: [],
          part: null,
        };
        segments.push(cur);
      }
      for (const { part, text } of found) add(cur.proc, part, text);
      cur.part = found.at(-1)!.part;
      cur.blocks.push(block);
      continue;
    }
    if (cur) {
      if (cur.part) add(cur.proc, cur.part, block.text);
      else cur.proc.intro.push(block.text);
      cur.blocks.push(block);
    } else rest.push(block);
  }
  const procedures: RecognisedProcedure[] = [];
  for (const s of segments) {
    const titled = s.proc.code !== null || s.proc.name !== null;
    if (contentParts(s.proc) >= (titled ? opts.titled : opts.untitled)) procedures.push(s.proc);
    else rest.push(...s.blocks); // a lone "Thủ tục …" line or one stray label is ordinary text
  }
  return { rest: procedures.length > 0 ? rest : [...input], procedures };
}

/**
 * Line repair (PDF, OCR text) can glue two parts into one paragraph: "Thành phần hồ sơ: Phiếu đăng ký.
 * Thời hạn giải quyết: 01 ngày làm việc." — split where a sentence ends and a part label begins.
 */
function splitGluedParts(block: Block): Block[] {
  if (block.kind === 'row' || block.text.includes(' | ') || !partOf(block.text)) return [block];
  // Only after a word ("… văn hóa. Thời hạn …"), never after numbering ("1.3. Thành phần …").
  const pieces = block.text.split(/(?<=\p{L}[.;])\s+(?=\p{Lu})/u);
  if (pieces.length === 1) return [block];
  const out: string[] = [];
  for (const piece of pieces) {
    const part = partOf(piece);
    if (
      out.length === 0 ||
      (part && part.part.key !== 'name' && part.part.key !== 'code' && /^[^:]{3,60}:/u.test(piece))
    )
      out.push(piece);
    else out[out.length - 1] += ` ${piece}`;
  }
  return out.map((text) => ({ ...block, text }));
}

function contentParts(p: RecognisedProcedure): number {
  return [...p.parts.keys()].filter((k) => k.key !== 'name' && k.key !== 'code').length;
}

function add(proc: RecognisedProcedure, part: NationalPart, text: string): void {
  if (part.key === 'code') {
    proc.code ??= CODE_RE.exec(text)?.[0] ?? null;
    return;
  }
  if (part.key === 'name') {
    if (text) proc.name ??= cleanName(text);
    return;
  }
  const t = text.trim();
  const lines = proc.parts.get(part) ?? [];
  const last = lines.at(-1);
  // A PDF line that wrapped mid-sentence ("… ít nhất 03" / "ngày trước …") continues the previous line.
  if (t && last !== undefined && /^\p{Ll}/u.test(t) && !/[.;:!?]$/u.test(last))
    lines[lines.length - 1] = `${last} ${t}`;
  else if (t) lines.push(t);
  proc.parts.set(part, lines);
}

/** A line that titles a procedure: "1. Thủ tục đăng ký khai sinh", "1.004222 - Đăng ký khai sinh", "Mã thủ tục: 1.004222". */
function opener(block: Block): { code: string | null; name: string | null } | null {
  const text = block.text.trim();
  if (text.length > 220) return null;
  const label = partOf(text);
  if (label && (label.part.key === 'code' || label.part.key === 'name')) {
    return label.part.key === 'code'
      ? { code: CODE_RE.exec(label.rest)?.[0] ?? null, name: null }
      : { code: CODE_RE.exec(label.rest)?.[0] ?? null, name: label.rest ? cleanName(label.rest) : null };
  }
  if (label) return null;
  const code = CODE_RE.exec(text)?.[0] ?? null;
  // The code leads the line ("1.004222. Đăng ký khai sinh") or closes a title ("Thủ tục … (1.004222)").
  const codeLed = code !== null && text.replace(/^[-–•*\s]*(?:\*\*)?/, '').startsWith(code);
  const body = stripLead(codeLed ? text.replace(/^[-–•*\s]*(?:\*\*)?/, '').slice(code!.length) : text).replace(
    /^[-–:.\s]+/,
    '',
  );
  const folded = foldText(body).toLowerCase();
  // Line repair may glue the code line to the title: "THỦ TỤC … Mã thủ tục: 1.004222".
  const glued = /^thu tuc\s+\S/.test(folded)
    ? /\s+ma (?:so )?(?:thu tuc|tthc)\s*:?\s*[1-3]\.\d{6}\s*$/.exec(folded)
    : null;
  if (glued) return { code: CODE_RE.exec(body)?.[0] ?? null, name: cleanName(body.slice(0, glued.index)) };
  const titled =
    /^thu tuc\s+\S/.test(folded) &&
    !/^thu tuc hanh chinh\b/.test(folded) &&
    !/[.;,]$/.test(body) &&
    !/:\s*\S/.test(body);
  if (titled) return { code, name: cleanName(body) };
  if (codeLed && body.length > 3 && !/[;]$/.test(body)) return { code, name: cleanName(body) };
  return null;
}

/** A heading directly followed by a part ("## Cấp giấy phép xây dựng" then "### Trình tự thực hiện") names a procedure. */
function titleHeading(block: Block, next: Block | undefined): { code: string | null; name: string | null } | null {
  if (block.kind !== 'heading' || !next || partOf(block.text)) return null;
  if (/^(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|PHỤ LỤC|Phụ lục|Điều)\b/u.test(block.text)) return null;
  const p = partOf(next.text);
  if (!p || p.part.key === 'name' || p.part.key === 'code') return null;
  return { code: CODE_RE.exec(block.text)?.[0] ?? null, name: cleanName(stripLead(block.text)) };
}

/** "Thủ tục đăng ký khai sinh (1.004222)" → "Đăng ký khai sinh". */
function cleanName(raw: string): string {
  const s = raw
    .replace(/(?:\*\*|__)/g, '')
    .replace(/[([]?\s*(?:mã(?: số)?(?: thủ tục| TTHC)?\s*:?\s*)?[1-3]\.\d{6}\s*[)\]]?/iu, '')
    .replace(/^\s*thủ tục\s*:?\s*/iu, '')
    .replace(/[\s:.\-–]+$/u, '')
    .trim();
  // An all-caps title ("THỦ TỤC CẤP GIẤY PHÉP …") reads as a sentence.
  const cased = s === s.toLocaleUpperCase('vi') ? s.toLocaleLowerCase('vi') : s;
  return cased.charAt(0).toLocaleUpperCase('vi') + cased.slice(1);
}

/** A paragraph, heading or bullet that opens a part: the part and the text after its label. */
function lineParts(text: string): Array<{ part: NationalPart; text: string }> {
  const p = partOf(text);
  return p ? [{ part: p.part, text: p.rest }] : [];
}

/**
 * A table row. "Thời hạn giải quyết | 5 ngày" (label in the first cell), or a row of the "cách thức
 * thực hiện" table with headers prepended: each labelled cell goes to its part, prefixed with the
 * row's channel ("Trực tiếp: 5 ngày làm việc") so the values stay apart.
 */
function rowParts(text: string): Array<{ part: NationalPart; text: string }> {
  const cells = text.split(' | ').map((c) => c.trim());
  const first = partOf(cells[0] ?? '');
  if (!first) return [];
  const labelled = cells.map((c) => ({ cell: c, p: partOf(c) }));
  if (labelled.filter((l) => l.p).length < 2) {
    return [{ part: first.part, text: [first.rest, ...cells.slice(1)].filter(Boolean).join('; ') }];
  }
  const channel = first.rest;
  const out: Array<{ part: NationalPart; text: string }> = [];
  const unlabelled: string[] = [];
  for (const [i, l] of labelled.entries()) {
    if (!l.p) {
      unlabelled.push(l.cell);
      continue;
    }
    if (!l.p.rest) continue;
    out.push({ part: l.p.part, text: i === 0 || !channel ? l.p.rest : `${channel}: ${l.p.rest}` });
  }
  if (unlabelled.length > 0 && out[0]) out[0].text += ` (${unlabelled.join('; ')})`;
  return out;
}
