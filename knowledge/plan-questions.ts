/**
 * Words of plan questions that point at a part of the plan rather than at a topic, as data for the answer
 * layer (which keeps no word list of its own):
 * - the aliases people use for the bodies of the plan's section V ("Đoàn thanh niên" for "Đoàn TNCS Hồ Chí
 *   Minh tỉnh", "đài truyền hình" for "Đài Phát thanh và Truyền hình Đồng Nai"), read from synonyms.ts's
 *   "plan bodies" group so search and the section finder use one table;
 * - "does the plan mention X" cues ("có nhắc tới X không", "nói gì về X", "đề cập đến X"), the words that end
 *   X ("… ở nội dung nào không") and the words that join several X ("Biên Hòa hay Long Khánh").
 */
import { foldText } from './normalise.ts';
import { SYNONYM_GROUPS } from './synonyms.ts';

/** Folded alias → folded heading words, from the synonyms' "plan bodies" group. */
const BODY_ALIASES: ReadonlyArray<{ key: string; values: string[] }> = SYNONYM_GROUPS.filter(
  (g) => g.name === 'plan bodies',
).flatMap((g) =>
  Object.entries(g.entries).map(([key, values]) => ({ key: foldText(key), values: values.map((v) => foldText(v)) })),
);

/**
 * The folded question with the heading words of each plan body it names by an alias set right after the
 * alias, between " | " marks ("doan thanh nien lam gi" → "doan thanh nien | doan tncs | lam gi"), so a reader
 * finds the heading where the question says it. Unchanged when it names none.
 */
export function withPlanBodyAliases(folded: string): string {
  const text = ` ${folded} `;
  const found = BODY_ALIASES.flatMap((alias) => {
    const at = text.indexOf(` ${alias.key} `);
    return at < 0 ? [] : [{ end: at + alias.key.length + 1, values: alias.values }];
  });
  // Inserted from the end backwards, into the question's own words only (never inside an inserted heading).
  let out = text;
  for (const f of found.sort((a, b) => b.end - a.end))
    out = `${out.slice(0, f.end)} | ${f.values.join(' | ')} |${out.slice(f.end)}`;
  return out.trim();
}

/** "Does the plan mention X": the cue before X, folded (longest first, so "nhac toi" wins over "nhac"). */
const MENTION_CUES: readonly string[] = [
  'co nhac toi',
  'co nhac den',
  'co nhac',
  'nhac toi',
  'nhac den',
  'nhac gi ve',
  'de cap toi',
  'de cap den',
  'de cap gi ve',
  'de cap',
  'noi gi ve',
  'viet gi ve',
  'co gi ve',
  'co noi dung ve',
  'co noi dung nao ve',
  'co phan nao ve',
  'co muc nao ve',
].sort((a, b) => b.length - a.length);

/** Words that end X: what follows asks where or whether ("… ở nội dung nào không", "… trong kế hoạch chưa"). */
const MENTION_ENDS: ReadonlySet<string> = new Set([
  'o',
  'khong',
  'chua',
  'nao',
  'gi',
  'trong',
  'the',
  'ra',
  'nhu',
  'vay',
  'nhi',
  'ha',
  'a',
  'nhe',
  'nha',
  'ko',
  'k',
  'hong',
  'khong',
  'thi',
  'tai',
]);

/** Words that join several X ("Biên Hòa hay Long Khánh", "AI và dữ liệu lớn"). */
const MENTION_JOINS: ReadonlySet<string> = new Set(['hay', 'hoac', 'va', 'voi', 'cung', 'lan']);

/**
 * The terms a folded question asks the plan to mention, each as folded words ("co nhac toi bien hoa hay long
 * khanh o noi dung nao khong" → ["bien hoa", "long khanh"]); none when it asks no such thing.
 */
export function mentionedTerms(folded: string): string[] {
  const text = ` ${folded} `;
  for (const cue of MENTION_CUES) {
    const at = text.indexOf(` ${cue} `);
    if (at < 0) continue;
    const after = text
      .slice(at + cue.length + 2)
      .split(' ')
      .filter((w) => w.length > 0);
    const end = after.findIndex((w) => MENTION_ENDS.has(w));
    const span = end >= 0 ? after.slice(0, end) : after;
    const terms: string[] = [];
    let current: string[] = [];
    for (const w of span) {
      if (MENTION_JOINS.has(w)) {
        if (current.length > 0) terms.push(current.join(' '));
        current = [];
      } else current.push(w);
    }
    if (current.length > 0) terms.push(current.join(' '));
    // The longest cue found decides: "có nhắc tới | không" asks about nothing, not about "tới".
    return terms;
  }
  return [];
}
