/**
 * Is the object a question names in the chosen procedure's sheet? Its rarest word and most of its word pairs
 * must be; a held name heading the object leaves what follows mostly unchecked; an action no name holds may
 * still be stated on a line of the sheet. Used by procedure-match.ts.
 */
import {
  FUNCTION_LOOKALIKES,
  OBJECT_FILLERS,
  PERSON_WORDS,
  PROCEDURE_ACTIONS,
  type KnowledgeBase,
} from '../knowledge/index.ts';
import type { ActionObject } from './action-object.ts';
import { bigrams } from './compose-passage.ts';
import { nameSharing } from './document-choice.ts';
import { foldTokens } from './query-text.ts';

/** A procedure's names (title split at ";", and its other names) with what each says. */
export interface ProcedureNames {
  actions: Set<string>;
  names: ActionObject[];
  /** Folded words and word pairs of the whole sheet (names and chunks), read when first needed. */
  text: () => { words: Set<string>; pairs: Set<string> };
}

/** The object's word pairs (weighted by rarity) the procedure's text must hold. */
const OBJECT_PAIRS_HELD = 0.6;
/** A word in more than this share of chunks is too common to tell procedures apart. */
export const RARE_SHARE = 0.03;
/** A word of an object found in at most this share of chunks names something specific, even outside any name. */
const RARE_OBJECT_SHARE = 0.01;
/** A name heading the asked object lets its modifiers go unchecked when at most this many procedures share it. */
const MAX_HEAD_SHARING = 2;

/**
 * The part of the asked object that must be in the sheet. When the object opens with a whole name of the sheet
 * said with that name's own action ("chứng thực | hợp đồng | mua bán xe", "đổi | bằng lái | giấy bìa sang thẻ",
 * "làm | hộ chiếu | gắn chip"), what follows says which one of the things the sheet covers (its kind, material,
 * model): only the word right after the name is checked, since a rare word there makes another thing ("giấy
 * phép kinh doanh | karaoke"), and the pairs need not be held (`headed`). A stand-in action ("đăng ký | xe máy |
 * mới mua" for a transfer) is no such name; nor is one several sheets share: "kinh doanh | quán karaoke",
 * "kinh doanh | vận tải" and "giấy chứng nhận | an toàn thực phẩm" are other licences.
 */
export function headedObject(
  kb: KnowledgeBase,
  asked: ActionObject,
  own: ProcedureNames,
): { checked: readonly string[]; headed: boolean } {
  const head = Math.max(
    0,
    ...own.names
      .filter(
        (n) =>
          n.object.length >= 2 &&
          n.object.every((w, i) => asked.object[i] === w) &&
          ([...n.actions].some((a) => asked.actions.has(a)) ||
            (n.actions.size === 0 && n.generic && asked.actions.size === 0 && asked.generic)),
      )
      .map((n) => n.object.length),
  );
  if (head === 0) return { checked: asked.object, headed: false };
  const { count } = nameSharing(kb);
  const distinct = [...bigrams(asked.object.slice(0, head))].some((p) => (count.get(p) ?? 0) <= MAX_HEAD_SHARING);
  return distinct
    ? { checked: asked.object.slice(0, head + 1), headed: true }
    : { checked: asked.object, headed: false };
}

/**
 * True when a line of the sheet states one of the asked actions as a word pair ("cấp lại", "gia hạn") beside a
 * word of the question that is neither the action nor a word of the sheet's title ("mất" in "400.000 đồng cấp
 * lại do hỏng hoặc mất"): the sheet covers that action for the case asked. One-word action forms ("đổi",
 * "tách") are folded look-alikes of other words and do not count; nor does a line sharing only the action.
 */
