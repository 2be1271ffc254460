/**
 * knowledge/ — the public face. Everything that must agree between ingest time and query time:
 * the Vietnamese analyser, the on-disk index format, and hybrid search.
 */

// Shared data contract
export * from './types.ts';
export * from './procedure-sheet.ts';

// Analyser (used by ingest for chunk text, by answer for display and matching)
export { normalizeText, foldText, hasDiacritics } from './normalise.ts';
export { indexTextOf } from './index-text.ts';
export { ANALYSER_VERSION, analyseQuery, analyseForIndex } from './analyser.ts';
export type { QueryPlan, QueryTerm, FieldTerms } from './analyser.ts';
export { ABBREVIATION_GROUPS } from './abbreviations.ts';
export { mentionedTerms, withPlanBodyAliases } from './plan-questions.ts';
export { pointsAtSection, sectionKeysInQuestion } from './section-reference.ts';

// Embedders (used by ingest, bot config, eval)
export { createEmbedder, embedderConfigSchema } from './embedder.ts';
export { HashedEmbeddings } from './hashed-embedder.ts';
export type { Embedder, EmbedderConfig, EmbedderInfo } from './embedder-types.ts';

// Index format: writer (ingest) and reader (ingest re-use)
export { FORMAT_VERSION, locateCurrent } from './format.ts';
export type { Manifest, ManifestDocument, IndexedDocument } from './format.ts';
export { writeIndex } from './index-writer.ts';
export type { BuildInput, WriteOptions } from './index-writer.ts';
export { readStoredIndex } from './stored-index.ts';
export {
  buildCatalogue,
  catalogueOtherNames,
  foldedWords,
  withoutDocuments,
  DOCUMENT_NUMBER,
} from './base-catalogue.ts';
export type { BaseCatalogue, CatalogueEntry } from './base-catalogue.ts';
export type { StoredIndex } from './stored-index.ts';

// Search (answer, bot, eval)
export { KnowledgeBase } from './knowledge-base.ts';
export type { OpenOptions, KnowledgeSearchOptions } from './knowledge-base.ts';
export { SEARCH_DEFAULTS } from './search-defaults.ts';
export type { SearchTuning } from './search-defaults.ts';
export type { Bm25Params } from './lexical-index.ts';

// Errors
export { KnowledgeError, isKnowledgeError, KNOWLEDGE_ERROR_CODES } from './errors.ts';
export type { KnowledgeErrorCode } from './errors.ts';

// Question reading: word lists and places (answer/ reads questions with these; no private copies there)
export { QUESTION_SHORTHAND, QUESTION_STOPWORDS, STORY_PHRASES } from './question-words.ts';
export {
  PROCEDURE_ACTIONS,
  GENERIC_ACTIONS,
  ACTION_STAND_INS,
  ACTIONS_NEEDING_OBJECT,
  OBJECT_BOUNDARIES,
  OBJECT_CONTINUATIONS,
  OBJECT_FILLERS,
  GENERIC_NAME_PAIRS,
  FUNCTION_LOOKALIKES,
  PERSON_WORDS,
  DONE_MARKERS,
  FEE_RELIEF_WORDS,
} from './procedure-words.ts';
export {
  MONTH_WORDS,
  PERIOD_PARTS,
  RELATIVE_YEARS,
  RELATIVE_MONTHS,
  SPAN_UNITS,
  SPAN_AHEAD,
  YEAR_LEADS,
  PAST_LEADS,
  PART_NOT_AFTER,
  PAST_AFTER,
  PAST_BEFORE,
  NOW_PHRASES,
  SPAN_RULE_FOLLOWERS,
  COUNT_UNITS,
  SAME_COUNT_UNIT,
  PER_REQUEST_UNITS,
  ORDINAL_WORDS,
  MORE_WORDS,
} from './time-words.ts';
export {
  UNCONFIRMED_PHRASES,
  OLD_RULE_PHRASES,
  ADVICE_OPENERS,
  MONEY_FACETS,
  AMOUNT_ASKED,
  POINTED_NOUNS,
  DEMONSTRATIVES,
  BARE_DEMONSTRATIVES,
  ASKING_AFTER_POINTED,
} from './facet-words.ts';
export type { MoneyFacetWords } from './facet-words.ts';
export { ELLIPTICAL_FOLLOW_UPS, ASKS_NEED, MODE_TAIL } from './follow-up-words.ts';
export { APPLICATION_STATUS_ASKED, ONE_APPLICATION } from './application-status-words.ts';
export { YES_NO_OPENER } from './yes-no-openers.ts';
export { ASKED_PROCEDURES, ENGLISH_PAPER_WORDS, type AskedProcedure } from './asked-procedures.ts';
export { ENGLISH_ACTIONS, ENGLISH_OBJECT_ENDS, ENGLISH_DETERMINERS } from './english-object-words.ts';
export { findPlaces, isInDongNai } from './gazetteer.ts';
export { looksEnglish, languageCounts, vietnameseShaped, vietnameseStretches, asksInEnglish } from './language.ts';
export type { Place, PlaceKind, PlaceMention } from './gazetteer.ts';
