/**
 * The content team's source files. The console edits the one sources folder ingest reads (SOURCES_DIR):
 * uploads go to `<SOURCES_DIR>/<plans|procedures|guides|legal>/`, metadata edits go to the sidecar
 * `<file>.meta.yaml`, and a withdrawn file moves to `<DATA_DIR>/withdrawn/<time>/` (kept, not deleted).
 * Every new file is parsed with ingest's loadDocument in `<DATA_DIR>/staging/` BEFORE it enters the
 * sources folder, so a file that fails to parse never reaches the index; the parse runs in a capped child
 * process (upload-sandbox.ts).
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { DocumentMeta } from '../../knowledge/index.ts';
import { WebError } from './errors.ts';
import { SHEET_EXTENSIONS, checkUpload } from './upload-check.ts';
import { DEFAULT_PARSE_CAPS, checkInflatedSize, parseInChild, type ParseCaps } from './upload-sandbox.ts';

export const DOC_FOLDERS = ['plans', 'procedures', 'guides', 'legal'] as const;
export type DocFolder = (typeof DOC_FOLDERS)[number];

/** A file that passed parsing and was written into the sources folder. */
export interface StoredSource {
  id: string;
  relPath: string;
  title: string;
  chunks: number;
  meta: DocumentMeta;
}

export class ContentLibrary {
  private readonly caps: ParseCaps;

  constructor(
    private readonly o: {
      sourcesDir: string;
      dataDir: string;
      uploadLimitBytes?: number;
      parseCaps?: Partial<ParseCaps>;
    },
  ) {
    this.caps = { ...DEFAULT_PARSE_CAPS, ...o.parseCaps };
  }

  get sourcesDir(): string {
    return this.o.sourcesDir;
  }

