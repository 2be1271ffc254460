/**
 * Lines of a sheet's field that hold for one case only ("Trẻ sinh ra do mang thai hộ thì …", "…; nếu không
 * rõ nơi cư trú cuối cùng thì …"). A question that does not name the case is answered without them on the
 * phone; they wait, whole, behind "xem thêm". A question that names the case keeps them where they are.
 */
import { bigrams } from './compose-passage.ts';
import { foldTokens } from './query-text.ts';

/** A line that opens with its condition: "<who or when> … thì …", or "Chỉ khi …, … mới …". Group 1: the condition. */
const CASE_LINE = /^((?:Trường hợp|Nếu|Khi|Đối với|Trẻ|Người)\s[^;]*?)\sthì\s|^(Chỉ khi\s[^,;]+),\s/u;
/** A trailing clause with its own condition: "…; nếu không rõ … thì …". */
const CASE_CLAUSE = /;\s+(nếu\s[^;]*?\sthì\s.+)$/u;

export interface CaseSplit {
  /** The lines that hold whatever the case. */
  shown: string[];
  /** The lines for a case the question does not name (a line whose last clause is one, whole). */
  later: string[];
}

/** True when the condition of a case line shares a word pair with the question. */
function named(condition: string, question: ReadonlySet<string>): boolean {
  return [...bigrams(foldTokens(condition))].some((p) => question.has(p));
}

/**
 * Splits a field's value lines into those shown and those for cases the question (folded) does not name.
 * The first line always stays, and so does at least one line: a field is never answered by nothing.
 */
export function splitCases(lines: readonly string[], foldedQuestion: string): CaseSplit {
  const question = bigrams(foldedQuestion.split(' '));
  const shown: string[] = [];
  const later: string[] = [];
  lines.forEach((line, i) => {
    const caseLine = i > 0 ? CASE_LINE.exec(line) : null;
    if (caseLine && !named(caseLine[1] ?? caseLine[2] ?? '', question)) {
      later.push(line);
      return;
    }
    const clause = CASE_CLAUSE.exec(line);
    if (clause && !named((clause[1] as string).split(' thì ')[0] as string, question)) {
      // "xem thêm" shows the whole line: the clause alone ("nếu không có thì …") would not say of what.
      shown.push(line.slice(0, clause.index).trimEnd());
      later.push(line);
      return;
    }
    shown.push(line);
  });
  return shown.length > 0 ? { shown, later } : { shown: [...lines], later: [] };
}
