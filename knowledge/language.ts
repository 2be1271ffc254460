/**
 * Is a question English? One reading for the analyser and the answer layer. Counting English function words
 * missed what residents actually type: chat English without capitals ("i just had a baby in bien hoa"), short
 * requests ("marriage registration documents"), and English around Vietnamese place names ("… in Long Thành").
 * The test used here is the shape of the words: a Vietnamese syllable typed without accents still has a
 * Vietnamese shape (onset, vowels, one of eight codas), most English words do not ("what", "fee", "birth",
 * "register"). Place names are left out before counting; chat shorthand and abbreviations ("dc", "cccd",
 * "vneid") count as Vietnamese; a word with Vietnamese diacritics outside a place name counts strongly.
 */
import { ABBREVIATION_GROUPS } from './abbreviations.ts';
import { findPlaces } from './gazetteer.ts';
import { foldText } from './normalise.ts';
import { QUESTION_SHORTHAND } from './question-words.ts';

/** A Vietnamese syllable without tone marks: onset, one to three vowels, one of the codas. */
const VIETNAMESE_SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;

/** English function words; they count only beside words no Vietnamese syllable has the shape of. */
const ENGLISH_FUNCTION_WORDS = new Set(
  'a an the to in on at of for from by with and or is are was be do does did can could i my me we you your it this that what how where when which who why much many get need have has will would should there please'.split(
    ' ',
  ),
);

/** Words of either language in Vietnamese chat ("online", "app", "ok"): they decide nothing. */
const NEUTRAL = new Set([
  'online',
  'onl',
  'app',
  'ok',
  'oke',
  'link',
  'zalo',
  'email',
  'wifi',
  'web',
  'website',
  'ad',
  'admin',
]);

/** Chat shorthand and abbreviations residents use in Vietnamese ("dc", "ko", "cccd", "lltp", "vneid"). */
const VIETNAMESE_SHORTHAND: ReadonlySet<string> = new Set([
  ...Object.keys(QUESTION_SHORTHAND),
  ...ABBREVIATION_GROUPS.flatMap((g) => Object.keys(g.entries)).map((k) => foldText(k)),
]);

export interface LanguageCounts {
  /** Words shaped like no Vietnamese syllable, plus English function words beside them. */
  english: number;
  /** Words with Vietnamese diacritics (outside place names). */
  accented: number;
  /** Words counted (numbers, place names and neutral words left out). */
  words: number;
}

/** True when a folded word could be a Vietnamese syllable typed without accents ("khai", "nguoi", "the"). */
export function vietnameseShaped(folded: string): boolean {
  return VIETNAMESE_SYLLABLE.test(folded);
}

/** The words of a text as typed (lowercased) and folded, and the positions inside a place name. */
function splitWords(text: string): { raw: string[]; folded: string[]; inPlace: Set<number> } {
  const raw = text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}'&-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length > 0);
  const folded = raw.map((w) => foldText(w));
  const inPlace = new Set<number>();
  for (const p of findPlaces(folded)) for (let i = p.start; i < p.end; i++) inPlace.add(i);
  return { raw, folded, inPlace };
}

/** The counts behind {@link looksEnglish}. */
export function languageCounts(text: string): LanguageCounts {
  const { raw, folded, inPlace } = splitWords(text);
  let shapeless = 0;
  let functionWords = 0;
  let accented = 0;
  let words = 0;
  raw.forEach((w, i) => {
    const f = folded[i] as string;
    if (inPlace.has(i) || /\d/.test(f) || NEUTRAL.has(f)) return;
    words++;
    if (f !== w) accented++;
    else if (VIETNAMESE_SHORTHAND.has(f)) return;
    else if (!VIETNAMESE_SYLLABLE.test(f.replace(/'s$/, ''))) shapeless++;
    else if (ENGLISH_FUNCTION_WORDS.has(f)) functionWords++;
  });
  return { english: shapeless + (shapeless > 0 ? functionWords : 0), accented, words };
}

/**
 * True when a question reads as English: at least half its words are English by shape (or English function
 * words beside such words), and they outnumber twice over the words typed with Vietnamese diacritics.
 */
export function looksEnglish(text: string): boolean {
  const c = languageCounts(text);
  return (
    (c.english > 0 && c.english * 2 >= c.words && c.english > 2 * c.accented) ||
    (c.accented === 0 && asksInEnglish(text))
  );
}

/**
 * English asking words that no Vietnamese question typed without accents has: a question word or request
 * opening the question ("how", "what", "where", "can i", "i want"), or "how much/long/many", "fee for" anywhere.
 */
const ENGLISH_OPENING =
  /^(?:how|what|what's|whats|where|when|which|who|why|can (?:i|we|my|you|she|he)|could (?:i|we|you)|do (?:i|we)|does|is (?:it|there)|are there|i (?:want|need|would)|please|pls)(?= |$)/;
const ENGLISH_ASKING = /(?:^| )(?:how (?:much|long|many|to|do|can)|fee for|fees for|cost of|cost for)(?= |$)/;

/**
 * True when a question asks with English words ({@link ENGLISH_OPENING}, {@link ENGLISH_ASKING}) about what it
 * may name in Vietnamese typed without accents ("how to lam tam tru?", "how long to get ly lich tu phap", "fee
 * for giay xac nhan tinh trang hon nhan"): such a question is English for its reader once the intent reader
 * keeps its Vietnamese ({@link vietnameseStretches}); until then {@link looksEnglish} does not use it, because
 * the glossary alone would lose the topic ("which procedure?").
 */
export function asksInEnglish(text: string): boolean {
  const folded = foldText(text.normalize('NFC').toLowerCase())
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return ENGLISH_OPENING.test(folded) || ENGLISH_ASKING.test(folded);
}

/**
 * English words with the shape of a Vietnamese syllable that are not function words ("get", "long", "make"):
 * two of them in a row are not a Vietnamese stretch.
 */
const SHAPED_ENGLISH = new Set(
  'get got long make take time home come go so not but put up out cut hit let set yet bit lot man men ban tin top hot net may say pay way ten ago much many than then them they these those she he her his its our no yes any one same baby bring need new old due via'.split(
    ' ',
  ),
);

/**
 * The Vietnamese an English question says in its own words: words typed with Vietnamese diacritics, chat
 * shorthand ("cccd", "lltp"), and runs of two or more words shaped like Vietnamese syllables that are not
 * English words ("how to lam tam tru" → "lam tam tru"; "my wife lost her căn cước" → "căn cước"). Place names
 * are left out (the gazetteer reads them). Joined with spaces, in question order; "" when there is none.
 */
export function vietnameseStretches(text: string): string {
  const { raw, folded, inPlace } = splitWords(text);
  const kind = raw.map((w, i): 'vi' | 'shaped' | 'other' => {
    const f = folded[i] as string;
    if (inPlace.has(i) || /\d/.test(f) || NEUTRAL.has(f)) return 'other';
    if (f !== w) return 'vi';
    if (ENGLISH_FUNCTION_WORDS.has(f) || SHAPED_ENGLISH.has(f)) return 'other';
    if (VIETNAMESE_SHORTHAND.has(f)) return 'vi';
    return VIETNAMESE_SYLLABLE.test(f) ? 'shaped' : 'other';
  });
  const out: string[] = [];
  for (let i = 0; i < raw.length;) {
    if (kind[i] === 'other') {
      i++;
      continue;
    }
    let j = i;
    while (j < raw.length && kind[j] !== 'other') j++;
    const run = raw.slice(i, j);
    if (run.length >= 2 || kind[i] === 'vi') out.push(run.join(' '));
    i = j;
  }
  return out.join(' ');
}
