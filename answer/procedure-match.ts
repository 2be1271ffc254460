/**
 * Is the chosen procedure the one the question is about? A procedure is an action on an object ("cấp lại" +
 * "thẻ căn cước"). In a corpus of hundreds, search finds a procedure sharing most words with any question,
 * so shared words prove nothing: the question's action must be one the procedure's names hold (siblings
 * "cấp / cấp lại / thu hồi X" differ only there), and the object the question names after its action must be
 * in the procedure's text, its rarest word and most of its word pairs. The vocabulary is knowledge's.
 */
import {
  ACTION_STAND_INS,
  FUNCTION_LOOKALIKES,
  GENERIC_ACTIONS,
  PERSON_WORDS,
  PROCEDURE_ACTIONS,
  OBJECT_FILLERS,
  catalogueOtherNames,
  type DocumentMeta,
  type KnowledgeBase,
  type SearchHit,
} from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { nameSharing } from './document-choice.ts';
import { corpusStats } from './evidence.ts';
import type { QuestionCase } from './frame.ts';
import { holdsPhrase, namedProcedure, type NamedProcedure } from './named-procedure.ts';
import { foldTokens, readQuestion } from './query-text.ts';
import { DOCUMENTS_PER_STEP, runSteps } from './table-steps.ts';
import { objectAfter, readActionObject, type ActionObject } from './action-object.ts';

/** A procedure's names (title split at ";", and its other names) with what each says. */
interface ProcedureNames {
  actions: Set<string>;
  names: ActionObject[];
  /** Folded words and word pairs of the whole sheet (names and chunks), read when first needed. */
  text: () => { words: Set<string>; pairs: Set<string> };
}

interface NameTable {
  procedures: Map<string, ProcedureNames>;
  /** Every word of every procedure's names: the words objects are made of. */
  vocabulary: Set<string>;
  /** Every word pair of every procedure's name objects. */
  namePairs: Set<string>;
}

const namesByBase = new WeakMap<object, NameTable>();

function procedureNames(kb: KnowledgeBase): NameTable {
  return namesByBase.get(kb) ?? runSteps(buildProcedureNames(kb));
}

/**
 * Builds the names table of a base from its catalogue (no chunk is read), in steps (see table-steps.ts);
 * answer/base-tables.ts runs them before a base goes live.
 */
