/**
 * Which held procedure a question names by one of its names, said as a phrase ("báo tử", "căn cước", "sổ đỏ lần
 * đầu"). Search weighs every word of a long story alike, so "mất ví, có căn cước với bằng lái" can rank the driving
 * licence above the ID card the question asks to re-issue; a name said whole is the strongest sign of the topic,
 * whatever surrounds it. The name said right after the question's action ("làm lại | căn cước") wins over one said
 * in passing; otherwise the first whole name said, a paper's name ("giấy …") last; a name two procedures share names
 * neither.
 */
import {
  DONE_MARKERS,
  GENERIC_ACTIONS,
  GENERIC_NAME_PAIRS,
  OBJECT_BOUNDARIES,
  catalogueOtherNames,
  OBJECT_FILLERS,
  PROCEDURE_ACTIONS,
  type DocumentMeta,
  type KnowledgeBase,
} from '../knowledge/index.ts';
import { corpusStats } from './evidence.ts';
import { clauseAsks } from './parts.ts';
import { readQuestion, STOPWORDS } from './query-text.ts';

/** A procedure named by the question, and how: right after an action, or elsewhere in it. */
export interface NamedProcedure {
  meta: DocumentMeta;
  /** The folded name phrase the question says. */
  phrase: string;
  /** True when the phrase follows one of the question's action words (it is what the question asks to do). */
  afterAction: boolean;
  /** Index (in the question's words) of the first word after the phrase. */
  end: number;
  /** True when the phrase is a whole name ("báo tử"), not only a name's object ("nhà đất" of "sang tên nhà đất"). */
  whole: boolean;
}

/** A phrase made only of words pairs every procedure uses ("giấy tờ", "hồ sơ") names none. */
const generic = (phrase: string): boolean => {
  const words = phrase.split(' ');
  // A mode or case ("online", "trực tuyến", "lần đầu") is asked of many procedures; it names none of them.
  if (OBJECT_BOUNDARIES.has(phrase)) return true;
  return words.length === 2 && GENERIC_NAME_PAIRS.has(phrase);
};

/** A word that could belong to an object: not a clause end, question word, filler or boundary. */
const content = (w: string | undefined): boolean =>
  w !== undefined &&
  w !== '|' &&
  !/^\d/.test(w) &&
  !STOPWORDS.has(w) &&
  !OBJECT_FILLERS.has(w) &&
  !OBJECT_BOUNDARIES.has(w);

/** Name phrases of one word that say nothing on their own. */
const TOO_GENERIC = new Set(['giay', 'the', 'so', 'ho', 'xe', 'dat', 'nha', 'con', 'phep']);
/** Phrases found in more procedures' names than this name none of them ("giấy phép", "đăng ký"). */
const MAX_SHARING = 2;
/** A word in more than this share of chunks is too common to be a name on its own. */
const RARE_SHARE = 0.03;

interface PhraseTable {
  /** Folded phrase → the procedures whose names contain it as a name or a name's object. */
  owners: Map<string, Set<string>>;
  /** Phrases that are a whole name ("bảo hiểm thất nghiệp"), not only a name's object ("công ty" of "thành lập công ty"). */
  whole: Set<string>;
  /** Procedure id → its name phrases, padded with spaces for whole-word search. */
  phrasesOf: Map<string, string[]>;
  longest: number;
}

const tables = new WeakMap<object, PhraseTable>();

/** The phrases a name offers: the whole name, and the name without its leading action words (first the whole). */
function namePhrases(name: string): string[] {
  const words = readQuestion(name)
    .split(' ')
    .filter((w) => w.length > 0);
  const out = new Set<string>();
  const trimmed = trimFillers(words);
  if (trimmed.length > 0) out.add(trimmed.join(' '));
  let i = 0;
  for (;;) {
    const action = actionLength(words, i);
    if (action === 0) break;
    i += action;
  }
  const object = trimFillers(words.slice(i));
  if (i > 0 && object.length > 0) out.add(object.join(' '));
  return [...out].filter((p) => !TOO_GENERIC.has(p));
}

function trimFillers(words: readonly string[]): string[] {
  let a = 0;
  let b = words.length;
  while (a < b && OBJECT_FILLERS.has(words[a] as string)) a++;
  while (b > a && OBJECT_FILLERS.has(words[b - 1] as string)) b--;
  return words.slice(a, b);
}

