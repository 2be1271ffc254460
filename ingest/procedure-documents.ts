/**
 * One loaded file → the documents it holds. A decision's annex becomes one procedure document per
 * procedure (id `<file>#<code>`), field-tagged like a YAML sheet so the same composer answers it; the
 * decision's own text stays a document of its own. A file declared `type: procedure` in which no part
 * is recognised is indexed as passages (type guide) and reported, never refused wholesale.
 */
import { PROCEDURE_FIELDS, type Chunk, type DocumentMeta, type ProcedureField } from '../knowledge/index.ts';
import { chunkBlocks, finishPrebuilt, syllables } from './chunker.ts';
import { assembleMeta } from './metadata.ts';
import { normalizeValue } from './normalise-line.ts';
import { CONTENT_PARTS } from './procedure-parts.ts';
import { LENIENT, STRICT, recogniseProcedures, type RecognisedProcedure } from './procedure-recognise.ts';
import { OVERVIEW_LABEL, renderField } from './loaders/sheet.ts';
import type { LoadedSource, MetaFields, PrebuiltChunk } from './types.ts';

/** What the ingest report says about the procedures of one file. */
export interface ProcedureFinding {
  id: string;
  code: string | null;
  name: string;
  /** National parts recognised / not found, by their usual labels. */
  parts: string[];
  missing: string[];
}

export interface LoadedDocument {
  meta: DocumentMeta;
  chunks: Chunk[];
}

export interface SplitResult {
  documents: LoadedDocument[];
  procedures: ProcedureFinding[];
  /** Declared a procedure, but no part was recognised: indexed as passages. */
  passage: boolean;
}

/** Rest text below this many syllables (the annex title, a heading) is not kept as a document of its own. */
const TRIVIAL_REST = 40;

/** Splits a loaded (non-sheet) source into its documents. */
export function splitDocuments(
  loaded: LoadedSource,
  id: string,
  sourcePath: string,
  declared: Partial<MetaFields>,
): SplitResult {
  const base = assembleMeta({ id, sourcePath, declared, inferred: loaded.inferred });
  const declaredProcedure = base.type === 'procedure';
  const { rest: all, procedures } = recogniseProcedures(
    loaded.blocks,
    declaredProcedure || base.type === 'legal' ? LENIENT : STRICT,
  );
  if (procedures.length === 0) {
    if (!declaredProcedure)
      return { documents: [{ meta: base, chunks: chunkBlocks(id, loaded.blocks) }], procedures: [], passage: false };
    const meta = { ...base, type: 'guide' as const, inferred: [...new Set([...base.inferred, 'type'])].sort() };
    return { documents: [{ meta, chunks: chunkBlocks(id, loaded.blocks) }], procedures: [], passage: true };
  }
  // The annex's list table ("STT | Mã | Tên thủ tục") repeats what each procedure document now says in full;
  // left in, its one-line rows outrank the procedures for "thủ tục 1.004222".
  const codes = new Set(procedures.map((p) => p.code).filter((c): c is string => c !== null));
  const rest = all.filter(
    (b) => !((b.kind === 'row' || b.text.includes(' | ')) && [...codes].some((c) => b.text.includes(c))),
  );
  const restSize = rest.filter((b) => b.kind !== 'heading').reduce((n, b) => n + syllables(b.text), 0);
  const single = procedures.length === 1 && restSize < TRIVIAL_REST;
  const documents: LoadedDocument[] = [];
  if (!single && restSize > 0) {
    const type = declaredProcedure ? (base.number ? 'legal' : 'guide') : base.type;
    documents.push({ meta: { ...base, type }, chunks: chunkBlocks(id, rest) });
  }
  const used = new Set<string>();
  const findings: ProcedureFinding[] = [];
  procedures.forEach((p, i) => {
    // A single procedure is named by its declared title, else its page's first heading (not the <title>).
    const heading = rest.find((b) => b.kind === 'heading')?.text;
    const name = p.name ?? (single ? (declared.title ?? heading ?? base.title) : `Thủ tục ${i + 1}`);
    const docId = single ? id : uniqueId(`${id}#${p.code ?? `thu-tuc-${i + 1}`}`, used);
    const meta: DocumentMeta = {
      ...base,
      id: docId,
      title: name,
      number: single ? base.number : null,
      type: 'procedure',
      audience: base.audience === 'officials' ? 'officials' : 'residents',
      code: p.code ?? base.code ?? null,
    };
    documents.push({ meta, chunks: finishPrebuilt(docId, procedureChunks(p, name, meta.code ?? null)) });
    const found = new Set(p.parts.keys());
    findings.push({
      id: docId,
      code: meta.code ?? null,
      name,
      parts: CONTENT_PARTS.filter((c) => found.has(c)).map((c) => c.label),
      missing: CONTENT_PARTS.filter((c) => !found.has(c)).map((c) => c.label),
    });
  });
  return { documents, procedures: findings, passage: false };
}

function uniqueId(id: string, used: Set<string>): string {
  let out = id;
  for (let n = 2; used.has(out); n++) out = `${id}-${n}`;
  used.add(out);
  return out;
}

const clean = (line: string) => normalizeValue(line.replace(/^[-–•+*]\s+/u, '').trim());

/** The overview chunk (name, code, đối tượng, intro) and one chunk per field, labelled like a sheet's. */
function procedureChunks(p: RecognisedProcedure, name: string, code: string | null): PrebuiltChunk[] {
  const byField = new Map<ProcedureField, string[]>();
  for (const [part, lines] of p.parts) {
    const list = byField.get(part.field) ?? [];
    // Form names join the documents list under their own line, so "mẫu tờ khai" questions find them.
    const items =
      part.key === 'forms' || part.key === 'subjects' || part.key === 'count'
        ? lines.map((l, i) => (i === 0 ? `${capital(part.label)}: ${l}` : l))
        : lines;
    list.push(...items.map(clean).filter(Boolean));
    byField.set(part.field, list);
  }
  const overview = [name];
  if (code) overview.push(`Mã thủ tục: ${code}`);
  overview.push(...(byField.get('overview') ?? []), ...p.intro.map(clean).filter(Boolean));
  const chunks: PrebuiltChunk[] = [
    { sectionPath: [name, OVERVIEW_LABEL], text: overview.join('\n'), field: 'overview' },
  ];
  for (const { key, label } of PROCEDURE_FIELDS) {
    const lines = byField.get(key);
    if (!lines || lines.length === 0) continue;
    const variants = [{ value: lines.join('\n'), validFrom: null, validTo: null, condition: null, legalBasis: null }];
    chunks.push({ sectionPath: [name, label], text: renderField(label, variants), field: key, variants });
  }
  return chunks;
}

const capital = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
