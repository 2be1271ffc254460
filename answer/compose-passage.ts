/**
 * Answers from prose sources (the plan, guides): split the top chunks into sentences and bullets, keep the
 * few that share the most words with the question, and quote them verbatim.
 */
import {
  mentionedTerms,
  pointsAtSection,
  withPlanBodyAliases,
  type Chunk,
  type SearchHit,
} from '../knowledge/index.ts';
import type { QuestionIntent, WantedFigure } from './intent.ts';
import { foldTokens, readQuestion, STOPWORDS } from './query-text.ts';

/** A verbatim span of a chunk: `text` is `hit.chunk.text.slice(start, end)`. */
export interface Unit {
  hit: SearchHit;
  rank: number;
  text: string;
  score: number;
  hasFigure: boolean;
  /**
   * How much of the question's topic this unit says in words few of the other units say (each topic word
   * weighted by its rarity among the units read): "thanh toán" among lines that all say "tỷ lệ … trực tuyến".
   */
  focus?: number;
}

/** At most this many units are quoted. */
const MAX_UNITS = 3;
/** A unit is kept when it scores at least this share of the best one. */
export const KEEP_RATIO = 0.75;
/** Only the first chunks are read: below them retrieval is mostly noise. */
const CHUNKS_READ = 4;

const FIGURE_PATTERNS: Record<Exclude<WantedFigure, null>, RegExp> = {
  percent: /\d+(?:[.,]\d+)?\s?%/,
  money: /\d[\d.,]*\s?(?:tỷ|triệu|nghìn|ngàn|đồng|đ\b|vnđ)/i,
  duration: /\d+\s?(?:ngày|tháng|giờ|tuần|năm)/i,
};

/** True when the text holds the kind of figure the question wants (or it wants none). */
export function hasWantedFigure(text: string, wants: WantedFigure): boolean {
  return wants === null || FIGURE_PATTERNS[wants].test(text);
}

/** Splits chunk text into lines, then long lines into sentences; every piece is a verbatim span. */
export function splitUnits(text: string): string[] {
  const pieces: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    const sentences = trimmed.split(/(?<=[.;!?])\s+(?=[-+•]?\s?[A-ZĐÀ-Ỹ])/u);
    pieces.push(...sentences.map((s) => s.trim()).filter((s) => s.length > 0));
  }
  return pieces;
}

/** Adjacent pairs, as "a b" strings. */
export function bigrams(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < tokens.length; i++) out.add(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
}

/** Scores every unit of the first chunks against the question. */
export function scoreUnits(intent: QuestionIntent, hits: readonly SearchHit[]): Unit[] {
  const terms = new Set(intent.contentTerms);
  const pairs = bigrams(intent.folded.split(' '));
  const units: Unit[] = [];
  hits.slice(0, CHUNKS_READ).forEach((hit, rank) => {
    for (const text of splitUnits(hit.chunk.text)) {
      const hasFigure = intent.wants !== null && hasWantedFigure(text, intent.wants);
      const raw = wordOverlap(terms, pairs, foldTokens(text)) + (hasFigure ? 2 : 0);
      units.push({ hit, rank, text, score: raw * (1 - 0.1 * rank), hasFigure });
    }
  });
  return withFocus(intent, units);
}

/** Sets each unit's `focus`: its topic words, each weighted by how few of the units say it. */
function withFocus(intent: QuestionIntent, units: Unit[]): Unit[] {
  const topic = [...new Set(intent.topicTerms)];
  const said = units.map((u) => new Set(foldTokens(u.text)));
  const df = new Map(topic.map((t) => [t, said.filter((w) => w.has(t)).length]));
  const weight = (t: string) => Math.log((units.length + 1) / ((df.get(t) ?? 0) + 0.5));
  units.forEach((u, i) => {
    u.focus = topic.filter((t) => said[i]?.has(t)).reduce((s, t) => s + weight(t), 0);
  });
  return units;
}

/** The question's words a line says, its word pairs counting twice. */
function wordOverlap(terms: ReadonlySet<string>, pairs: ReadonlySet<string>, tokens: readonly string[]): number {
  const unigram = new Set(tokens.filter((t) => terms.has(t))).size;
  return unigram + 2 * [...bigrams(tokens)].filter((b) => pairs.has(b)).length;
}

