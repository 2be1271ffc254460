/**
 * Answers from prose sources (the plan, guides): split the top chunks into sentences and bullets, keep the
 * few that share the most words with the question, and quote them verbatim.
 */
import { pointsAtSection, type Chunk, type SearchHit } from '../knowledge/index.ts';
import type { QuestionIntent, WantedFigure } from './intent.ts';
import { foldTokens, readQuestion } from './query-text.ts';

/** A verbatim span of a chunk: `text` is `hit.chunk.text.slice(start, end)`. */
export interface Unit {
  hit: SearchHit;
  rank: number;
  text: string;
  score: number;
  hasFigure: boolean;
}

/** At most this many units are quoted. */
const MAX_UNITS = 3;
/** A unit is kept when it scores at least this share of the best one. */
const KEEP_RATIO = 0.75;
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
      const tokens = foldTokens(text);
      const unigram = new Set(tokens.filter((t) => terms.has(t))).size;
      const bigram = [...bigrams(tokens)].filter((b) => pairs.has(b)).length;
      const hasFigure = intent.wants !== null && hasWantedFigure(text, intent.wants);
      const raw = unigram + 2 * bigram + (hasFigure ? 2 : 0);
      units.push({ hit, rank, text, score: raw * (1 - 0.1 * rank), hasFigure });
    }
  });
  return units;
}

/** Picks the units to quote: the best, plus close runners-up, in document order within each chunk. */
export function pickUnits(units: readonly Unit[]): Unit[] {
  const sorted = [...units].sort((a, b) => b.score - a.score);
  const best = sorted[0];
  if (!best || best.score <= 0) return [];
  const picked = sorted.filter((u) => u.score >= best.score * KEEP_RATIO).slice(0, MAX_UNITS);
  return picked.sort((a, b) => a.rank - b.rank || a.hit.chunk.text.indexOf(a.text) - b.hit.chunk.text.indexOf(b.text));
}

/** Most units quoted when a whole section is asked for ("Sở Y tế được giao những nhiệm vụ gì"). */
const MAX_SECTION_UNITS = 10;

/** A section heading without its numbering, read the way questions are ("7.7. Sở Y tế" → "so y te"). */
function headingWords(hit: SearchHit): string {
  const heading = hit.chunk.sectionPath.at(-1) ?? '';
  return readQuestion(heading.replace(/^[\dIVXLC]+(?:\.\d+)*\.?\s*/, ''));
}

/** True when the question says the heading whole (two words or more) or its first three words or more. */
function saysHeading(question: string, heading: string): boolean {
  const words = heading.split(' ').filter((w) => w.length > 0);
  if (words.length >= 2 && question.includes(` ${words.join(' ')} `)) return true;
  return words.length > 3 && question.includes(` ${words.slice(0, 4).join(' ')} `);
}

/**
 * The section whose heading the question names (an agency of the plan's section V, a group of targets such
 * as "Chính quyền số") or whose number it points at ("mục II.2.2", "điểm 7.12"): among the retrieved hits
 * first, then among all sections of the top document.
 */
export function namedSection(
  intent: QuestionIntent,
  hits: readonly SearchHit[],
  documentChunks: readonly Chunk[] = [],
): SearchHit | null {
  const question = ` ${intent.folded} `;
  const names = (hit: SearchHit) =>
    saysHeading(question, headingWords(hit)) || pointsAtSection(intent.folded, hit.chunk.sectionPath);
  const part = PART_ASKED.find((p) => p.asked.test(intent.folded));
  // "chỉ tiêu an toàn thông tin" names a heading found under both targets and tasks: the kind asked picks.
  const inPart = (hit: SearchHit) => !part || part.heading.test(readQuestion(hit.chunk.sectionPath[0] ?? ''));
  const top = hits[0];
  const all = top ? documentChunks.map((chunk) => ({ ...top, chunk })) : [];
  const named = [...hits.slice(0, 6), ...all].filter(names);
  return named.find(inPart) ?? named[0] ?? null;
}

/** The kind of content a question asks for, and the top-level heading of the plan part that holds it. */
const PART_ASKED: ReadonlyArray<{ asked: RegExp; heading: RegExp }> = [
  { asked: /(?:^| )(?:chi tieu|muc tieu|targets?|goals?)(?= |$)/, heading: /(?:^| )muc tieu(?= |$)/ },
  { asked: /(?:^| )(?:nhiem vu|tasks?|duties)(?= |$)/, heading: /(?:^| )nhiem vu(?= |$)/ },
  { asked: /(?:^| )(?:giai phap|solutions?)(?= |$)/, heading: /(?:^| )giai phap(?= |$)/ },
];

/** Every line of a named section, in order, as units (a list is quoted whole, never one bullet of it). */
export function sectionUnits(hit: SearchHit, documentChunks: readonly Chunk[]): Unit[] {
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
 * The closing parts of an official document: who signed it (the block from "TM." on) or where it was sent
 * ("Nơi nhận"). They answer "ai ký kế hoạch này" and "gửi tới những nơi nào", which no body section holds.
 */
export function closingUnits(intent: QuestionIntent, hit: SearchHit, documentChunks: readonly Chunk[]): Unit[] {
  const signer = SIGNER.test(intent.folded);
  const recipients = RECIPIENTS.test(intent.folded);
  if (!signer && !recipients) return [];
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
