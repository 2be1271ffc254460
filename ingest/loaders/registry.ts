/**
 * Which loader reads which file, and which files are not sources at all.
 */
import { basename, extname } from 'node:path';
import type { Loader } from '../types.ts';

// Loaded on first use: pdf-parse and mammoth take seconds to import, and `npm run search` on a fresh
// index never needs them.
const lazy =
  (load: () => Promise<Loader>): Loader =>
  async (path) =>
    (await load())(path);
const pdf = lazy(async () => (await import('./pdf.ts')).loadPdf);
const docx = lazy(async () => (await import('./docx.ts')).loadDocx);
const html = lazy(async () => (await import('./html.ts')).loadHtml);
const markdown = lazy(async () => (await import('./markdown.ts')).loadMarkdown);
const text = lazy(async () => (await import('./text.ts')).loadText);
const sheet = lazy(async () => (await import('./sheet.ts')).loadSheet);

const LOADERS: Record<string, Loader> = {
  '.pdf': pdf,
  '.docx': docx,
  '.html': html,
  '.htm': html,
  '.md': markdown,
  '.markdown': markdown,
  '.txt': text,
  '.yaml': sheet,
  '.yml': sheet,
  '.json': sheet,
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
  return (
    name.startsWith('.') || name.endsWith('~') || /\.meta\.ya?ml$/i.test(name) || /^readme(\.[a-z]+)?$/i.test(name)
  );
}
