/**
 * Markdown loader: YAML front matter holds the metadata (DocumentMeta keys), "#" headings give the
 * structure, list items become bullets and pipe tables one block per row with headers prepended.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { IngestError } from '../errors.ts';
import { parseDeclaredMeta } from '../metadata.ts';
import { normalizeLine } from '../normalise-line.ts';
import type { Block, LoadedSource } from '../types.ts';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s+(.*)$/;
const TABLE_RULE = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/;

/** Loads a .md file. */
export async function loadMarkdown(path: string): Promise<LoadedSource> {
  const raw = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const fm = FRONT_MATTER.exec(raw);
  const declared = fm ? parseDeclaredMeta(readFrontMatter(fm[1]!, path), path) : {};
  const blocks = parseBody(fm ? raw.slice(fm[0].length) : raw);
  const firstHeading = blocks.find((b) => b.kind === 'heading');
  return { blocks, declared, inferred: firstHeading ? { title: firstHeading.text } : {} };
}

function readFrontMatter(yamlText: string, path: string): unknown {
  try {
    return parseYaml(yamlText);
  } catch (err) {
    throw new IngestError(
      'E_META_INVALID',
      `Cannot parse the front matter of "${path}": ${(err as Error).message.split('\n')[0]}`,
      { path, cause: err },
    );
  }
}

// Inline markup is dropped so the cited text reads cleanly: **bold**, `code`, [label](url) → label.
const inline = (s: string) =>
  normalizeLine(
    s
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__|`)/g, ''),
  );

function parseBody(body: string): Block[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let tableHeaders: string[] | null = null;
  const flush = () => {
    const text = inline(para.join(' '));
    if (text) blocks.push({ kind: 'paragraph', text, page: null });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = HEADING.exec(line);
    const li = LIST_ITEM.exec(line);
    if (line.trim().startsWith('|')) {
      flush();
      tableHeaders = tableRow(line, lines[i + 1], tableHeaders, blocks);
      if (tableHeaders && TABLE_RULE.test((lines[i + 1] ?? '').trim())) i++;
      continue;
    }
    tableHeaders = null;
    if (line.trim() === '') flush();
    else if (h) {
      flush();
      blocks.push({ kind: 'heading', text: inline(h[2]!), page: null, rank: h[1]!.length });
    } else if (li) {
      flush();
      // An ordered item keeps its number: a law's "2." is what "khoản 2" points at, a guide's step 2 is step 2.
      const marker = /^\d/.test(li[1]!) ? li[1]! : '-';
      blocks.push({ kind: 'bullet', text: `${marker} ${inline(li[2]!)}`, page: null });
    } else if (blocks.at(-1)?.kind === 'bullet' && para.length === 0 && /^\s{2,}\S/.test(line)) {
      blocks.at(-1)!.text += ' ' + inline(line); // an indented continuation of a list item
    } else para.push(line.trim());
  }
  flush();
  return blocks;
}

/** One table line: the header row (returns headers) or a body row (pushes a block). */
function tableRow(line: string, next: string | undefined, headers: string[] | null, out: Block[]): string[] | null {
  const cells = line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => inline(c));
  if (TABLE_RULE.test(line.trim())) return headers;
  if (!headers && next !== undefined && TABLE_RULE.test(next.trim())) return cells;
  const text = headers ? cells.map((c, i) => (headers[i] ? `${headers[i]}: ${c}` : c)).join(' | ') : cells.join(' | ');
  if (text.replace(/[|:\s]/g, '') !== '') out.push({ kind: 'row', text, page: null });
  return headers ?? [];
}
