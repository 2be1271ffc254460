/**
 * Which loader reads which file, and which files are not sources at all.
 */
import { basename, extname } from 'node:path';
import type { Loader } from '../types.ts';
import { loadDocx } from './docx.ts';
import { loadHtml } from './html.ts';
import { loadMarkdown } from './markdown.ts';
import { loadPdf } from './pdf.ts';
import { loadSheet } from './sheet.ts';
import { loadText } from './text.ts';

const LOADERS: Record<string, Loader> = {
  '.pdf': loadPdf,
  '.docx': loadDocx,
  '.html': loadHtml,
  '.htm': loadHtml,
  '.md': loadMarkdown,
  '.markdown': loadMarkdown,
  '.txt': loadText,
  '.yaml': loadSheet,
  '.yml': loadSheet,
  '.json': loadSheet,
};

/** Extensions ingest reads, for messages. */
export const SUPPORTED_EXTENSIONS = Object.keys(LOADERS);

/** The loader for a path, or null when the format is not supported. */
export function loaderFor(path: string): Loader | null {
  return LOADERS[extname(path).toLowerCase()] ?? null;
}

/**
 * Files that live among the sources without being sources: sidecars (`x.pdf.meta.yaml`) are
 * metadata, READMEs document the folder, dotfiles and editor backups are noise.
 */
export function isNotASource(path: string): boolean {
  const name = basename(path);
  return name.startsWith('.') || name.endsWith('~') || /\.meta\.ya?ml$/i.test(name) || /^readme(\.[a-z]+)?$/i.test(name);
}
