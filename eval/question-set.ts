/**
 * Dev question sets: one JSON object per line (`eval/questions/*.jsonl`).
 * Extra fields are ignored so a set can carry notes for its authors.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { EvalError } from './errors.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** What kind of refusal a question expects; see `judge.ts` for how a reply's kind is read. */
export const REFUSAL_KINDS = ['scope', 'not-in-sources', 'clarify'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

export const questionSchema = z
  .object({
    id: z.string().min(1),
    question: z.string().min(1),
    answerable: z.boolean(),
    /** Short gold answer; every number in it must appear in a correct reply (when the row has no `must`). */
    answer: z.string(),
    /** A verbatim span of a source document, or null (always null for unanswerable questions). */
    evidence: z.string().min(1).nullable(),
    section: z.string().optional(),
    /** Optional source document id (e.g. "procedures/dang-ky-tam-tru"): when set, only a chunk of that
     *  document counts as holding the evidence, and a correct answer must cite that document. */
    document: z.string().min(1).optional(),
    /** Free labels; `en` and `multi` feed the slices, every tag also gets its own "style" row in the report. */
    tags: z.array(z.string()).default([]),
    /** The day the gold answer is valid for (dated procedure facts); overrides `--as-of`. */
    asOf: isoDay.optional(),
    /** Groups of alternative strings; the reply must contain one string of every group (diacritic-folded). */
    must: z.array(z.array(z.string().min(1)).min(1, 'a must group needs at least one alternative')).default([]),
    /** Strings the reply must not contain (diacritic-folded). */
    mustNot: z.array(z.string().min(1)).default([]),
    /** Multi-turn conversations: rows sharing `session` are asked in `turn` order (1, 2, …) with the earlier
     *  turns as history. */
    session: z.string().min(1).optional(),
    turn: z.number().int().positive().optional(),
    /** For unanswerable questions: the refusal must be of this kind. */
    refusalKind: z.enum(REFUSAL_KINDS).optional(),
  })
  .refine((q) => q.answerable || q.evidence === null, {
    message: 'unanswerable questions must have evidence null',
    path: ['evidence'],
  })
  .refine((q) => !q.answerable || q.evidence !== null || q.must.length > 0, {
    message: 'answerable questions need evidence or at least one must group',
    path: ['evidence'],
  })
  .refine((q) => (q.session === undefined) === (q.turn === undefined), {
    message: 'session and turn go together',
    path: ['turn'],
  })
  .refine((q) => q.answerable === false || q.refusalKind === undefined, {
    message: 'refusalKind is only for unanswerable questions',
    path: ['refusalKind'],
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
  problems.push(...sessionProblems(rows, setName));
  if (problems.length > 0) {
    throw new EvalError(
      'E_QUESTIONS_INVALID',
      `Question set has ${problems.length} problem(s); fix these lines:\n${problems.join('\n')}`,
    );
  }
  return rows;
}

function parseLine(line: string): { value: z.infer<typeof questionSchema> } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message})` };
  }
  const r = questionSchema.safeParse(json);
  if (!r.success)
    return { error: r.error.issues.map((x) => `${x.path.join('.') || '(row)'}: ${x.message}`).join('; ') };
  return { value: r.data };
}

/** Every session must have turns 1..n, each once. */
function sessionProblems(rows: readonly EvalQuestion[], setName: string): string[] {
  const turns = new Map<string, number[]>();
  for (const r of rows)
    if (r.session !== undefined) turns.set(r.session, [...(turns.get(r.session) ?? []), r.turn as number]);
  const out: string[] = [];
  for (const [session, list] of turns) {
    const sorted = [...list].sort((a, b) => a - b);
    if (!sorted.every((t, i) => t === i + 1))
      out.push(
        `${setName}: session "${session}" has turns ${sorted.join(', ')}; expected 1..${sorted.length}, each once`,
      );
  }
  return out;
}

/** Reads and validates several sets; ids must be unique across all of them. */
export async function loadQuestionSets(paths: readonly string[]): Promise<EvalQuestion[]> {
  const all: EvalQuestion[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch (err) {
      throw new EvalError(
        'E_QUESTIONS_UNREADABLE',
        `Cannot read question set "${p}": ${(err as Error).message}. Check the --questions path.`,
      );
    }
    all.push(...parseQuestions(text, basename(p)));
  }
  const ids = new Set<string>();
  for (const q of all) {
    if (ids.has(q.id))
      throw new EvalError(
        'E_QUESTIONS_INVALID',
        `Question id "${q.id}" appears in more than one set; ids must be unique.`,
      );
    ids.add(q.id);
  }
  const sessions = new Map<string, string>();
  for (const q of all) {
    if (q.session === undefined) continue;
    const owner = sessions.get(q.session);
    if (owner !== undefined && owner !== q.set)
      throw new EvalError(
        'E_QUESTIONS_INVALID',
        `Session "${q.session}" appears in ${owner} and ${q.set}; a session lives in one set.`,
      );
    sessions.set(q.session, q.set);
  }
  return all;
}