/** True when the action words from `i` to `j` hold a procedure's own action, not only "làm", "xin", "thủ tục". */
function specificAction(words: readonly string[], i: number, j: number): boolean {
  for (let k = i; k < j;) {
    const n = actionLength(words, k);
    if (n === 0) return false;
    if (PROCEDURE_ACTIONS[words.slice(k, k + n).join(' ')]) return true;
    k += n;
  }
  return false;
}

/** Length of the action phrase (specific or generic) starting at `i`, 0 when none. */
function actionLength(words: readonly string[], i: number): number {
  for (let n = 3; n >= 1; n--) {
    if (i + n > words.length) continue;
    const phrase = words.slice(i, i + n).join(' ');
    if (PROCEDURE_ACTIONS[phrase] || GENERIC_ACTIONS.has(phrase)) return n;
  }
  return 0;
}

/** The name phrases of a base's procedures, built once per base (base-tables.ts prepares it before a swap). */
export function phraseTable(kb: KnowledgeBase): PhraseTable {
  const cached = tables.get(kb);
  if (cached) return cached;
  const owners = new Map<string, Set<string>>();
  const phrasesOf = new Map<string, string[]>();
  const whole = new Set<string>();
  let longest = 0;
  // The other names come from the base's catalogue: reading every sheet's chunks here made the first question
  // after a swap read the whole base.
  const catalogue = kb.catalogue();
  for (const meta of kb.documents()) {
    if (meta.type !== 'procedure') continue;
    const other = catalogueOtherNames(catalogue, meta.id);
    const names = [...meta.title.split(/[;()]/), ...(other?.split(/[;,]/) ?? [])];
    for (const n of names) {
      const first = namePhrases(n)[0];
      if (first) whole.add(first);
    }
    const phrases = names.flatMap(namePhrases);
    phrasesOf.set(
      meta.id,
      phrases.map((p) => ` ${p} `),
    );
    for (const phrase of phrases) {
      const set = owners.get(phrase) ?? new Set<string>();
      set.add(meta.id);
      owners.set(phrase, set);
      longest = Math.max(longest, phrase.split(' ').length);
    }
  }
  const table = { owners, whole, phrasesOf, longest };
  tables.set(kb, table);
  return table;
}

/**
 * The held procedure the folded question (`|` between clauses) names by a phrase of its names, or null when it
 * names none, or two procedures equally.
 */