/**
 * Picks the units to quote: the best, plus close runners-up. The one that answers leads: among those picked,
 * the unit saying most of what sets the question apart (`focus`: "thanh toán" for a payment target, when
 * every line says "tỷ lệ … trực tuyến"), then the best scored; the others follow in document order.
 */
export function pickUnits(units: readonly Unit[]): Unit[] {
  const sorted = [...units].sort((a, b) => b.score - a.score);
  const best = sorted[0];
  if (!best || best.score <= 0) return [];
  const picked = sorted.filter((u) => u.score >= best.score * KEEP_RATIO).slice(0, MAX_UNITS);
  const lead = picked.reduce((a, b) => ((b.focus ?? 0) > (a.focus ?? 0) + FOCUS_MARGIN ? b : a));
  const rest = picked
    .filter((u) => u !== lead)
    .sort((a, b) => a.rank - b.rank || a.hit.chunk.text.indexOf(a.text) - b.hit.chunk.text.indexOf(b.text));
  return [lead, ...rest];
}

/** A runner-up leads only when it says clearly more of what sets the question apart (rarity units). */
const FOCUS_MARGIN = 0.5;

/** Most units quoted when a whole section is asked for ("Sở Y tế được giao những nhiệm vụ gì"). */
const MAX_SECTION_UNITS = 10;

/** A section heading without its numbering, read the way questions are ("7.7. Sở Y tế" → "so y te"). */
function headingWords(hit: SearchHit): string {
  const heading = hit.chunk.sectionPath.at(-1) ?? '';
  return readQuestion(heading.replace(/^[\dIVXLC]+(?:\.\d+)*\.?\s*/, ''));
}

/**
 * True when the question says the heading whole (two words or more) or its first four words or more. A
 * heading ending in "tỉnh" is also said without it ("Cục Thuế", "Thanh tra", "Văn phòng UBND" for the
 * provincial body): inside the plan every body is the province's.
 */
function saysHeading(question: string, heading: string): boolean {
  const words = heading.split(' ').filter((w) => w.length > 0);
  if (words.length >= 2 && question.includes(` ${words.join(' ')} `)) return true;
  if (words.length >= 3 && words.at(-1) === 'tinh' && question.includes(` ${words.slice(0, -1).join(' ')} `))
    return true;
  return words.length > 3 && question.includes(` ${words.slice(0, 4).join(' ')} `);
}

/** A section the question names, with the other sections of the same document it names too. */
export interface NamedSection extends SearchHit {
  /** Further sections named ("Đoàn thanh niên …, còn Đài PTTH thì sao"), in the order the question says them. */
  alsoNamed?: readonly SearchHit[];
}

/** The question as heading finders read it: its words, each plan body named by an alias followed by its heading. */
function headingQuestion(folded: string): string {
  return ` ${withPlanBodyAliases(folded)
    .split(' | ')
    .map((piece) => readQuestion(piece))
    .join(' | ')} `;
}

/** Where the question first says a heading (its words, or an alias standing for them); -1 when it does not. */
function headingAt(question: string, heading: string): number {
  const words = heading.split(' ').filter((w) => w.length > 0);
  const forms = [words.join(' '), words.slice(0, -1).join(' '), words.slice(0, 4).join(' ')];
  const at = forms.map((f) => question.indexOf(` ${f} `)).filter((i) => i >= 0);
  return at.length > 0 ? Math.min(...at) : -1;
}

/**
 * The section whose heading the question names (an agency of the plan's section V, a group of targets such
 * as "Chính quyền số") or whose number it points at ("mục II.2.2", "điểm 7.12"): among the retrieved hits
 * first, then among all sections of the top document. When the question names several sections of that
 * document by their headings, the others come along in `alsoNamed`, so each is quoted whole.
 */
