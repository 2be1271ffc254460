/**
 * Dev question sets: one JSON object per line (`eval/questions/*.jsonl`).
 * Extra fields are ignored so a set can carry notes for its authors.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { EvalError } from './errors.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const questionSchema = z
  .object({
    id: z.string().min(1),
    question: z.string().min(1),
    answerable: z.boolean(),
    /** Short gold answer; every number in it must appear in a correct reply. */
    answer: z.string(),
    /** A verbatim span of a source document, or null for unanswerable questions. */
    evidence: z.string().min(1).nullable(),
    section: z.string().optional(),
    /** Optional source document id (e.g. "procedures/dang-ky-tam-tru"): when set, only a chunk of that
     *  document counts as holding the evidence; needed where sheets share wording ("07 ngày làm việc"). */
    document: z.string().min(1).optional(),
    /** Free labels; `en` and `multi` feed the slices, anything else is informational. */
    tags: z.array(z.string()).default([]),
    /** The day the gold answer is valid for (dated procedure facts); overrides `--as-of`. */
    asOf: isoDay.optional(),
  })
  .refine((q) => q.answerable === (q.evidence !== null), {
    message: 'answerable questions need evidence, unanswerable ones must have evidence null',
  });

export type EvalQuestion = z.infer<typeof questionSchema> & { /** File the row came from (basename). */ set: string };

/** Parses JSONL text; collects every bad line into one error so a set is fixed in one pass. */
export function parseQuestions(text: string, setName: string): EvalQuestion[] {
  const problems: string[] = [];
  const rows: EvalQuestion[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line);
    if ('error' in parsed) {
      problems.push(`${setName}:${i + 1}: ${parsed.error}`);
      return;
    }
    rows.push({ ...parsed.value, question: parsed.value.question.normalize('NFC'), set: setName });
  });
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.id)) problems.push(`${setName}: duplicate id "${r.id}"`);
    seen.add(r.id);
  }
  if (problems.length > 0) {
    throw new EvalError('E_QUESTIONS_INVALID', `Question set has ${problems.length} problem(s); fix these lines:\n${problems.join('\n')}`);
  }
  return rows;
}

function parseLine(line: string): { value: z.infer<typeof questionSchema> } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  const r = questionSchema.safeParse(json);
  if (!r.success) return { error: r.error.issues.map((x) => `${x.path.join('.') || '(row)'}: ${x.message}`).join('; ') };
  return { value: r.data };
}

/** Reads and validates several sets; ids must be unique across all of them. */
export async function loadQuestionSets(paths: readonly string[]): Promise<EvalQuestion[]> {
  const all: EvalQuestion[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch (err) {
      throw new EvalError('E_QUESTIONS_UNREADABLE', `Cannot read question set "${p}": ${(err as Error).message}. Check the --questions path.`);
    }
    all.push(...parseQuestions(text, basename(p)));
  }
  const ids = new Set<string>();
  for (const q of all) {
    if (ids.has(q.id)) throw new EvalError('E_QUESTIONS_INVALID', `Question id "${q.id}" appears in more than one set; ids must be unique.`);
    ids.add(q.id);
  }
  return all;
}
