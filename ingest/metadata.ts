/**
 * Document metadata: declared keys (sidecar `<file>.meta.yaml`, Markdown front matter, procedure
 * sheet) win over what is read from the document's header, which wins over defaults from the path.
 * Every field that did not come from a declaration is named in `meta.inferred`.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { DocumentMeta } from '../knowledge/index.ts';
import { IngestError } from './errors.ts';
import type { DocType, MetaFields } from './types.ts';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), { message: 'expected a date as YYYY-MM-DD' });
const text = z.string().trim().min(1);

/** The keys a sidecar or front matter may set: the DocumentMeta field names, nothing else. */
export const declaredMetaSchema = z
  .object({
    title: text,
    number: text.nullable(),
    issuer: text.nullable(),
    issueDate: isoDate.nullable(),
    effectiveDate: isoDate.nullable(),
    expiryDate: isoDate.nullable(),
    supersededBy: text.nullable(),
    type: z.enum(['plan', 'procedure', 'guide', 'legal']),
    sourceUrl: z.string().url().nullable(),
    audience: z.enum(['residents', 'officials', 'both']),
    lastChecked: isoDate.nullable(),
    code: text.nullable(),
  })
  .partial()
  .strict();

/** Validates declared metadata; every problem is listed with the file path. */
export function parseDeclaredMeta(data: unknown, path: string): Partial<MetaFields> {
  const result = declaredMetaSchema.safeParse(data ?? {});
  if (result.success) return result.data as Partial<MetaFields>;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new IngestError(
    'E_META_INVALID',
    `Invalid metadata in "${path}": ${problems}. Allowed keys: ${Object.keys(declaredMetaSchema.shape).join(', ')}.`,
    { path },
  );
}

/** Path of the sidecar for a source file. */
export const sidecarPath = (sourcePath: string) => `${sourcePath}.meta.yaml`;

/** Reads and validates `<file>.meta.yaml`; null when there is none. */
export async function readSidecar(sourcePath: string): Promise<Partial<MetaFields> | null> {
  const path = sidecarPath(sourcePath);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let data: unknown;
  try {
    data = parseYaml(raw);
  } catch (err) {
    throw new IngestError(
      'E_META_INVALID',
      `Cannot parse "${path}" as YAML: ${(err as Error).message.split('\n')[0]}`,
      { path, cause: err },
    );
  }
  return parseDeclaredMeta(data, path);
}

// The folder a source sits in says what kind of document it is when nothing else does.
const TYPE_BY_FOLDER: Record<string, DocType> = {
  plans: 'plan',
  procedures: 'procedure',
  guides: 'guide',
  legal: 'legal',
};

/** Merges declared > inferred > defaults into a full DocumentMeta. */
export function assembleMeta(input: {
  id: string;
  sourcePath: string;
  declared: Partial<MetaFields>;
  inferred: Partial<MetaFields>;
}): DocumentMeta {
  const { id, sourcePath, declared } = input;
  const folder = sourcePath.split('/')[0] ?? '';
  const defaults: Partial<MetaFields> = {
    title: basename(sourcePath, extname(sourcePath)).replace(/[-_]+/g, ' '),
    type: TYPE_BY_FOLDER[folder] ?? 'guide',
  };
  const inferredFrom = { ...defaults, ...input.inferred };
  // A declared null ("number: null") means "has none" and must beat inference.
  const pick = <K extends keyof MetaFields>(key: K): MetaFields[K] | undefined =>
    key in declared ? declared[key] : (inferredFrom as Partial<MetaFields>)[key];
  const inferred = (Object.keys(inferredFrom) as Array<keyof MetaFields>).filter(
    (k) => !(k in declared) && inferredFrom[k] != null,
  );
  return {
    id,
    title: pick('title') ?? id,
    number: pick('number') ?? null,
    issuer: pick('issuer') ?? null,
    issueDate: pick('issueDate') ?? null,
    effectiveDate: pick('effectiveDate') ?? null,
    expiryDate: pick('expiryDate') ?? null,
    supersededBy: pick('supersededBy') ?? null,
    type: pick('type') ?? 'guide',
    sourceUrl: pick('sourceUrl') ?? null,
    audience: pick('audience') ?? 'both',
    sourcePath,
    inferred: inferred.sort(),
    ...(pick('lastChecked') !== undefined ? { lastChecked: pick('lastChecked') ?? null } : {}),
    ...(pick('code') ? { code: pick('code') } : {}),
  };
}
