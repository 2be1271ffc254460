/**
 * Uploads are parsed outside the service (issue 10, defect 1: a 174 KB DOCX holding 50 MB of XML blocked
 * every channel for two minutes; a 1.4 MB DOCX ran the service out of heap). Two guards:
 * - before parsing, a DOCX's declared uncompressed size (from the zip's central directory) and a PDF's page
 *   count (its page objects, read from the bytes; the child checks the page tree again before extracting text)
 *   are capped;
 * - parsing runs in a child process with a heap cap, a time cap and a cap on extracted text. A child that
 *   dies or runs over is a clean, coded upload failure; the live index and the service are untouched.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentMeta } from '../../knowledge/index.ts';
import { WebError } from './errors.ts';

// By path, not by name: the service may run from another working folder than the one holding node_modules.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ParseCaps {
  /** Sum of a DOCX's uncompressed entries (default 40 MiB). */
  maxUncompressedBytes: number;
  /** Text extracted from one document (default 5 million characters). */
  maxTextChars: number;
  /** Wall time of one parse (default 60 s). */
  timeoutMs: number;
  /** Heap of the parsing process (default 512 MiB). */
  maxHeapMb: number;
  /** Pages of one PDF (UPLOAD_MAX_PDF_PAGES, default 500). */
  maxPdfPages: number;
}

export const DEFAULT_PARSE_CAPS: ParseCaps = {
  maxUncompressedBytes: 40 * 1024 * 1024,
  maxTextChars: 5_000_000,
  timeoutMs: 60_000,
  maxHeapMb: 512,
  maxPdfPages: 500,
};

/**
 * Sum of the uncompressed sizes a zip declares in its central directory (null when it is not a readable zip;
 * the parser then reports it). A ZIP64 marker (0xFFFFFFFF) counts as "too large".
 */
export function zipUncompressedBytes(bytes: Buffer): number | null {
  const from = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--)
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const entries = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return null;
    const size = bytes.readUInt32LE(p + 24);
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
    p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  return total;
}

/**
 * Page objects (`/Type /Page`) written in the clear in a PDF: a lower bound of its pages, read in one pass
 * over the bytes. Pages kept in compressed object streams are not seen here; the parser child counts those.
 */
export function pdfPageObjects(bytes: Buffer): number {
  return bytes.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z0-9#])/g)?.length ?? 0;
}

export const pdfTooManyPages = (filename: string, pages: number, cap: number): string =>
  `"${filename}" has ${pages} pages; the limit is ${cap} (UPLOAD_MAX_PDF_PAGES). Split the document.`;

/**
 * Refuses, before anything parses it, a DOCX whose content would inflate past the cap and a PDF with more
 * pages than the cap.
 */
export function checkInflatedSize(filename: string, ext: string, bytes: Buffer, caps: ParseCaps): void {
  if (ext === '.pdf') {
    const pages = pdfPageObjects(bytes);
    if (pages > caps.maxPdfPages)
      throw new WebError('E_UPLOAD_TOO_LARGE', pdfTooManyPages(filename, pages, caps.maxPdfPages), {
        detail: 'E_PDF_TOO_MANY_PAGES',
      });
    return;
  }
  if (ext !== '.docx') return;
  const total = zipUncompressedBytes(bytes);
  if (total !== null && total > caps.maxUncompressedBytes) {
    throw new WebError(
      'E_UPLOAD_TOO_LARGE',
      `"${filename}" unpacks to ${Math.round(total / 1048576)} MB; the limit is ${Math.round(caps.maxUncompressedBytes / 1048576)} MB`,
      { detail: 'E_UNCOMPRESSED_TOO_LARGE' },
    );
  }
}

export interface ParsedUpload {
  meta: DocumentMeta;
  chunks: number;
}

type ChildAnswer = { ok: true; meta: DocumentMeta; chunks: number } | { ok: false; code: string; message: string };

/** Parses `path` (inside `root`) in a child process under the caps; errors carry `code` like loadDocument's. */
export function parseInChild(path: string, root: string, caps: ParseCaps): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, 'parse-child.ts'), [], {
      execArgv: ['--import', TSX_LOADER, `--max-old-space-size=${caps.maxHeapMb}`],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    let answer: ChildAnswer | null = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, caps.timeoutMs);
    child.once('message', (m) => {
      answer = m as ChildAnswer;
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`parser could not start: ${err.message}`), { code: 'E_PARSE_CRASHED' }));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const a = answer as ChildAnswer | null;
      if (a?.ok) return resolve({ meta: a.meta, chunks: a.chunks });
      if (a) return reject(Object.assign(new Error(a.message), { code: a.code }));
      if (timedOut)
        return reject(
          Object.assign(new Error(`parsing took longer than ${Math.round(caps.timeoutMs / 1000)} s`), {
            code: 'E_PARSE_TIMEOUT',
          }),
        );
      reject(
        Object.assign(
          new Error(
            `the parser stopped (${signal ?? `exit ${code}`}; usually out of memory: the document is too large once unpacked)`,
          ),
          { code: 'E_PARSE_CRASHED' },
        ),
      );
    });
    child.send({ path, root, maxTextChars: caps.maxTextChars, maxPdfPages: caps.maxPdfPages });
  });
}
