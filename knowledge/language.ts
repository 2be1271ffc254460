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

/** The counts behind {@link looksEnglish}. */
export function languageCounts(text: string): LanguageCounts {
  const raw = text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}'&-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length > 0);
  const folded = raw.map((w) => foldText(w));
  const inPlace = new Set<number>();
  for (const p of findPlaces(folded)) for (let i = p.start; i < p.end; i++) inPlace.add(i);
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
  return c.english > 0 && c.english * 2 >= c.words && c.english > 2 * c.accented;
}
