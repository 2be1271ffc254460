/**
 * The action and object a question (or a procedure name) says: "cấp lại" + "thẻ căn cước". Action phrases,
 * boundaries and fillers are knowledge's vocabulary.
 */
import {
  ACTIONS_NEEDING_OBJECT,
  DONE_MARKERS,
  GENERIC_ACTIONS,
  OBJECT_BOUNDARIES,
  OBJECT_CONTINUATIONS,
  OBJECT_FILLERS,
  PROCEDURE_ACTIONS,
} from '../knowledge/index.ts';

/** What a question (or a procedure name) says: its specific actions, and the words of its object. */
export interface ActionObject {
  /** Canonical specific actions ("cap lai", "thu hoi"); generic verbs ("làm", "xin") are not listed. */
  actions: Set<string>;
  /** Whether a generic verb ("làm", "xin") asks for the procedure. */
  generic: boolean;
  /** Folded words of the object after the first action, up to a boundary word (at most OBJECT_WORDS content words; fillers kept, so pairs are real pairs). */
  object: string[];
  /** True when the object was read after a generic verb only ("làm kỹ sư", "làm phần mềm"). */
  afterGeneric?: boolean;
}

const OBJECT_WORDS = 8;
/** Generic verbs that in a story also say what someone does for a living ("làm kỹ sư", "đi làm bảo vệ"). */
const STORY_VERBS: ReadonlySet<string> = new Set(['lam', 'di lam']);
/** The token frame.ts puts where a clause ends: an object never runs past it. */
const CLAUSE_END = '|';
const LONGEST_PHRASE = 3;

/**
 * Reads the actions and the object of a folded word list. A run of actions shares the object that follows
 * ("Đổi, cấp lại giấy phép lái xe"); an action word inside an object is part of it ("thu hồi giấy chứng nhận
 * đăng ký tàu cá" asks to revoke, not to register). The first object read is the question's object.
 */
export function readActionObject(words: readonly string[]): ActionObject {
  const actions = new Set<string>();
  let generic = false;
  let object: string[] = [];
  let specificObject: string[] = [];
  let storyVerb = false;
  for (let i = 0; i < words.length;) {
    const first = phraseAt(words, i);
    // What was already done ("đã đăng ký tạm trú bên đó") is the story; the question asks about another step.
    if (!first || first.action === '' || DONE_MARKERS.has(words[i - 1] ?? '')) {
      i += first?.length ?? 1;
      continue;
    }
    const run: Array<{ action: string; length: number; at: number }> = [{ ...first, at: i }];
    let j = i + first.length;
    for (let next = phraseAt(words, j); next && next.action !== ''; next = phraseAt(words, j)) {
      run.push({ ...next, at: j });
      j += next.length;
    }
    const onlyGeneric = run.every((f) => f.action === 'generic');
    const after = objectAfter(words, j, onlyGeneric);
    for (const f of run) {
      const needsObject = f.length === 1 && ACTIONS_NEEDING_OBJECT.has(words[f.at] as string);
      if (needsObject && after.length === 0) continue;
      if (f.action === 'generic') generic = true;
      else actions.add(f.action);
    }
    if (object.length === 0) {
      object = after;
      // Only a bare "làm" introduces jobs and activities; "thủ tục X", "xin X" name what is asked for.
      storyVerb = run.every((f) => STORY_VERBS.has(words.slice(f.at, f.at + f.length).join(' ')));
    }
    if (specificObject.length === 0 && !onlyGeneric) specificObject = after;
    i = j + Math.max(after.length, 1) - (after.length === 0 ? 1 : 0);
  }
  if (specificObject.length > 0) return { actions, generic, object: specificObject };
  return { actions, generic, object, afterGeneric: object.length > 0 && storyVerb };
}

/** The longest action phrase starting at `i` (an empty action is a blocked look-alike). */
function phraseAt(words: readonly string[], i: number): { action: string; length: number } | null {
  for (let n = LONGEST_PHRASE; n >= 1; n--) {
    const phrase = words.slice(i, i + n).join(' ');
    if (words.length < i + n) continue;
    const action = PROCEDURE_ACTIONS[phrase];
    if (action !== undefined) return { action, length: n };
    if (GENERIC_ACTIONS.has(phrase)) return { action: 'generic', length: n };
  }
  return null;
}

/** Words after an action, up to a boundary word or pair, or OBJECT_WORDS content words (after a generic verb, up to the next action). */
export function objectAfter(words: readonly string[], from: number, stopAtAction = false): string[] {
  const out: string[] = [];
  let content = 0;
  for (let i = from; i < words.length && content < OBJECT_WORDS; i++) {
    const w = words[i] as string;
    const pair = `${w} ${words[i + 1] ?? ''}`;
    if (w === CLAUSE_END || /^\d/.test(w) || OBJECT_BOUNDARIES.has(pair)) break;
    if (OBJECT_BOUNDARIES.has(w) && !OBJECT_CONTINUATIONS.has(pair)) break;
    // After "làm"/"xin" the next action starts its own object ("đi làm xa, đi đăng ký tạm trú").
    // A generic verb always does ("đổi tên cho con | làm ở đâu").
    const action = phraseAt(words, i);
    if (action?.action === 'generic' || (stopAtAction && action && action.action !== '')) break;
    out.push(w);
    if (!OBJECT_FILLERS.has(w)) content++;
  }
  return content === 0 ? [] : out;
}
