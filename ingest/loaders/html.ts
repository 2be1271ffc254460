/**
 * HTML loader (also the second half of the DOCX loader): page furniture is dropped, h1–h6 become
 * headings, list items bullets, and each table row one block with the column headers prepended
 * ("Nhiệm vụ: … | Cơ quan chủ trì: …") so a row makes sense on its own.
 */
import { readFile } from 'node:fs/promises';
import { parse, NodeType, type HTMLElement, type Node } from 'node-html-parser';
import { hasOfficialHeader } from '../boilerplate.ts';
import { normalizeLine } from '../normalise-line.ts';
import { blocksFromLines, toLines } from '../text-pipeline.ts';
import type { Block, LoadedSource } from '../types.ts';

const DROP = new Set([
  'nav',
  'header',
  'footer',
  'script',
  'style',
  'aside',
  'noscript',
  'template',
  'form',
  'iframe',
  'svg',
]);
const HEADING = /^h([1-6])$/;
const PARAGRAPH = new Set(['p', 'pre', 'blockquote', 'dd', 'dt', 'figcaption', 'caption', 'address']);
const LIST_ITEM_SKIP = new Set(['ul', 'ol']);

/** Loads an .html/.htm file. */
export async function loadHtml(path: string): Promise<LoadedSource> {
  return fromHtml(await readFile(path, 'utf8'));
}

/** Blocks from an HTML string; the page's <title> or first h1 is reported as an inferred title. */
export function fromHtml(html: string, opts: { firstRowIsHeader?: boolean } = {}): LoadedSource {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, pre: true } });
  const body = root.querySelector('body') ?? root;
  for (const el of body.querySelectorAll([...DROP].join(', '))) el.remove();
  // An official document published as a web page is structured by its numbering ("I.", "Điều 1."), and
  // its header sits in a layout table: one line per block element, then the plain-text rules.
  const lines = toLines(body.structuredText, null);
  if (hasOfficialHeader(lines)) {
    const { blocks, inferred } = blocksFromLines(lines, { wrapped: false });
    return { blocks, declared: {}, inferred };
  }
  const blocks: Block[] = [];
  visit(body, blocks, opts.firstRowIsHeader ?? false);
  const title = clean(root.querySelector('title')?.text ?? '') || blocks.find((b) => b.kind === 'heading')?.text;
  return { blocks, declared: {}, inferred: title ? { title } : {} };
}

const clean = (s: string) => normalizeLine(s.replace(/\s+/g, ' '));
const isElement = (n: Node): n is HTMLElement => n.nodeType === NodeType.ELEMENT_NODE;

function visit(el: HTMLElement, out: Block[], headerRow: boolean): void {
  let inline = '';
  const flushInline = () => {
    const text = clean(inline);
    if (text) out.push({ kind: 'paragraph', text, page: null });
    inline = '';
  };
  for (const child of el.childNodes) {
    if (!isElement(child)) {
      inline += child.text;
      continue;
    }
    const tag = child.tagName.toLowerCase();
    if (DROP.has(tag)) continue;
    if (isInline(child)) {
      inline += ' ' + child.text + ' ';
      continue;
    }
    flushInline();
    block(child, tag, out, headerRow);
  }
  flushInline();
}

function block(el: HTMLElement, tag: string, out: Block[], headerRow: boolean): void {
  const h = HEADING.exec(tag);
  if (h) return pushText(out, 'heading', el.text, Number(h[1]));
  if (tag === 'br' || tag === 'hr' || tag === 'img') return;
  if (tag === 'li') return listItem(el, out, headerRow);
  if (tag === 'table') return table(el, out, headerRow);
  if (PARAGRAPH.has(tag)) return pushText(out, 'paragraph', el.text);
  visit(el, out, headerRow);
}

function pushText(out: Block[], kind: Block['kind'], raw: string, rank?: number): void {
  const text = clean(raw);
  if (!text) return;
  out.push(rank === undefined ? { kind, text, page: null } : { kind, text, page: null, rank });
}

// An item's own text becomes the bullet; nested lists follow as their own bullets.
function listItem(el: HTMLElement, out: Block[], headerRow: boolean): void {
  const own = el.childNodes.filter((n) => !(isElement(n) && LIST_ITEM_SKIP.has(n.tagName.toLowerCase())));
  const text = clean(own.map((n) => n.text).join(' '));
  if (text) out.push({ kind: 'bullet', text: `- ${text}`, page: null });
  for (const n of el.childNodes)
    if (isElement(n) && LIST_ITEM_SKIP.has(n.tagName.toLowerCase())) visit(n, out, headerRow);
}

function table(el: HTMLElement, out: Block[], headerRow: boolean): void {
  const rows = el.querySelectorAll('tr').map((tr) => ({
    header: tr.querySelectorAll('td').length === 0,
    cells: tr.querySelectorAll('th, td').map((c) => clean(c.text)),
  }));
  const first = rows[0];
  const headers = first && (headerRow || first.header || el.querySelector('thead')) ? first.cells : null;
  for (const row of headers ? rows.slice(1) : rows) {
    if (row.cells.every((c) => c === '')) continue;
    const text = headers
      ? row.cells
          .map((c, i) => (headers[i] ? `${headers[i]}: ${c}` : c))
          .filter((s) => s.trim() !== '')
          .join(' | ')
      : row.cells.filter((c) => c !== '').join(' | ');
    out.push({ kind: 'row', text, page: null });
  }
}

const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'span',
  'small',
  'sub',
  'sup',
  'code',
  'mark',
  'q',
  'time',
  'font',
  'label',
]);

function isInline(el: HTMLElement): boolean {
  return INLINE.has(el.tagName.toLowerCase());
}
