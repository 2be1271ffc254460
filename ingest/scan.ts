/**
 * What is in the sources folder right now: every source file with its document id and content
 * hash (file bytes + sidecar bytes + chunker version), plus the files that are skipped and why.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CHUNKER_VERSION } from './chunker.ts';
import { IngestError } from './errors.ts';
import { documentIdOf, relativeSourcePath } from './load-document.ts';
import { isNotASource, loaderFor, SUPPORTED_EXTENSIONS } from './loaders/registry.ts';
import { sidecarPath } from './metadata.ts';

export interface ScannedSource {
  path: string;
  relPath: string;
  id: string;
  contentHash: string;
}

export interface ScanResult {
  sources: ScannedSource[];
  /** Files with an unsupported extension: reported, not failed. */
  skipped: Array<{ path: string; reason: string }>;
  /** Two files that would get the same document id (a.pdf and a.docx). */
  duplicates: Array<{ path: string; id: string }>;
}

/** Lists and hashes the sources, sorted by relative path so runs are deterministic. */
export async function scanSources(sourcesDir: string): Promise<ScanResult> {
  const isDir = await stat(sourcesDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir)
    throw new IngestError(
      'E_SOURCES_MISSING',
      `Sources folder "${sourcesDir}" does not exist; set SOURCES_DIR or pass --sources DIR.`,
    );
  const files = (await walk(sourcesDir)).sort();
  const result: ScanResult = { sources: [], skipped: [], duplicates: [] };
  const seen = new Set<string>();
  for (const path of files) {
    const relPath = relativeSourcePath(path, sourcesDir);
    if (isNotASource(path)) continue;
    if (!loaderFor(path)) {
      result.skipped.push({
        path: relPath,
        reason: `unsupported format (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`,
      });
      continue;
    }
    const id = documentIdOf(relPath);
    if (seen.has(id)) {
      result.duplicates.push({ path: relPath, id });
      continue;
    }
    seen.add(id);
    result.sources.push({ path, relPath, id, contentHash: await contentHash(path) });
  }
  return result;
}

/** SHA-256 over the file, its sidecar (if any) and the chunker version: any change re-indexes the document. */
export async function contentHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(path));
  hash.update('\u0000sidecar\u0000');
  hash.update(await readFile(sidecarPath(path)).catch(() => Buffer.alloc(0)));
  hash.update(`\u0000chunker-v${CHUNKER_VERSION}`);
  return hash.digest('hex');
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
