/**
 * A procedure the question names that no held sheet is about, in Vietnamese or in English. Search always finds
 * a sheet sharing words with the question ("nhận con nuôi" meets "nhận cha, mẹ, con"; "lương hưu" meets the
 * unemployment sheet's "đủ điều kiện hưởng lương hưu"; "international driving permit" meets the licence), so
 * shared words prove nothing: what decides is whether the question names something residents ask about
 * (knowledge's `ASKED_PROCEDURES`) that none of the base's procedure names holds, and names no held procedure
 * besides. An English question is read the same way: its phrases ("work permit", "visa", "pension") are the
 * gazetteer's English, and what else it names is read through the glossary.
 */
import {
  analyseQuery,
  ASKED_PROCEDURES,
  DONE_MARKERS,
  ENGLISH_ACTIONS,
  ENGLISH_DETERMINERS,
  ENGLISH_OBJECT_ENDS,
  ENGLISH_PAPER_WORDS,
  foldText,
  GENERIC_ACTIONS,
  GENERIC_NAME_PAIRS,
  OBJECT_BOUNDARIES,
  PROCEDURE_ACTIONS,
  type AskedProcedure,
  type DocumentMeta,
  type KnowledgeBase,
} from '../knowledge/index.ts';
import { corpusStats } from './evidence.ts';
import type { QuestionFrame } from './frame.ts';
import { phraseTable } from './named-procedure.ts';
import { readQuestion, STOPWORDS } from './query-text.ts';

/** What the question names that the sources do not hold. */
export interface UnheldTopic {
  name: AskedProcedure['name'];
  /** The phrase of the question that names it. */
  phrase: string;
}

const heldByBase = new WeakMap<object, ReadonlySet<AskedProcedure>>();

/** The gazetteer's entries some held procedure's names contain (read once per base). */
function heldEntries(kb: KnowledgeBase): ReadonlySet<AskedProcedure> {
  const cached = heldByBase.get(kb);
  if (cached) return cached;
  const held = entriesHeldBy([...phraseTable(kb).phrasesOf.values()].flat());
  heldByBase.set(kb, held);
  return held;
}

/** The gazetteer's entries one of whose phrases is inside one of the folded procedure `names`. */
export function entriesHeldBy(names: readonly string[]): Set<AskedProcedure> {
  const padded = names.map((n) => ` ${n.trim()} `);
  return new Set(ASKED_PROCEDURES.filter((e) => e.vi.some((p) => padded.some((n) => n.includes(` ${p} `)))));
}

/** Folded English words of a question, "|" where a sentence or clause ends; "driver's" is "driver s", as search reads it. */
function englishWords(question: string): string[] {
  return foldText(question)
    .toLowerCase()
    .replace(/[.?!,;:()]+/g, ' | ')
    .split(/[^a-z0-9|-]+/)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w.length > 0);
}

/**
 * True when an English word before a phrase modifies it ("company | car", "tourist | visa"): not a clause end, a
 * determiner ("my", "a"), a preposition or verb of the sentence, nor an action ("register | car").
 */
function englishModifier(word: string | undefined): boolean {
  if (word === undefined || word === '|' || ENGLISH_OBJECT_ENDS.has(word) || ENGLISH_DETERMINERS.has(word))
    return false;
  return !ENGLISH_ACTIONS.some((a) => a.split(' ').includes(word));
}

/** True when words `a`..`b` are inside one of the `except` phrases said there ("thẻ | visa", a bank card). */
function insideException(words: readonly string[], a: number, b: number, except: readonly string[]): boolean {
  return except.some((e) => spansOf(words, e, false).some(([x, y]) => x <= a && b <= y));
}

/** Where `phrase` is said in `words` (whole words; the phrase's last word may take a plural "s"). */
function spansOf(words: readonly string[], phrase: string, plural: boolean): Array<[number, number]> {
  const p = phrase.split(' ');
  const out: Array<[number, number]> = [];
  for (let i = 0; i + p.length <= words.length; i++) {
    const ok = p.every((w, j) => {
      const said = words[i + j];
      return said === w || (plural && j === p.length - 1 && said === `${w}s`);
    });
    if (ok) out.push([i, i + p.length]);
  }
  return out;
}

/**
 * True when `folded` (a question's words with what was found unheld cut out) names a held procedure: a whole name
 * of one ("trợ cấp thất nghiệp", "xác nhận độc thân"), or a name's object right after an action ("lãnh | bảo hiểm
 * thất nghiệp", "khai báo | tạm trú"). Then the question is about that procedure, and the unheld thing is part of
 * its story or a condition ("đủ điều kiện hưởng lương hưu thì có được lãnh trợ cấp thất nghiệp không"). A name's
 * bare object said in passing ("cty em muốn xin giấy phép lao động": "công ty" of "thành lập công ty") names
 * nothing; nor do phrases every procedure's questions use ("hồ sơ", "lệ phí", "online"); a one-word name counts
 * only when few chunks use it.
 */
