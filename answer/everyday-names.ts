/**
 * Procedures named by what the person wants done ("hai đứa tính cưới", "muốn làm thủ tục để bé mang tên cha"):
 * knowledge's synonyms give such a phrase a value that opens with "thủ tục" and goes on with a held sheet's name
 * ("thủ tục đăng ký kết hôn"). Read through the one analyser (analyseQuery), the phrase is replaced in the folded
 * question by that name, so the name reader (named-procedure.ts) and the action check see the procedure asked.
 */
import { analyseQuery, type KnowledgeBase } from '../knowledge/index.ts';
import { phraseTable } from './named-procedure.ts';
import { readQuestion } from './query-text.ts';

/** The words a synonym value opens with when it names a procedure. */
const PROCEDURE_OPENER = 'thu tuc ';
/** Longest phrase looked up (the synonym keys are two or three words). */
const LONGEST = 3;

/** Folded window → the procedure name its synonyms give ("" when none); the analyser is pure, so it is kept. */
const cache = new Map<string, string>();

/** The folded procedure name a window's synonyms give, or "" (the window itself, not a part of it, is the key). */
function nameOf(window: string): string {
  const known = cache.get(window);
  if (known !== undefined) return known;
  const expanded = readQuestion(analyseQuery(window).expandedText);
  const tail = expanded.startsWith(window) ? expanded.slice(window.length).trim() : '';
  const at = tail.indexOf(PROCEDURE_OPENER.trim());
  const name = at === 0 || tail.includes(` ${PROCEDURE_OPENER}`) ? tail.slice(Math.max(0, at)) : '';
  const out = name.startsWith(PROCEDURE_OPENER) ? name.slice(PROCEDURE_OPENER.length).trim() : '';
  cache.set(window, out);
  return out;
}

/**
 * The folded question (clauses split by " | ") with each everyday phrase for a held procedure replaced by that
 * procedure's name and a clause mark (the name is the whole object); unchanged when it says none. The name must be
 * a phrase of a held sheet's names.
 */
export function withEverydayNames(kb: KnowledgeBase, folded: string): string {
  const { owners } = phraseTable(kb);
  const words = folded.split(' ').filter((w) => w.length > 0);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let taken = 0;
    // The shortest window that is a key: "tính cưới | tháng 3" is replaced, "tháng 3" kept.
    for (let n = 2; n <= LONGEST && i + n <= words.length && taken === 0; n++) {
      const window = words.slice(i, i + n);
      if (window.includes('|')) break;
      const name = nameOf(window.join(' '));
      // The first word belongs to the key: "bé mang tên cha" is replaced from "mang", not from "bé".
      if (name.length === 0 || nameOf(window.slice(1).join(' ')) === name || !heldName(owners, name)) continue;
      // The name is the whole object: "tính cưới | tháng 3 năm sau" goes on with when, not with what.
      out.push(name, '|');
      taken = n;
    }
    if (taken > 0) i += taken - 1;
    else out.push(words[i] as string);
  }
  return out.join(' ');
}

/** True when the name, or the name without its leading action words, is a phrase of some held sheet's names. */
function heldName(owners: ReadonlyMap<string, ReadonlySet<string>>, name: string): boolean {
  const words = name.split(' ');
  for (let i = 0; i < words.length; i++) if (owners.has(words.slice(i).join(' '))) return true;
  return false;
}