export function* buildProcedureNames(kb: KnowledgeBase): Generator<void, NameTable> {
  const out = new Map<string, ProcedureNames>();
  const vocabulary = new Set<string>();
  const namePairs = new Set<string>();
  const catalogue = kb.catalogue();
  for (const meta of kb.documents()) {
    if (meta.type !== 'procedure') continue;
    if (out.size % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
    // Chunks are read again when the text is first needed, not kept: at 100k chunks holding them all here
    // kept ~200 MB of decompressed text alive for the life of the base.
    const other = catalogueOtherNames(catalogue, meta.id);
    const names = [...meta.title.split(';'), ...(other?.split(';') ?? [])].map((n) =>
      nameObject(readQuestion(n).split(' ')),
    );
    for (const n of names) {
      for (const w of n.object) vocabulary.add(w);
      for (const p of bigrams(n.object)) namePairs.add(p);
    }
    let text: { words: Set<string>; pairs: Set<string> } | null = null;
    out.set(meta.id, {
      actions: new Set(names.flatMap((n) => [...n.actions])),
      names,
      text: () => {
        if (text) return text;
        const texts = kb.chunksOf(meta.id).map((c) => c.text);
        const tokens = foldTokens([meta.title, other ?? '', ...texts].join('\n'));
        text = { words: new Set(tokens), pairs: bigrams(tokens) };
        return text;
      },
    });
  }
  const table = { procedures: out, vocabulary, namePairs };
  namesByBase.set(kb, table);
  return table;
}

/**
 * A name's action and object. A name with nothing after its action, or with no action at all, is named by its
 * own words ("sao y", "khai tử", "photo | công chứng"): those words are its object, so a question saying them
 * says the name.
 */
function nameObject(words: readonly string[]): ActionObject {
  const read = readActionObject(words);
  if (read.object.length > 0) return read;
  const before = words.findIndex((_, i) => actionAt(words, i));
  const own = (before < 0 ? words : words.slice(0, before)).filter((w) => w.length > 0);
  return { ...read, object: own };
}

/** True when an action phrase (specific or generic) starts at word `i`. */
function actionAt(words: readonly string[], i: number): boolean {
  for (let n = 3; n >= 1; n--) {
    const phrase = words.slice(i, i + n).join(' ');
    if (words.length >= i + n && (PROCEDURE_ACTIONS[phrase] || GENERIC_ACTIONS.has(phrase))) return true;
  }
  return false;
}

/** True when a procedure holding `held` actions serves a question naming `asked` (in the question's cases). */
export function actionFits(
  asked: ReadonlySet<string>,
  held: ReadonlySet<string>,
  cases: readonly QuestionCase[],
): boolean {
  if (asked.size === 0 || held.size === 0) return true;
  for (const a of asked) {
    if (held.has(a)) return true;
    if ((ACTION_STAND_INS[a] ?? []).some((b) => held.has(b))) return true;
    // "cấp bằng lái bị mất" is the re-issue, "cấp căn cước hết hạn" the exchange.
    if (a === 'cap' && cases.includes('lost') && held.has('cap lai')) return true;
    if (a === 'cap' && cases.includes('exchange') && held.has('cap doi')) return true;
    // "hộ chiếu hết hạn làm lại": doing an expired paper again is its exchange.
    if (a === 'cap lai' && cases.includes('exchange') && held.has('cap doi')) return true;
  }
  return false;
}

/** Share of a name's object words (weighted by rarity) that the question says: 1 = the whole object. */
function nameSaid(name: ActionObject, words: ReadonlySet<string>, idf: (w: string) => number): number {
  const object = name.object.filter((w) => !OBJECT_FILLERS.has(w));
  const total = object.reduce((s, w) => s + idf(w), 0);
  return total === 0 ? 0 : object.filter((w) => words.has(w)).reduce((s, w) => s + idf(w), 0) / total;
}

/** A name heading the asked object lets its modifiers go unchecked when at most this many procedures share it. */
const MAX_HEAD_SHARING = 2;
/** A name counts as said when this much of its object is in the question. */
const SAID = 0.75;
/** The object's word pairs (weighted by rarity) the procedure's text must hold. */
const OBJECT_PAIRS_HELD = 0.6;
/** A word in more than this share of chunks is too common to tell procedures apart. */
const RARE_SHARE = 0.03;
/** A word of an object found in at most this share of chunks names something specific, even outside any name. */
const RARE_OBJECT_SHARE = 0.01;

/**
 * `passing`: the question names the procedure in passing (not right after its action); `byPhrase`: it says one of
 * the procedure's names as a phrase (named-procedure.ts), the surest sign that the procedure asked about is held.
 */
export type ProcedureCheck =
  | { verdict: 'fits'; said: boolean; passing?: boolean; byPhrase?: boolean }
  | { verdict: 'other'; documentId: string }
  | { verdict: 'unheld'; why: string };

/**
 * Checks the top procedure against the question's action and object. `other` names a held procedure the
 * question fits better (a sibling with the asked action); `unheld` means no held procedure has that action on
 * that object, or the object is not in the chosen procedure at all.
 */
export function checkProcedure(
  kb: KnowledgeBase,
  folded: string,
  cases: readonly QuestionCase[],
  top: DocumentMeta,
  ordered = true,
): ProcedureCheck {
  const { procedures: table, vocabulary, namePairs } = procedureNames(kb);
  const own = table.get(top.id);
  if (!own) return { verdict: 'fits', said: false };
  const words = folded.split(' ').filter((w) => w.length > 0);
  const asked = storyObjectDropped(readActionObject(words), namePairs);
  const said = new Set(words);
  const stats = corpusStats(kb);
  const idf = (w: string) => Math.log((stats.chunks + 1) / ((stats.df.get(w) ?? 0) + 0.5));
  const saysOwnName = own.names.some((n) => nameSaid(n, said, idf) >= SAID);
  if (!actionFits(asked.actions, own.actions, cases)) {
    // No held name has the action, but the sheet whose name the question says states it on a line that shares
    // the question's case: the passport's fee line "cấp lại do hỏng hoặc mất" serves "hộ chiếu bị mất làm lại".
    if (saysOwnName && statesAction(asked, own, words, kb, top.id)) return { verdict: 'fits', said: true };
    // An action said with no object ("đăng ký | thi ở đâu") cannot pick a sibling by words said elsewhere.
    if (asked.object.length === 0)
      return { verdict: 'unheld', why: `no "${[...asked.actions].join('/')}" for this object` };
    let best: { id: string; score: number } | null = null;
    for (const [id, p] of table) {
      if (id === top.id || !actionFits(asked.actions, p.actions, cases)) continue;
      const score = Math.max(
        0,
        ...p.names.filter((n) => actionFits(asked.actions, n.actions, cases)).map((n) => nameSaid(n, said, idf)),
      );
      if (
        score < SAID ||
        (best && score <= best.score) ||
        missingObject(asked.object, p, stats, idf, ordered, vocabulary)
      )
        continue;
      best = { id, score };
    }
    if (best) return { verdict: 'other', documentId: best.id };
    return { verdict: 'unheld', why: `no "${[...asked.actions].join('/')}" for this object` };
  }
  // The object opens with a whole name of the sheet said with that name's own action ("chứng thực | hợp đồng |
  // mua bán xe", "đổi | bằng lái | giấy bìa sang thẻ", "làm | hộ chiếu | gắn chip"): what follows says which
  // one of the things the sheet covers (its kind, material, model). Only the word right after the name is
  // checked: a rare word there makes another thing ("giấy phép kinh doanh | karaoke"); its pairs need not be
  // held. A stand-in action ("đăng ký | xe máy | mới mua" for a transfer) is no such name.
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
  // Only a name no more than a sibling shares lets the words after it go unchecked: "kinh doanh" is in the
  // names of household, company and tax sheets, and "kinh doanh | quán karaoke" is another licence.
  const { count } = nameSharing(kb);
  const distinct =
    head > 0 && [...bigrams(asked.object.slice(0, head))].some((p) => (count.get(p) ?? 0) <= MAX_HEAD_SHARING);
  const next = distinct ? asked.object.slice(head).findIndex((w) => !OBJECT_FILLERS.has(w)) : -1;
  const checked = distinct ? asked.object.slice(0, next < 0 ? head : head + next + 1) : asked.object;
  const headed = head > 0;
  const missing = missingObject(checked, own, stats, idf, ordered && !headed, vocabulary);
  if (missing) return { verdict: 'unheld', why: missing };
  return { verdict: 'fits', said: saysOwnName };
}

/**
 * True when a line of the sheet states one of the asked actions as a word pair ("cấp lại", "gia hạn") beside a
 * word of the question that is neither the action nor a word of the sheet's names ("mất" in "400.000 đồng cấp
 * lại do hỏng hoặc mất"): the sheet covers that action for the case asked. One-word action forms ("đổi",
 * "tách") are folded look-alikes of other words and do not count; nor does a line sharing only the action.
 */
function statesAction(
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
  return kb.chunksOf(id).some((c) =>
    c.text.split(/\n|(?<=[.;])\s+/).some((line) => {
      const tokens = foldTokens(line);
      const pairs = bigrams(tokens);
      return phrases.some((p) => pairs.has(p)) && tokens.some((t) => telling.has(t));
    }),
  );
}

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
function missingObject(
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

/**
 * Checks the first hit's procedure and, when the question fits a sibling better, puts that sibling's hits
 * first (searching inside it when none of its chunks were retrieved). Plans and guides are not checked.
 */
export async function routeByAction(
  kb: KnowledgeBase,
  hits: readonly SearchHit[],
  query: string,
  folded: string,
  cases: readonly QuestionCase[],
  k: number,
  ordered = true,
): Promise<{ hits: SearchHit[]; check: ProcedureCheck | null }> {
  const top = hits[0]?.document;
  const read = ordered ? namedByPhrase(kb, folded, cases, top?.id) : null;
  // A name said in passing in a question search matched to a plan or guide decides nothing about procedures.
  if (read && 'unheld' in read) {
    if (read.afterAction || top?.type === 'procedure')
      return { hits: [...hits], check: { verdict: 'unheld', why: read.unheld } };
  }
  const named = read && !('unheld' in read) ? read : null;
  // A procedure named by a phrase of its names is the topic, wherever search ranked it (a guide is passed
  // over only when the name follows the question's action: "làm VNeID mức 2 | ở đâu").
  // Search's first procedure stays the one named when it holds the name said inside a longer one of its own:
  // a more specific sibling ("tạm trú" inside "khai báo tạm trú cho người nước ngoài").
  const target =
    named && top?.type === 'procedure' && top.id !== named.meta.id && holdsPhrase(kb, top.id, named.phrase)
      ? { ...named, meta: top }
      : named;
  if (top && target && (top.type === 'procedure' || (top.type === 'guide' && target.afterAction))) {
    const moved = await putFirst(kb, hits, target.meta.id, query, k);
    const passing = { verdict: 'fits', said: true, passing: true, byPhrase: true } as const;
    if (target.afterAction) return { hits: moved, check: { verdict: 'fits', said: true, byPhrase: true } };
    // Named in passing ("… đi báo tử"): a specific action and its object must still fit the sheet; what a
    // generic verb is followed by in a story ("đi làm | xa nhà") is not what is asked.
    const specific = readActionObject(folded.split(' ').filter((w) => w.length > 0)).actions.size > 0;
    // Its words, not its word pairs: "đổi thẻ mới" around a named "thẻ căn cước" is the same paper.
    const check = specific ? checkProcedure(kb, folded, cases, target.meta, false) : null;
    if (!check) return { hits: moved, check: passing };
    return { hits: moved, check: check.verdict === 'fits' ? passing : check };
  }
  if (!top || top.type !== 'procedure') return { hits: [...hits], check: null };
  const check = checkProcedure(kb, folded, cases, top, ordered);
  if (check.verdict !== 'other') return { hits: [...hits], check };
  const moved = await putFirst(kb, hits, check.documentId, query, k);
  const meta = moved[0]?.document;
  return { hits: moved, check: meta ? checkProcedure(kb, folded, cases, meta, ordered) : check };
}

/** The hits of procedure `id` first (searched inside it when none were retrieved), then the rest. */
async function putFirst(
  kb: KnowledgeBase,
  hits: readonly SearchHit[],
  id: string,
  query: string,
  k: number,
): Promise<SearchHit[]> {
  const inside = hits.some((h) => h.document.id === id)
    ? hits.filter((h) => h.document.id === id)
    : await kb.search(`${kb.document(id)?.title ?? ''} ${query}`, { k, filter: { documentIds: [id] } });
  return [...inside, ...hits.filter((h) => h.document.id !== id)];
}

/** The procedure the question names by a phrase of its names, when the question's action fits it. */
function namedByPhrase(
  kb: KnowledgeBase,
  folded: string,
  cases: readonly QuestionCase[],
  preferred?: string,
): NamedProcedure | { unheld: string; afterAction: boolean } | null {
  const named = namedProcedure(kb, folded);
  if (!named) return null;
  const own = procedureNames(kb).procedures.get(named.meta.id);
  const words = folded.split(' ').filter((w) => w.length > 0);
  const asked = readActionObject(words);
  if (!own) return null;
  if (!actionFits(asked.actions, own.actions, cases) && !statesAction(asked, own, words, kb, named.meta.id))
    return null;
  // The object may go on past the name with words the sheet never uses: "nhận con | nuôi", "giấy phép kinh
  // doanh | karaoke", "xe máy | mới mua" name another procedure than the one whose name they start with.
  // The word right after the name, fillers included: folded, a filler is often a content word too ("bạn" / "bán"
  // in "hộ kinh doanh | bán hàng online"), and skipping it would judge the word after it instead.
  const next = objectAfter(words, named.end).find((w) => !/\d/.test(w));
  const stats = corpusStats(kb);
  // A folded function or time word ("kết hôn | bây giờ") is a look-alike of a noun, not another procedure's word.
  const goesOn =
    next !== undefined &&
    !FUNCTION_LOOKALIKES.has(next) &&
    !PERSON_WORDS.has(next) &&
    (stats.df.get(next) ?? 0) <= stats.chunks * RARE_SHARE &&
    !own.text().words.has(next);
  if (goesOn)
    return unheldUnlessTopFits(
      kb,
      folded,
      cases,
      named,
      preferred,
      `"${named.phrase} ${next}" is not "${named.phrase}"`,
    );
  if (!named.afterAction) return named;
  const phrase = named.phrase.split(' ');
  if (phrase.every((w, i) => asked.object[i] === w) && asked.object.length > phrase.length) {
    const check = checkProcedure(kb, folded, cases, named.meta);
    if (check.verdict === 'unheld') return unheldUnlessTopFits(kb, folded, cases, named, preferred, check.why);
  }
  return named;
}

/**
 * The object going on past a name is evidence against that name only: when it is the name of search's first
 * procedure ("đăng ký kinh doanh | công ty TNHH" is the company registration, not the household business), the
 * question is read against that procedure instead (null), and refused only if it does not fit it either.
 */
function unheldUnlessTopFits(
  kb: KnowledgeBase,
  folded: string,
  cases: readonly QuestionCase[],
  named: NamedProcedure,
  preferred: string | undefined,
  why: string,
): { unheld: string; afterAction: boolean } | null {
  const table = procedureNames(kb).procedures;
  const top = preferred !== undefined && preferred !== named.meta.id ? table.get(preferred) : undefined;
  const meta = preferred !== undefined ? kb.document(preferred) : undefined;
  const words = folded.split(' ').filter((w) => w.length > 0);
  const onward = objectAfter(words, named.end).filter((w) => !OBJECT_FILLERS.has(w) && !/\d/.test(w));
  // Only positive evidence: the top sheet uses every word the object goes on with ("công ty", "tnhh").
  const holds = top !== undefined && onward.length > 0 && onward.every((w) => top.text().words.has(w));
  if (holds && meta && checkProcedure(kb, folded, cases, meta).verdict !== 'unheld') return null;
  return { unheld: why, afterAction: named.afterAction };
}