export function namedProcedure(kb: KnowledgeBase, folded: string): NamedProcedure | null {
  const { owners, whole, longest, phrasesOf } = phraseTable(kb);
  // A name of one word names a procedure only when few chunks use it ("passport", not "sao" of "làm sao").
  const stats = corpusStats(kb);
  const rareWord = (w: string) => !STOPWORDS.has(w) && (stats.df.get(w) ?? 0) <= stats.chunks * RARE_SHARE;
  const words = folded.split(' ').filter((w) => w.length > 0);
  // Where an object starts, and whether the action before it is a procedure's own ("đăng ký", "khai báo") or a
  // bare "làm"/"xin", which in a story is often a job ("lên Biên Hòa làm | công ty").
  const objectStarts = new Map<number, boolean>();
  for (let i = 0; i < words.length;) {
    const n = actionLength(words, i);
    if (n === 0) {
      i++;
      continue;
    }
    // "giấy đăng ký kết hôn", "giấy xác nhận cư trú": a paper's name, not an action the question asks for.
    if (words[i - 1] === 'giay') {
      i += n;
      continue;
    }
    let j = i + n;
    for (let m = actionLength(words, j); m > 0; m = actionLength(words, j)) j += m;
    // "đã đăng ký tạm trú bên đó, … có phải khai báo tạm vắng": what was already done is the story, not the ask;
    // so is what was not done, said in a clause that asks nothing ("tôi với mẹ bé không đăng ký kết hôn, …
    // muốn làm thủ tục để bé mang tên cha"). "chưa đăng ký tạm trú có bị phạt không" asks about it.
    const before = words[i - 1] ?? '';
    const story = DONE_MARKERS.has(before) || (NOT_DONE.has(before) && !clauseAsks(clauseAt(words, i)));
    if (!story) objectStarts.set(j, specificAction(words, i, j));
    i = j;
  }
  let best: { ids: Set<string>; phrase: string; afterAction: boolean; end: number; score: number } | null = null;
  let tie = false;
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(longest, words.length - i); n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const ids = owners.get(phrase);
      if (!ids || ids.size > MAX_SHARING || (n === 1 && !rareWord(phrase)) || generic(phrase)) continue;
      const afterAction = objectStarts.has(i);
      const afterOwnAction = objectStarts.get(i) === true;
      // The name right after the question's action is what it asks about; otherwise the first whole name said
      // ("bảo hiểm thất nghiệp" over the "công ty" of "thành lập công ty"), then the first name's object. A paper
      // named with "giấy" ("giấy chứng nhận kết hôn") is something to bring, not the topic.
      const paper = words[i] === 'giay' || words[i - 1] === 'giay';
      // A name said in passing and going on with another noun ("nhận con | nuôi"), or a name's bare object after
      // one ("thẻ bảo hiểm | xe máy", "thừa kế | nhà đất"), is part of something else, not the procedure asked about.
      // A numbered variant ("lý lịch tư pháp số 2", "mẫu 1") is still the name: a word before a number is its label.
      const numbered = /^\d/.test(words[i + n + 1] ?? '');
      const goesOn =
        content(words[i + n]) && !numbered && !OBJECT_BOUNDARIES.has(`${words[i + n]} ${words[i + n + 1] ?? ''}`);
      if (!afterAction && (paper || (!whole.has(phrase) && content(words[i - 1])) || goesOn)) continue;
      // "xin trích lục | khai sinh": the name is the tail of another procedure's name the question says whole.
      if (!afterAction && insideOtherName(phrasesOf, ids, words.slice(Math.max(0, i - 2), i + n))) continue;
      // A name after a procedure's own action outranks one after a bare "làm": "làm công ty, … đăng ký tạm trú".
      const score =
        (afterAction ? 1000 : 0) + (afterOwnAction ? 500 : 0) + (paper ? 0 : 100) + (whole.has(phrase) ? 10 : 0);
      // A paper said in passing names nothing (see above); said after the action it is what is asked for.
      if (!best || score > best.score) {
        best = { ids, phrase, afterAction, end: i + n, score };
        tie = ids.size > 1;
      }
      break;
    }
  }
  if (!best || tie) return null;
  const meta = kb.document([...best.ids][0] as string);
  return meta
    ? { meta, phrase: best.phrase, afterAction: best.afterAction, end: best.end, whole: whole.has(best.phrase) }
    : null;
}

/** Words before an action that say it was not done (the person's situation, not what is asked). */
const NOT_DONE: ReadonlySet<string> = new Set(['khong', 'chua']);

/** The clause (between " | " marks) that word `i` is in, folded. */
function clauseAt(words: readonly string[], i: number): string {
  let a = i;
  while (a > 0 && words[a - 1] !== '|') a--;
  let b = i;
  while (b < words.length && words[b] !== '|') b++;
  return words.slice(a, b).join(' ');
}

/** True when `said` (two words and a name) is inside a name phrase of a procedure other than `ids`. */
function insideOtherName(
  phrasesOf: ReadonlyMap<string, readonly string[]>,
  ids: ReadonlySet<string>,
  said: readonly string[],
): boolean {
  // "lục" of "trích lục" folds to the stopword "luc" ("lúc"): one word of the two must carry content.
  const before = said.slice(0, 2);
  if (said.length < 3 || before.includes('|') || !before.some(content)) return false;
  const text = ` ${said.join(' ')} `;
  for (const [id, phrases] of phrasesOf) if (!ids.has(id) && phrases.some((p) => p.includes(text))) return true;
  return false;
}

/**
 * True when procedure `id` holds `phrase` inside one of its names ("tạm trú" inside "khai báo tạm trú cho người
 * nước ngoài"): search ranked a more specific sibling first, and naming the shared part does not overrule it.
 */
export function holdsPhrase(kb: KnowledgeBase, id: string, phrase: string): boolean {
  // The phrase must open the sibling's name or its object: "giấy xác nhận chưa | kết hôn" mentions a marriage, it
  // is not a more specific marriage registration.
  return (phraseTable(kb).phrasesOf.get(id) ?? []).some((p) => p.startsWith(` ${phrase} `));
}
