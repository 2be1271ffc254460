/**
 * The analyser's two entry points: {@link analyseForIndex} (document side, used by writeIndex) and
 * {@link analyseQuery} (question side, used by search). Both normalise, tokenise and expand
 * abbreviations through the same code, so ingest and query agree on every term.
 */
import { createHash } from 'node:crypto';
import { ABBREVIATION_GROUPS } from './abbreviations.ts';
import { looksEnglish as isEnglish } from './language.ts';
import { ENGLISH_STOPWORDS, SYNONYM_GROUPS } from './synonyms.ts';
import { normalizeText, hasDiacritics, foldText } from './normalise.ts';
import {
  SECTION_TERM_PREFIX,
  documentKeysInQuestion,
  documentKeysOfTitle,
  sectionKeysInQuestion,
  sectionKeysOfChunk,
} from './section-reference.ts';
import { withoutAddressList } from './address-list.ts';
import { STOPWORDS, foldTerm, gramsOf, identifiersOf, phraseTerms, scanTokens, type Token } from './tokenise.ts';

interface Expansion {
  /** Expansions used on the question side (every group). */
  query: string[];
  /** Expansions used inside documents (only `side: 'both'` groups). */
  document: string[];
  /** Spellings that count as "written as an abbreviation" in a document besides all-capitals (VNeID, TTg). */
  spellings: Set<string>;
}

/** Dictionary key: lowercase with đ → d, so "HĐND", "hđnd" and "hdnd" meet. */
function abbreviationKey(term: string): string {
  return term.toLowerCase().replace(/đ/g, 'd');
}

const DICTIONARY: ReadonlyMap<string, Expansion> = (() => {
  const map = new Map<string, Expansion>();
  for (const group of ABBREVIATION_GROUPS) {
    for (const [key, values] of Object.entries(group.entries)) {
      const k = abbreviationKey(normalizeText(key));
      const entry = map.get(k) ?? { query: [], document: [], spellings: new Set<string>() };
      const expansions = values.map(normalizeText);
      entry.query.push(...expansions.filter((v) => !entry.query.includes(v)));
      if (group.side === 'both') entry.document.push(...expansions.filter((v) => !entry.document.includes(v)));
      entry.spellings.add(normalizeText(key));
      map.set(k, entry);
    }
  }
  return map;
})();

/**
 * Version of everything that decides index terms. It hashes the document-side dictionary groups and the
 * stopwords, so editing them makes old indexes report E_INDEX_VERSION instead of silently missing terms.
 * Question-only data (teencode, synonyms) is left out: changing it needs no re-ingest.
 */
export const ANALYSER_VERSION: string = (() => {
  const h = createHash('sha256');
  // v2: section keys (§ii.2.2) are index terms; v3: so are document keys (§doc.nghidinh.13, §luat.cu tru).
  h.update('analyser-v3\n');
  h.update(JSON.stringify(ABBREVIATION_GROUPS.filter((g) => g.side === 'both')));
  h.update(JSON.stringify([...STOPWORDS]));
  return `1-${h.digest('hex').slice(0, 12)}`;
})();

interface Synonym {
  phrases: string[];
  weight: number;
}

/** Folded phrase key → expansions; the longest key decides how far ahead the matcher looks. */
const SYNONYMS: ReadonlyMap<string, Synonym> = (() => {
  const map = new Map<string, Synonym>();
  for (const group of SYNONYM_GROUPS) {
    for (const [key, values] of Object.entries(group.entries)) {
      const k = foldText(key).trim();
      const entry = map.get(k) ?? { phrases: [], weight: group.weight };
      entry.phrases.push(...values.map(normalizeText).filter((v) => !entry.phrases.includes(v)));
      map.set(k, entry);
    }
  }
  return map;
})();
const LONGEST_SYNONYM = Math.max(1, ...[...SYNONYMS.keys()].map((k) => k.split(' ').length));

/**
 * Synonyms found in the question's words. Matching runs over folded words after unambiguous shorthand
 * is spelled out ("het bn tien" → "het bao nhieu tien"), so teencode questions meet the same phrases.
 */
function synonymsOf(tokens: readonly Token[]): Synonym[] {
  const words = tokens.flatMap((t) => {
    const e = t.isNumber ? [] : expansionsOf(t, 'query');
    return e.length === 1 ? foldText(e[0] as string).split(' ') : [foldTerm(t.term)];
  });
  const found: Synonym[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let len = Math.min(LONGEST_SYNONYM, words.length - i); len >= 1; len--) {
      const hit = SYNONYMS.get(words.slice(i, i + len).join(' '));
      if (hit) found.push(hit);
    }
  }
  return found;
}