export function namedSection(
  intent: QuestionIntent,
  hits: readonly SearchHit[],
  documentChunks: readonly Chunk[] = [],
): NamedSection | null {
  const question = headingQuestion(intent.folded);
  const says = (hit: SearchHit) => saysHeading(question, headingWords(hit));
  const names = (hit: SearchHit) => says(hit) || pointsAtSection(intent.folded, hit.chunk.sectionPath);
  const part = PART_ASKED.find((p) => p.asked.test(intent.folded));
  // "chỉ tiêu an toàn thông tin" names a heading found under both targets and tasks: the kind asked picks.
  const inPart = (hit: SearchHit) => !part || part.heading.test(readQuestion(hit.chunk.sectionPath[0] ?? ''));
  const top = hits[0];
  const all = top ? documentChunks.map((chunk) => ({ ...top, chunk })) : [];
  const named = [...hits.slice(0, 6), ...all].filter(names);
  const first = named.find(inPart) ?? named[0];
  if (!first) return null;
  // Other headings of the same document said in the question, one section per heading (a heading found
  // under both targets and tasks counts once: the kind asked picks, as for the first).
  // A heading said at the same place as a chosen one is the same words read twice ("an toàn thông tin" is
  // also the first four words of "An toàn thông tin mạng"), not a second section asked for.
  const chosen = [{ hit: first, at: headingAt(question, headingWords(first)) }];
  const seen = new Set([headingWords(first)]);
  for (const hit of [...named.filter(inPart), ...named]) {
    const words = headingWords(hit);
    if (seen.has(words) || hit.document.id !== first.document.id || !says(hit)) continue;
    seen.add(words);
    const at = headingAt(question, words);
    if (!chosen.some((c) => c.at === at)) chosen.push({ hit, at });
  }
  if (chosen.length === 1) return first;
  const order = chosen.sort((a, b) => a.at - b.at);
  const [lead, ...rest] = order.map((o) => o.hit) as [SearchHit, ...SearchHit[]];
  return { ...lead, alsoNamed: rest };
}

/** The kind of content a question asks for, and the top-level heading of the plan part that holds it. */
const PART_ASKED: ReadonlyArray<{ asked: RegExp; heading: RegExp }> = [
  { asked: /(?:^| )(?:chi tieu|muc tieu|targets?|goals?)(?= |$)/, heading: /(?:^| )muc tieu(?= |$)/ },
  { asked: /(?:^| )(?:nhiem vu|tasks?|duties)(?= |$)/, heading: /(?:^| )nhiem vu(?= |$)/ },
  { asked: /(?:^| )(?:giai phap|solutions?)(?= |$)/, heading: /(?:^| )giai phap(?= |$)/ },
];

/** Every line of a named section, in order, as units (a list is quoted whole, never one bullet of it). */
export function sectionUnits(hit: NamedSection, documentChunks: readonly Chunk[]): Unit[] {
  const sections = [hit, ...(hit.alsoNamed ?? [])];
  // Several sections named share the room, each keeping at least its first lines.
  const each = Math.max(MIN_UNITS_EACH, Math.floor(MAX_SECTION_UNITS / sections.length));
  return sections.flatMap((section) => linesOfSection(section, documentChunks).slice(0, each));
}

/** Fewest lines of each section when a question names several. */
const MIN_UNITS_EACH = 3;

function linesOfSection(hit: SearchHit, documentChunks: readonly Chunk[]): Unit[] {
  // A long section is stored as several chunks with the same path: all of them are the section.
  const path = hit.chunk.sectionPath.join('\n');
  const chunks = documentChunks.filter((c) => c.sectionPath.join('\n') === path);
  const parts = chunks.length > 0 ? chunks : [hit.chunk];
  return parts
    .flatMap((chunk) =>
      splitLines(chunk.text).map((text) => ({ hit: { ...hit, chunk }, rank: 0, text, score: 1, hasFigure: false })),
    )
    .slice(0, MAX_SECTION_UNITS);
}

/** Lines of a chunk (a bullet with ";" inside keeps its figures together). */
function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

const SIGNER = /(?:^| )(?:ai ky|nguoi ky|ky ban hanh|ky ten|ky ke hoach|who signed|signed|signer|signatory)(?= |$)/;
const RECIPIENTS = /(?:^| )(?:noi nhan|gui toi|gui den|gui cho|gui nhung|nhung noi nao|recipients|sent to)(?= |$)/;

