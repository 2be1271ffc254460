/**
 * What the console accepts as an upload: the formats ingest reads, at most UPLOAD_LIMIT_BYTES, and bytes
 * that look like the extension claims (a renamed .exe is not a PDF). Parsing is checked afterwards by
 * ContentLibrary, with ingest's own loader.
 */
import { extname } from 'node:path';
import { foldText, normalizeText } from '../../knowledge/index.ts';
import { WebError } from './errors.ts';

/** Default upload limit: 10 MiB. */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

type Kind = 'pdf' | 'docx' | 'text';

/** Accepted extensions and how their bytes are checked. */
export const UPLOAD_EXTENSIONS: Readonly<Record<string, Kind>> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.html': 'text',
  '.htm': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.txt': 'text',
  '.yaml': 'text',
  '.yml': 'text',
  '.json': 'text',
};

/** Extensions that hold structured procedure sheets (they go to procedures/). */
export const SHEET_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** A file name safe on every file system and stable as a document id: folded, lowercase, dashes. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const ext = extname(base).toLowerCase();
  const stem = foldText(normalizeText(base.slice(0, base.length - ext.length)))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!stem)
    throw new WebError('E_BAD_REQUEST', `"${name}" has no usable file name; name the file with letters or digits`);
  return `${stem.slice(0, 120)}${ext}`;
}

/** Checks size, extension and magic bytes; returns the safe file name and its extension. */
export function checkUpload(
  filename: string,
  bytes: Buffer,
  limit = UPLOAD_LIMIT_BYTES,
): { name: string; ext: string } {
  if (bytes.length === 0)
    throw new WebError('E_UPLOAD_UNREADABLE', `"${filename}" is empty`, { detail: 'E_EMPTY_FILE' });
  if (bytes.length > limit) {
    throw new WebError(
      'E_UPLOAD_TOO_LARGE',
      `"${filename}" is ${mb(bytes.length)} MB; the limit is ${mb(limit)} MB. Split the document or compress its images.`,
    );
  }
  const name = safeFileName(filename);
  const ext = extname(name);
  const kind = UPLOAD_EXTENSIONS[ext];
  if (!kind) {
    throw new WebError(
      'E_UPLOAD_TYPE',
      `"${filename}" is not a supported format; upload ${Object.keys(UPLOAD_EXTENSIONS).join(', ')}`,
    );
  }
  if (!looksLike(kind, bytes)) {
    throw new WebError(
      'E_UPLOAD_TYPE',
      `"${filename}" does not contain what a ${ext} file holds; export it again from the original program`,
    );
  }
  return { name, ext };
}

function looksLike(kind: Kind, bytes: Buffer): boolean {
  if (kind === 'pdf') return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  if (kind === 'docx') return bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