export function statesAction(
  asked: ActionObject,
  own: ProcedureNames,
  words: readonly string[],
  kb: KnowledgeBase,
  id: string,
): boolean {
  const phrases = Object.entries(PROCEDURE_ACTIONS)
    .filter(([phrase, action]) => asked.actions.has(action) && phrase.split(' ').length === 2)
    .map(([phrase]) => phrase);
  if (phrases.length === 0 || !phrases.some((p) => own.text().pairs.has(p))) return false;
  // The title names the object; a case word said in an everyday name ("hộ chiếu bị mất") still tells.
  const named = new Set(own.names[0]?.object ?? []);
  const acting = new Set(phrases.flatMap((p) => p.split(' ')));
  const telling = new Set(
    words.filter(
      (w) => w.length >= 3 && !named.has(w) && !acting.has(w) && !OBJECT_FILLERS.has(w) && !FUNCTION_LOOKALIKES.has(w),
    ),
  );
  if (telling.size === 0) return false;
  // The case word qualifies the action beside it ("cấp lại do hỏng hoặc mất"), not a clause further on ("nơi đã
  // đăng ký hộ tịch trước đây hoặc nơi người yêu cầu cư trú" does not cover registering a stateless person).
  return kb
    .chunksOf(id)
    .some((c) => c.text.split(/\n|(?<=[.;])\s+/).some((line) => statesActionFor(line, phrases, telling)));
}

/** True when `line` states one of the two-word action `phrases` with a `telling` word within CASE_WINDOW words. */
export function statesActionFor(line: string, phrases: readonly string[], telling: ReadonlySet<string>): boolean {
  const tokens = foldTokens(line);
  return tokens.some((_, i) => {
    if (!phrases.includes(`${tokens[i]} ${tokens[i + 1] ?? ''}`)) return false;
    const near = tokens.slice(Math.max(0, i - CASE_WINDOW), i + 2 + CASE_WINDOW);
    return near.some((t) => telling.has(t));
  });
}

/** How many words either side of a stated action a case word may stand to count as the action's case. */
const CASE_WINDOW = 4;

/**
 * What follows a bare "làm" in a story is often a job or an activity ("làm kỹ sư", "làm bảo vệ", "làm phần mềm"),
 * not a paper asked for. Such an object counts only when one of its word pairs is in some procedure's name
 * ("làm giấy phép karaoke" still names a licence); otherwise it is no evidence either way.
 */
export function storyObjectDropped(asked: ActionObject, namePairs: ReadonlySet<string>): ActionObject {
  if (!asked.afterGeneric) return asked;
  const content = asked.object.filter((w) => !OBJECT_FILLERS.has(w));
  if (content.length < 2 || [...bigrams(asked.object)].some((p) => namePairs.has(p))) return asked;
  return { ...asked, object: [], afterGeneric: false };
}

/** Why the object the question names is not in the procedure (its rarest word, or most of its pairs), or null. */
export function missingObject(
  object: readonly string[],
  own: ProcedureNames,
  stats: { chunks: number; df: ReadonlyMap<string, number> },
  idf: (w: string) => number,
  withPairs: boolean,
  vocabulary: ReadonlySet<string>,
): string | null {
  const df = (w: string) => stats.df.get(w) ?? 0;
  // Only words objects are made of count (a word of some procedure's name, or one no source uses at all):
  // "tháng sau", "gấp" after the object say nothing about which procedure it is.
  // A rare word of the sources counts too: "trợ cấp hộ nghèo", "giấy phép nuôi chó" name what no sheet is about.
  const objectish = (w: string) =>
    !OBJECT_FILLERS.has(w) && !PERSON_WORDS.has(w) && (vocabulary.has(w) || df(w) <= stats.chunks * RARE_OBJECT_SHARE);
  const content = object.filter(objectish);
  if (content.length === 0) return null;
  const rarest = content.reduce((a, b) => (df(b) < df(a) ? b : a));
  if (df(rarest) <= stats.chunks * RARE_SHARE && !own.text().words.has(rarest))
    return `object word "${rarest}" not in it`;
  if (!withPairs) return null;
  // A code or number in the object ("CT07", "B2") is a detail of the paper, not another paper.
  const pairs = [...bigrams(object)].filter((p) =>
    p.split(' ').every((w) => !OBJECT_FILLERS.has(w) && !PERSON_WORDS.has(w) && !/\d/.test(w)),
  );
  if (pairs.length === 0) return null;
  const weight = (ps: readonly string[]) => ps.reduce((s, p) => s + p.split(' ').reduce((t, w) => t + idf(w), 0), 0);
  const held = own.text().pairs;
  const share = weight(pairs.filter((p) => held.has(p))) / weight(pairs);
  return share < OBJECT_PAIRS_HELD ? `object "${object.join(' ')}" not in it (${share.toFixed(2)})` : null;
}