/**
 * The parts of an official document found by reading all of it, not the retrieved chunks: who signed it (the
 * block from "TM." on), where it was sent ("Nơi nhận"), and the lines that mention what a "does the plan
 * mention X" question names. compose.ts quotes them before any section or scored line.
 */
export function closingUnits(intent: QuestionIntent, hit: SearchHit, documentChunks: readonly Chunk[]): Unit[] {
  const signer = SIGNER.test(intent.folded);
  const recipients = RECIPIENTS.test(intent.folded);
  if (!signer && !recipients) return mentionUnits(intent, hit, documentChunks);
  const units: Unit[] = [];
  for (const chunk of documentChunks) {
    const lines = splitLines(chunk.text);
    const from = recipients
      ? lines.findIndex((l) => /^Nơi nhận/.test(l))
      : lines.findIndex((l) => /^(?:TM\.|KT\.|Q\. CHỦ TỊCH|CHỦ TỊCH)/.test(l));
    if (from < 0) continue;
    const picked = lines.slice(from + (recipients ? 1 : 0)).filter((l) => l !== '|');
    const end = recipients ? picked.findIndex((l) => /^(?:TM\.|KT\.)/.test(l)) : -1;
    const chosen = (end >= 0 ? picked.slice(0, end) : picked).slice(0, MAX_SECTION_UNITS + 6);
    units.push(...chosen.map((text) => ({ hit: { ...hit, chunk }, rank: 0, text, score: 1, hasFigure: false })));
    break;
  }
  return units;
}

/** Fewest content words of a term found by its words anywhere in a line rather than as a phrase. */
const LOOSE_TERM_WORDS = 3;

/** Most lines quoted for "does the plan mention X": where X is everywhere, the lines that fit the question best. */
const MAX_MENTION_UNITS = 4;

/**
 * "Kế hoạch có nhắc tới Biên Hòa hay Long Khánh ở nội dung nào không": the document's lines that say one of
 * the terms (as a phrase, or, for a long term, all its words in one line), in document order, each cited to its own section.
 * A term that is a heading is left to the section finder (the section is quoted whole); a term no line says
 * finds nothing here, and the question is answered (or refused) as any other.
 */
export function mentionUnits(intent: QuestionIntent, hit: SearchHit, documentChunks: readonly Chunk[]): Unit[] {
  const terms = mentionedTerms(intent.folded)
    .map((t) => t.split(' ').filter((w) => w.length > 0))
    .filter((t) => t.some((w) => !STOPWORDS.has(w)));
  if (terms.length === 0) return [];
  const headings = new Set(documentChunks.map((chunk) => headingWords({ ...hit, chunk })));
  if (terms.every((t) => headings.has(t.join(' ')))) return [];
  // A long term may be said in other words order ("wifi miễn phí ở nơi công cộng"); a short one only as a
  // phrase: "Biên Hòa" is not "Biên lai … Hóa đơn".
  const says = (tokens: readonly string[], term: readonly string[]) => {
    if (` ${tokens.join(' ')} `.includes(` ${term.join(' ')} `)) return true;
    const content = term.filter((w) => !STOPWORDS.has(w));
    return content.length >= LOOSE_TERM_WORDS && content.every((w) => tokens.includes(w));
  };
  const found: Unit[] = [];
  for (const chunk of documentChunks) {
    for (const text of splitUnits(chunk.text)) {
      const tokens = foldTokens(text);
      const said = terms.filter((t) => says(tokens, t)).length;
      if (said > 0) found.push({ hit: { ...hit, chunk }, rank: 0, text, score: said, hasFigure: false });
    }
  }
  if (found.length <= MAX_MENTION_UNITS) return found;
  // Too many to quote: those saying the most terms, then sharing the most of the question's words.
  const words = new Set(intent.contentTerms);
  const pairs = bigrams(intent.folded.split(' '));
  const overlap = (u: Unit) => wordOverlap(words, pairs, foldTokens(u.text));
  const kept = [...found].sort((a, b) => b.score - a.score || overlap(b) - overlap(a)).slice(0, MAX_MENTION_UNITS);
  return found.filter((u) => kept.includes(u));
}
