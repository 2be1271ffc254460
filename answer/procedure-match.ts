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
import { corpusStats } from './evidence.ts';
import type { QuestionCase } from './frame.ts';
import { holdsPhrase, namedProcedure, type NamedProcedure } from './named-procedure.ts';
import { withEverydayNames } from './everyday-names.ts';
import { foldTokens, readQuestion } from './query-text.ts';
import { DOCUMENTS_PER_STEP, runSteps } from './table-steps.ts';
import { objectAfter, readActionObject, type ActionObject } from './action-object.ts';
import {
  headedObject,
  missingObject,
  RARE_SHARE,
  statesAction,
  storyObjectDropped,
  type ProcedureNames,
} from './object-check.ts';

export { storyObjectDropped } from './object-check.ts';

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

/** A name counts as said when this much of its object is in the question. */
const SAID = 0.75;

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
  const { checked, headed } = headedObject(kb, asked, own);
  const missing = missingObject(checked, own, stats, idf, ordered && !headed, vocabulary);
  if (missing) return { verdict: 'unheld', why: missing };
  return { verdict: 'fits', said: saysOwnName };
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
  // "hai đứa tính cưới" names the marriage registration: the everyday phrase is read as the name it stands for.
  if (ordered) folded = withEverydayNames(kb, folded);
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