/** Document kinds by dictionary key: "kh" → "kế hoạch", "qd" → "quyết định", "tt" → "thông tư". */
const DOCUMENT_KINDS: ReadonlyMap<string, string> = new Map(
  ABBREVIATION_GROUPS.filter((g) => g.name === 'document kinds')
    .flatMap((g) => Object.entries(g.entries))
    .map(([key, values]) => [abbreviationKey(normalizeText(key)), normalizeText(values[0] as string)]),
);

/**
 * The one reading of a shorthand that names a document: before a number or "cđs", "kh 53", "qd 749", "tt 73"
 * are a plan, a decision, a circular, never "không" or "trung tâm". Null when the context does not decide.
 */
export function documentKindBefore(
  token: Pick<Token, 'term'>,
  next: Pick<Token, 'term' | 'isNumber'> | undefined,
): string | null {
  const kind = DOCUMENT_KINDS.get(abbreviationKey(token.term));
  if (!kind || !next) return null;
  return next.isNumber || abbreviationKey(next.term) === 'cds' ? kind : null;
}

/** True when the question reads as English (language.ts: by the shape of its words, places left out). */
function looksEnglish(tokens: readonly Token[]): boolean {
  return isEnglish(tokens.map((t) => t.surface).join(' '));
}

/** Expansion phrases for one token, or none. A key only matches a token that has no diacritics besides đ. */
export function expansionsOf(token: Pick<Token, 'term' | 'surface'>, side: 'query' | 'document'): string[] {
  const key = abbreviationKey(token.term);
  if (foldTerm(key) !== key) return [];
  const entry = DICTIONARY.get(key);
  if (!entry) return [];
  if (side === 'query') return entry.query;
  const writtenAsAbbreviation =
    entry.spellings.has(token.surface) || (token.surface.length >= 2 && token.surface === token.surface.toUpperCase());
  return writtenAsAbbreviation ? entry.document : [];
}

/** Term occurrences of one indexed text, per field (repeats are term frequency). */
export interface FieldTerms {
  accented: string[];
  folded: string[];
}

/**
 * Analyses the text of a chunk (see indexTextOf) into the terms of both lexical fields. The second line of
 * that text is the heading path when the chunk has one; its numbering becomes section-key terms (§ii.2.2),
 * so "mục II.2.2" in a question finds the section. A chunk without a path may lend its first text line
 * instead: at worst a chunk opening with "1. …" answers to "mục 1".
 */
export function analyseForIndex(text: string): FieldTerms {
  const normalised = withoutAddressList(normalizeText(text));
  const tokens = scanTokens(normalised);
  const accented = gramsOf(tokens);
  accented.push(...identifiersOf(normalised));
  for (const t of tokens) {
    if (t.isNumber) continue;
    for (const phrase of expansionsOf(t, 'document')) accented.push(...phraseTerms(phrase));
  }
  const [title = '', path = '', ...body] = normalised.split('\n');
  for (const key of sectionKeysOfChunk(path.split(' > '), body)) accented.push(`${SECTION_TERM_PREFIX}${key}`);
  for (const key of documentKeysOfTitle(title)) accented.push(`${SECTION_TERM_PREFIX}${key}`);
  return { accented, folded: accented.map(foldTerm) };
}

export type QueryTermKind = 'identifier' | 'word' | 'bigram' | 'expansion';

/** One weighted term of a question. */
export interface QueryTerm {
  /** Accented-field form (as typed, normalised, lowercase). */
  term: string;
  /** Folded-field form. */
  folded: string;
  weight: number;
  kind: QueryTermKind;
}

/** What search needs from a question. */
export interface QueryPlan {
  /** Every distinct term, heaviest first (at most MAX_ANALYSED_TERMS); search scores only `termCap` of them. */
  terms: QueryTerm[];
  /** How many terms search scores: when `terms` is longer, {@link rarestTerms} picks them. */
  termCap: number;
  /** False when the question was typed without any diacritic: the folded field then counts fully. */
  hasDiacritics: boolean;
  /** The question plus its expansions, for the embedder. */
  expandedText: string;
}

/** Weights of query-term kinds; identifiers get the exact-match boost. */
export const QUERY_TERM_WEIGHTS: Readonly<Record<QueryTermKind, number>> = {
  identifier: 3,
  word: 1,
  bigram: 1,
  expansion: 0.8,
};