function namesHeld(kb: KnowledgeBase, folded: string): boolean {
  const { owners, longest, whole } = phraseTable(kb);
  const stats = corpusStats(kb);
  const rare = (w: string) => !STOPWORDS.has(w) && (stats.df.get(w) ?? 0) <= stats.chunks * RARE_NAME_SHARE;
  const words = folded.split(' ').filter((w) => w.length > 0);
  const asked = new Set(actionsIn(words));
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(longest, words.length - i); n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      if (!owners.has(phrase) || phrase.includes('|')) continue;
      if (OBJECT_BOUNDARIES.has(phrase) || GENERIC_NAME_PAIRS.has(phrase)) continue;
      if (n === 1 && !rare(phrase)) continue;
      if (whole.has(phrase) || actionEndsAt(words, i)) return true;
      // Said first and acted on later ("bằng lái hạng A1 | đi đổi"): the object with an action its sheet's names hold.
      const ids = owners.get(phrase) ?? new Set<string>();
      if ([...ids].some((id) => ownActions(kb, id).some((a) => asked.has(a)))) return true;
    }
  }
  return false;
}

/** The actions a procedure's names open with ("cap doi" for "đổi bằng lái"). */
function ownActions(kb: KnowledgeBase, id: string): string[] {
  return (phraseTable(kb).phrasesOf.get(id) ?? []).flatMap((p) => actionsIn(p.trim().split(' ').slice(0, 3)));
}

/** The specific actions (canonical) said anywhere in `words`. */
function actionsIn(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = 3; n >= 1; n--) {
      const action = PROCEDURE_ACTIONS[words.slice(i, i + n).join(' ')];
      if (i + n > words.length || action === undefined) continue;
      if (action !== '') out.push(action);
      i += n - 1;
      break;
    }
  }
  return out;
}

/** True when an action phrase (specific or generic) ends right before word `i`. */
function actionEndsAt(words: readonly string[], i: number): boolean {
  for (let n = 1; n <= 3 && n <= i; n++) {
    const phrase = words.slice(i - n, i).join(' ');
    if (PROCEDURE_ACTIONS[phrase] || GENERIC_ACTIONS.has(phrase)) return true;
  }
  return false;
}

/** A one-word name phrase names a procedure only when at most this share of chunks uses it. */
const RARE_NAME_SHARE = 0.03;

/**
 * The unheld procedure the question names, or null. Checked only when search's first document is a procedure
 * sheet: a plan or guide may mention the thing itself ("chi trả lương hưu không dùng tiền mặt"), and what it says
 * is quoted, not matched by a sheet's name. Something already done in the story ("đã ly hôn") is not asked about.
 */
export function unheldTopic(
  kb: KnowledgeBase,
  question: string,
  frame: QuestionFrame,
  top: DocumentMeta | undefined,
): UnheldTopic | null {
  if (top?.type !== 'procedure') return null;
  const english = frame.language === 'en';
  const words = english ? englishWords(question) : frame.clauses.split(' ').filter((w) => w.length > 0);
  const held = heldEntries(kb);
  let found: UnheldTopic | null = null;
  const cut = new Set<number>();
  for (const entry of ASKED_PROCEDURES) {
    if (held.has(entry)) continue;
    for (const [phrases, plural] of [
      [entry.vi, false],
      [entry.en, true],
    ] as const) {
      for (const phrase of phrases) {
        for (const [a, found_b] of spansOf(words, phrase, plural)) {
          if (DONE_MARKERS.has(words[a - 1] ?? '')) continue;
          if (insideException(words, a, found_b, entry.except ?? [])) continue;
          // "international driving | permit": the English paper word after the phrase is part of it; so is the
          // noun before it ("company | car"): what is left must not name a held procedure by it.
          let b = found_b;
          while (english && ENGLISH_PAPER_WORDS.has(words[b] ?? '')) b++;
          const from = english && englishModifier(words[a - 1]) ? a - 1 : a;
          for (let i = from; i < b; i++) cut.add(i);
          found ??= { name: entry.name, phrase };
        }
      }
    }
  }
  if (!found) return null;
  const rest = words.map((w, i) => (cut.has(i) ? '|' : w)).join(' ');
  // An English question names held procedures in the glossary's Vietnamese ("temporary residence" → "tạm trú").
  const restFolded = english ? readQuestion(analyseQuery(rest).expandedText) : rest;
  return namesHeld(kb, restFolded) ? null : found;
}