  /**
   * Removes what a crash during an upload left in DATA_DIR/staging (every staging folder belongs to a request
   * in progress, so at start-up all of them are leftovers). Called once by createWebRuntime.
   */
  async cleanStaging(): Promise<number> {
    const dir = join(this.o.dataDir, 'staging');
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.map((n) => rm(join(dir, n), { recursive: true, force: true })));
    return names.length;
  }

  /** Adds a new document. Errors: E_UPLOAD_TYPE/TOO_LARGE/UNREADABLE, E_DOCUMENT_EXISTS (use replace). */
  async add(filename: string, bytes: Buffer, folder?: DocFolder): Promise<StoredSource> {
    const { name, ext } = checkUpload(filename, bytes, this.o.uploadLimitBytes);
    checkInflatedSize(filename, ext, bytes, this.caps);
    const relPath = `${folder ?? (SHEET_EXTENSIONS.has(ext) ? 'procedures' : 'guides')}/${name}`;
    const existing = await this.findSource(idOf(relPath));
    if (existing) {
      throw new WebError(
        'E_DOCUMENT_EXISTS',
        `a document with the id "${idOf(relPath)}" exists (${existing}); replace it instead, or rename the file`,
      );
    }
    return this.store(relPath, bytes, null);
  }

  /** Replaces a document's file with a new version under the same id (the sidecar is kept). */
  async replace(id: string, filename: string, bytes: Buffer): Promise<StoredSource> {
    const { ext } = checkUpload(filename, bytes, this.o.uploadLimitBytes);
    checkInflatedSize(filename, ext, bytes, this.caps);
    const old = await this.requireSource(id);
    const relPath = `${id}${ext}`;
    const sidecar = await readFile(this.abs(`${old}.meta.yaml`)).catch(() => null);
    const stored = await this.store(relPath, bytes, sidecar);
    if (old !== relPath) {
      await unlink(this.abs(old));
      if (sidecar) await rename(this.abs(`${old}.meta.yaml`), this.abs(`${relPath}.meta.yaml`));
    }
    return stored;
  }

  /** Moves a document (and its sidecar) out of the sources folder into DATA_DIR/withdrawn/. */
  async withdraw(id: string): Promise<{ relPath: string; movedTo: string }> {
    const relPath = await this.requireSource(id);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = join(this.o.dataDir, 'withdrawn', stamp, relPath);
    await mkdir(dirname(target), { recursive: true });
    await move(this.abs(relPath), target);
    await move(this.abs(`${relPath}.meta.yaml`), `${target}.meta.yaml`).catch(() => undefined);
    return { relPath, movedTo: target };
  }

  /**
   * Writes metadata into the sidecar: a value sets the field, null declares "has none", '' removes the
   * declaration (back to what ingest infers). Checked with loadDocument first. Error: E_META_INVALID.
   */
  async editMeta(id: string, patch: Record<string, string | null>): Promise<DocumentMeta> {
    const relPath = await this.requireSource(id);
    const current = await readFile(this.abs(`${relPath}.meta.yaml`), 'utf8').then(
      (t) => (parseYaml(t) ?? {}) as Record<string, unknown>,
      () => ({}),
    );
    const next: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(patch)) {
      if (value === '') delete next[key];
      else next[key] = value;
    }
    const sidecar = Buffer.from(stringifyYaml(next), 'utf8');
    const stored = await this.stage(relPath, await readFile(this.abs(relPath)), sidecar, 'E_META_INVALID');
    await atomicWrite(this.abs(`${relPath}.meta.yaml`), sidecar);
    return stored.meta;
  }

  /** The relative path of the source file with this document id, or null. */
  async findSource(id: string): Promise<string | null> {
    const folder = dirname(id) === '.' ? '' : dirname(id);
    const names = await readdir(this.abs(folder)).catch(() => [] as string[]);
    const base = id.slice(folder ? folder.length + 1 : 0);
    const hit = names.find(
      (n) =>
        !n.startsWith('.') &&
        !/\.meta\.ya?ml$/i.test(n) &&
        n.slice(0, n.length - extname(n).length) === base &&
        extname(n) !== '',
    );
    return hit ? (folder ? `${folder}/${hit}` : hit) : null;
  }

  private async requireSource(id: string): Promise<string> {
    if (id.includes('..') || id.startsWith('/')) throw new WebError('E_BAD_REQUEST', `"${id}" is not a document id`);
    const relPath = await this.findSource(id);
    if (!relPath) throw new WebError('E_NOT_FOUND', `no source file for document "${id}" in the sources folder`);
    return relPath;
  }

  private async store(relPath: string, bytes: Buffer, sidecar: Buffer | null): Promise<StoredSource> {
    const stored = await this.stage(relPath, bytes, sidecar, 'E_UPLOAD_UNREADABLE');
    await mkdir(dirname(this.abs(relPath)), { recursive: true });
    await atomicWrite(this.abs(relPath), bytes);
    return stored;
  }

  /** Parses the file (with its sidecar) in a private staging folder, exactly as ingest will. */
  private async stage(
    relPath: string,
    bytes: Buffer,
    sidecar: Buffer | null,
    code: 'E_UPLOAD_UNREADABLE' | 'E_META_INVALID',
  ): Promise<StoredSource> {
    await mkdir(join(this.o.dataDir, 'staging'), { recursive: true });
    const dir = await mkdtemp(join(this.o.dataDir, 'staging', 'up-'));
    try {
      const path = join(dir, relPath);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      if (sidecar) await writeFile(`${path}.meta.yaml`, sidecar);
      const { meta, chunks } = await parseInChild(path, dir, this.caps);
      checkSourceUrl(meta.sourceUrl);
      return { id: meta.id, relPath, title: meta.title, chunks, meta };
    } catch (err) {
      const detail =
        typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'E_UNKNOWN';
      const reason = String((err as Error).message ?? err)
        .split(dir + sep)
        .join('')
        .split(dir)
        .join('');
      throw new WebError(code, `"${relPath}" was not added: ${reason}`, { detail, cause: err });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private abs(relPath: string): string {
    const path = join(this.o.sourcesDir, relPath);
    if (relative(this.o.sourcesDir, path).startsWith('..'))
      throw new WebError('E_BAD_REQUEST', `"${relPath}" is outside the sources folder`);
    return path;
  }
}

/**
 * The chat page links to a document's sourceUrl: only http(s) may get there (a `javascript:` or `data:` URL
 * would run in the official's browser when clicked).
 */
function checkSourceUrl(url: string | null | undefined): void {
  if (!url) return;
  let scheme = '';
  try {
    scheme = new URL(url).protocol;
  } catch {
    scheme = 'invalid';
  }
  if (scheme !== 'http:' && scheme !== 'https:') {
    throw Object.assign(
      new Error(
        `sourceUrl must be an http:// or https:// address (got ${scheme === 'invalid' ? 'an invalid URL' : scheme})`,
      ),
      { code: 'E_SOURCE_URL' },
    );
  }
}

const idOf = (relPath: string) => relPath.slice(0, relPath.length - extname(relPath).length);

/** Writes beside the target under a dot-name (ingest skips dotfiles), then renames over it. */
async function atomicWrite(path: string, bytes: Buffer): Promise<void> {
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

/** rename, or copy + unlink when DATA_DIR is on another device. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(from, to);
    await unlink(from);
  }
}