/** Extra dampening per alternative when a shorthand is ambiguous (kh → không / kế hoạch / kết hôn). */
const AMBIGUOUS_EXPANSION_WEIGHT = 0.5;

/** Most distinct terms search scores for one question, so a pasted paragraph cannot make search slow. */
export const MAX_QUERY_TERMS = 48;

/** Terms kept from the analysis before the cap: enough for a 2,000-character question to choose from. */
export const MAX_ANALYSED_TERMS = 4 * MAX_QUERY_TERMS;

/**
 * The terms search scores when a question has more than `cap`: document numbers and dates always, then the
 * rarest by document frequency in the live index. A long story ("em tên Hoa, quê Tân Phú, … muốn nhận trợ cấp
 * thất nghiệp") names its topic last; keeping the first terms kept the story and cut the topic. A term no
 * chunk holds (df 0) cannot score, so it goes first; ties keep the heavier, then the earlier term.
 */
export function rarestTerms(
  terms: readonly QueryTerm[],
  cap: number,
  documentFrequency: (term: QueryTerm) => number,
): QueryTerm[] {
  if (terms.length <= cap) return [...terms];
  const ids = terms.filter((t) => t.kind === 'identifier');
  const rest = terms
    .filter((t) => t.kind !== 'identifier')
    .map((t, order) => ({ t, order, df: documentFrequency(t) }))
    .filter((x) => x.df > 0)
    .sort((a, b) => a.df - b.df || b.t.weight - a.t.weight || a.order - b.order)
    .map((x) => x.t);
  return [...ids, ...rest].slice(0, cap);
}

/** Analyses a question: normalise, tokenise, expand abbreviations, teencode and synonyms (keeping the original). */
export function analyseQuery(question: string, opts: { expand?: boolean } = {}): QueryPlan {
  // expand:false leaves out the abbreviation, teencode and synonym dictionaries (the eval's ablation row).
  const expandOn = opts.expand !== false;
  const normalised = normalizeText(question);
  const tokens = scanTokens(normalised);
  const english = looksEnglish(tokens);
  const terms = new Map<string, QueryTerm>();
  const add = (term: string, kind: QueryTermKind, weight = QUERY_TERM_WEIGHTS[kind]) => {
    const prev = terms.get(term);
    if (prev && prev.weight >= weight) return;
    terms.set(term, { term, folded: foldTerm(term), weight, kind });
  };
  for (const id of identifiersOf(normalised)) add(id, 'identifier');
  // "mục II.2.2", "Điều 4": the section is named by its number, as exactly as a document number.
  for (const key of sectionKeysInQuestion(normalised)) add(`${SECTION_TERM_PREFIX}${key}`, 'identifier');
  // "nghị định 13", "luật cư trú": the document is named by its kind and number or a law by its name.
  for (const key of documentKeysInQuestion(normalised)) add(`${SECTION_TERM_PREFIX}${key}`, 'identifier');
  // English function words would match Vietnamese typed without accents (the → thẻ), so drop them.
  const own = english
    ? tokens.filter((t) => !ENGLISH_STOPWORDS.has(t.term)).map((t) => ({ ...t, joinsPrevious: false }))
    : tokens;
  for (const g of gramsOf(own)) add(g, g.includes('_') ? 'bigram' : 'word');
  const phrases: string[] = [];
  const expand = (list: readonly string[], weight: number) => {
    for (const phrase of list) {
      phrases.push(phrase);
      for (const term of phraseTerms(phrase)) add(term, 'expansion', weight);
    }
  };
  tokens.forEach((t, i) => {
    if (t.isNumber) {
      const thousands = /^(\d+)k$/.exec(t.term);
      if (thousands) add(`${thousands[1]}.000`, 'expansion');
      return;
    }
    const kind = documentKindBefore(t, tokens[i + 1]);
    const expansions = english || !expandOn ? [] : kind ? [kind] : expansionsOf(t, 'query');
    expand(expansions, expansions.length > 1 ? AMBIGUOUS_EXPANSION_WEIGHT : QUERY_TERM_WEIGHTS.expansion);
  });
  if (expandOn) for (const s of synonymsOf(tokens)) expand(s.phrases, s.weight);
  const ranked = [...terms.values()].sort((a, b) => b.weight - a.weight);
  return {
    terms: ranked.slice(0, MAX_ANALYSED_TERMS),
    termCap: MAX_QUERY_TERMS,
    hasDiacritics: hasDiacritics(question),
    expandedText: [normalised, ...new Set(phrases)].join(' '),
  };
}
