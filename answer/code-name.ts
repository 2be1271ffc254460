/**
 * A form or procedure code ("CT07", "TK01", "B2") said in a question names the one sheet whose text holds it:
 * "ct07??" asks about the residence-confirmation sheet although search reads "ct" as shorthand for "chỉ thị".
 * A code held by several sheets names none of them (a driving-licence class shared by two sheets says nothing).
 */
import type { KnowledgeBase } from '../knowledge/index.ts';

/** Letters then digits, optionally one trailing letter: CT07, TK1, B2, DK3a. Dates and phone numbers are not codes. */
const CODE = /^([a-z]{1,4})\s?0*(\d{1,3})([a-z]?)$/;
const CODE_IN_TEXT = /(?<![\p{L}\p{N}])([A-Za-z]{1,4}) ?(\d{1,3}[A-Za-z]?)(?![\p{L}\p{N}])/gu;

/** The canonical spelling of a code: lowercase, no space, no leading zeros in its number ("CT 07" → "ct7"). */
export function codeKey(token: string): string | null {
  const m = CODE.exec(token.toLowerCase());
  if (!m || !/[a-z]/.test(m[1] ?? '')) return null;
  return `${m[1]}${m[2]}${m[3]}`;
}

const tables = new WeakMap<object, Map<string, Set<string>>>();

/** Code → the procedure sheets whose text holds it, built once per base. */
function codeTable(kb: KnowledgeBase): Map<string, Set<string>> {
  const cached = tables.get(kb);
  if (cached) return cached;
  const table = new Map<string, Set<string>>();
  for (const meta of kb.documents()) {
    if (meta.type !== 'procedure') continue;
    const text = [meta.title, ...kb.chunksOf(meta.id).map((c) => c.text)].join('\n');
    for (const m of text.matchAll(CODE_IN_TEXT)) {
      // A code is written in capitals in the sheets ("CT07", "TK1"); lowercase words with digits are prose.
      if (m[1] !== m[1]?.toUpperCase()) continue;
      const key = codeKey(`${m[1]}${m[2]}`);
      if (!key) continue;
      const ids = table.get(key) ?? new Set<string>();
      ids.add(meta.id);
      table.set(key, ids);
    }
  }
  tables.set(kb, table);
  return table;
}

/** The code-like tokens of a question, as typed ("ct07??" → ["ct07"], "mẫu CT 07" → ["CT 07"]). */
export function codeTokens(question: string): string[] {
  const found: string[] = [];
  for (const m of question.matchAll(CODE_IN_TEXT)) if (codeKey(`${m[1]}${m[2]}`)) found.push(m[0]);
  return found;
}

/** The one sheet a code of the question names, and the question without the code; null when none does. */
export function sheetNamedByCode(kb: KnowledgeBase, question: string): { id: string; rest: string } | null {
  const table = codeTable(kb);
  for (const token of codeTokens(question)) {
    const ids = table.get(codeKey(token.replace(' ', '')) ?? '');
    if (ids?.size === 1) return { id: [...ids][0] as string, rest: question.replace(token, ' ').trim() };
  }
  return null;
}
