/**
 * The sheet lines that answer a question beyond its asked fields: lines of other fields sharing a word pair with
 * the question (relatedLines), the summary sentence that says most of a yes/no or no-field question
 * (summaryLead), and, when no pair links them, the line saying most of its rare words (wordLines).
 */
import {
  type Chunk,
  OTHER_NAMES_LABEL,
  otherNamesLine,
  type DocumentMeta,
  type ProcedureField,
} from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { variantsOn } from './dated-rules.ts';
import type { QuestionIntent } from './intent.ts';
import { foldTokens, readQuestion } from './query-text.ts';
import type { DraftFact } from './reply.ts';
import { ASKS_NOW, hasDates, lineFact, sheetLines } from './sheet-lines.ts';

/** At most this many extra lines from other fields ("có giá trị 6 tháng" in the summary). */
const MAX_RELATED = 2;

/**
 * Lines of the sheet outside the fields answered that share a word pair with the question, other than the
 * procedure's own name: "giấy xác nhận độc thân có *giá trị* bao lâu" is answered by the summary, not by
 * the time limit. Only variants in force on `asOf` are read.
 */
export function relatedLines(
  meta: DocumentMeta,
  chunks: readonly Chunk[],
  answered: readonly ProcedureField[],
  intent: QuestionIntent,
  asOf: string,
  ages: readonly number[] = [],
): DraftFact[] {
  // Every name of the procedure counts nothing (every line is about it), lines read as folded words.
  const names = bigrams(foldTokens(`${meta.title}\n${otherNamesLine(chunks) ?? ''}`));
  const first = linesSharing(meta, chunks, answered, intent, asOf, ages, names, foldTokens);
  if (first.length > 0) return first;
  // None: lines read as the question is ("CCCD cũ" is "căn cước công dân cũ" in both), and another name said on
  // few lines counts: "sổ hộ khẩu giấy còn xài được không" is answered by the one line on "sổ hộ khẩu" (an other
  // name of the residence confirmation, "thay sổ hộ khẩu"), not by the overview. The title still counts nothing.
  // An other name the question says whole ("theo dõi hồ sơ qua Zalo") names the procedure, as the title does.
  const asked = ` ${intent.folded} `;
  const otherNames = (otherNamesLine(chunks) ?? '').replace(OTHER_NAMES_LABEL, '').split(/[;,]/);
  const saidWhole = otherNames.filter((n) => lineWords(n).length > 1 && asked.includes(` ${lineWords(n).join(' ')} `));
  const title = bigrams(lineWords([meta.title, ...saidWhole].join(' | ')));
  const other = bigrams(lineWords(otherNames.join(' | ')));
  const sheetLines = chunks.flatMap((c) => (c.field ? c.text.split('\n') : [])).map((l) => bigrams(lineWords(l)));
  const common = (p: string) => sheetLines.filter((l) => l.has(p)).length > MAX_LINES_WITH_NAME;
  const own = new Set([...title, ...[...other].filter(common)]);
  return linesSharing(meta, chunks, answered, intent, asOf, ages, own, lineWords);
}

/** The sheet lines outside `answered` sharing the most question pairs not in `own` (words read by `read`). */
function linesSharing(
  meta: DocumentMeta,
  chunks: readonly Chunk[],
  answered: readonly ProcedureField[],
  intent: QuestionIntent,
  asOf: string,
  ages: readonly number[],
  own: ReadonlySet<string>,
  read: (line: string) => string[],
): DraftFact[] {
  const topic = new Set(intent.topicTerms);
  // "thủ tục X" asks about X: "thủ tục hành chính" or "xem thủ tục …" in a line says nothing of it. Asked
  // itself ("tổng đài hỏi thủ tục hành chính"), "thủ tục hành chính" is a topic like any other.
  const said = intent.topicText.replace(/(^| )thu tuc(?! hanh chinh)(?= |$)/g, ' | ');
  const pairs = [...bigrams(said.split(' '))].filter((p) => !own.has(p) && p.split(' ').some((t) => topic.has(t)));
  if (pairs.length === 0 && ages.length === 0) return [];
  const found: Array<{ line: string; chunk: Chunk; hits: number }> = [];
  for (const chunk of chunks) {
    if (!chunk.field || answered.includes(chunk.field)) continue;
    const values =
      chunk.variants && chunk.variants.length > 0 ? variantsOn(chunk.variants, asOf).map((v) => v.value) : [chunk.text];
    for (const line of values.flatMap((v) => v.split('\n')).map((l) => l.trim())) {
      if (line.length === 0 || line.startsWith(OTHER_NAMES_LABEL) || !chunk.text.includes(line)) continue;
      const have = bigrams(read(line));
      const hits = pairs.filter((p) => have.has(p)).length + agedLine(foldTokens(line).join(' '), ages);
      if (hits > 0) found.push({ line, chunk, hits });
    }
  }
  // "… có đúng không", "giờ còn … không": a rule new this year says since when, under its field's label.
  const asksNow = ASKS_NOW.test(` ${intent.folded} `);
  const dated = asksNow ? sheetLines(chunks, asOf).filter((l) => l.since) : [];
  return found
    .sort((a, b) => b.hits - a.hits)
    .slice(0, MAX_RELATED)
    .map((f) => {
      const bare = f.line.replace(/^[-+•]\s*/, '');
      const recent = dated.find((l) => l.chunk.id === f.chunk.id && l.text === bare);
      if (recent) return { ...lineFact(meta, recent, null, true), dated: true };
      return {
        text: `Lưu ý: ${bare}`,
        sources: [{ meta, chunk: f.chunk, used: [f.line] }],
        dated: hasDates(f.chunk),
      };
    });
}

/** Another name of the procedure said on more of its lines than this says nothing about which line answers. */
const MAX_LINES_WITH_NAME = 2;

/**
 * A sheet line's words as the question's are read (readQuestion: "CCCD cũ" is "căn cước công dân cũ" in both),
 * the "Tên gọi khác" label and list marks aside.
 */
function lineWords(line: string): string[] {
  return readQuestion(line)
    .split(' ')
    .filter((w) => w.length > 0);
}

/** A fact holding this share of a summary sentence's word pairs already says it. */
const REPEATED_SHARE = 0.75;

/** A summary sentence must share this many word pairs with the question to lead the answer. */
const MIN_SUMMARY_PAIRS = 2;

/**
 * The sentence of the sheet's summary ("Tổng quan", title and other names aside) that shares the most word pairs
 * with the question, as a fact, when it shares at least MIN_SUMMARY_PAIRS, scores above the first fact's first
 * line and no field line scores above it; null otherwise (the asked field answers better).
 */
export function summaryLead(
  meta: DocumentMeta,
  chunks: readonly Chunk[],
  question: string,
  facts: readonly DraftFact[],
): DraftFact | null {
  const overview = chunks.find((c) => c.field === 'overview');
  if (!overview || question.length === 0) return null;
  const words = readQuestion(question).split(' ');
  const asked = bigrams(words);
  const numbers = words.filter((w) => /^\d/.test(w));
  // A pair many lines of the sheet say (its own name) weighs less than one only the answer says; a number the
  // question states ("dưới 1 tỷ") weighs a whole pair.
  const sheetLines = chunks.flatMap((c) => (c.field ? c.text.split('\n') : [])).map((l) => bigrams(lineWords(l)));
  const weight = (p: string) => 1 / Math.max(1, sheetLines.filter((l) => l.has(p)).length);
  const said = (text: string) => [...bigrams(lineWords(text))].filter((p) => asked.has(p));
  const shared = (text: string) => said(text).length;
  const score = (text: string) =>
    said(text).reduce((sum, p) => sum + weight(p), 0) + numbers.filter((n) => lineWords(text).includes(n)).length;
  const sentences = overview.text
    .split('\n')
    .slice(1)
    .filter((l) => !l.startsWith(OTHER_NAMES_LABEL))
    .flatMap((l) => l.split(/(?<=[.;])\s+(?=\p{Lu})/u))
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && overview.text.includes(t));
  let best: { text: string; pairs: number; score: number } | null = null;
  for (const text of sentences) {
    const pairs = shared(text);
    if (pairs < MIN_SUMMARY_PAIRS) continue;
    const sentenceScore = score(text);
    if (!best || sentenceScore > best.score) best = { text, pairs, score: sentenceScore };
  }
  const first = (facts[0]?.text ?? '').split('\n')[0] ?? '';
  if (!best || best.score <= score(first)) return null;
  // Only when no line of the sheet's fields answers better ("Không chứng thực giấy tờ do nước ngoài cấp …" for
  // "giấy tờ nước ngoài có sao y được không", where the summary only says the procedure's other names).
  const fieldLines = chunks.filter((c) => c.field && c.field !== 'overview').flatMap((c) => c.text.split('\n'));
  if (fieldLines.some((l) => score(l) > (best?.score ?? 0))) return null;
  // A fact that already says most of it ("Trẻ dưới 6 tuổi được làm trực tuyến liên thông …" in the online field)
  // answers as well and says more: the summary would only repeat it.
  const own = bigrams(lineWords(best.text));
  const repeats = (f: DraftFact) => {
    const have = bigrams(lineWords(f.text));
    return [...own].filter((p) => have.has(p)).length >= own.size * REPEATED_SHARE;
  };
  if (facts.some(repeats)) return null;
  return { text: best.text, sources: [{ meta, chunk: overview, used: [best.text] }] };
}

/** A line must say this many of the question's own rare words to answer a question that names no field. */
const MIN_WORD_HITS = 2;
/** A word in more than this share of all chunks ("đi", "làm", "tiền") says nothing about which line answers. */
const RARE_WORD_SHARE = 0.055;

/**
 * When no word pair links a no-field question to a line (the pairs it says are the sheet's other names, as in
 * "theo dõi hồ sơ qua zalo, quét cái gì"), the line that says the most of its topic words outside the title
 * answers it, if it says at least two of its rare ones: better than an overview that never mentions them.
 * `stats`: word chunk counts of the whole base (evidence.ts's corpusStats).
 */
export function wordLines(
  meta: DocumentMeta,
  chunks: readonly Chunk[],
  intent: QuestionIntent,
  asOf: string,
  stats: { chunks: number; df: ReadonlyMap<string, number> },
): DraftFact[] {
  const title = new Set(foldTokens(meta.title));
  const rare = (t: string) => (stats.df.get(t) ?? 0) <= stats.chunks * RARE_WORD_SHARE;
  const topic = new Set(intent.topicTerms.filter((t) => !title.has(t) && t.length > 1 && rare(t)));
  if (topic.size < MIN_WORD_HITS) return [];
  let best: { line: string; chunk: Chunk; hits: number } | null = null;
  for (const chunk of chunks) {
    if (!chunk.field) continue;
    const values =
      chunk.variants && chunk.variants.length > 0 ? variantsOn(chunk.variants, asOf).map((v) => v.value) : [chunk.text];
    for (const line of values.flatMap((v) => v.split('\n')).map((l) => l.trim())) {
      if (line.length === 0 || line.startsWith(OTHER_NAMES_LABEL) || !chunk.text.includes(line)) continue;
      const have = new Set(foldTokens(line));
      const hits = [...topic].filter((t) => have.has(t)).length;
      if (hits >= MIN_WORD_HITS && (!best || hits > best.hits)) best = { line, chunk, hits };
    }
  }
  if (!best) return [];
  return [
    {
      text: `Lưu ý: ${best.line.replace(/^[-+•]\s*/, '')}`,
      sources: [{ meta, chunk: best.chunk, used: [best.line] }],
      dated: hasDates(best.chunk),
    },
  ];
}

/**
 * 1 when a line states an age bound the person's age meets ("dưới 6 tuổi" for a 4-year-old, "từ đủ 16 tuổi"
 * for a 17-year-old): the age in a story picks the rule that applies to them.
 */
export function agedLine(folded: string, ages: readonly number[]): number {
  for (const m of ` ${folded} `.matchAll(/ (duoi|tu du|du|tren) (\d{1,3}) tuoi /g)) {
    const bound = Number(m[2]);
    if (ages.some((a) => (m[1] === 'duoi' ? a < bound : a >= bound))) return 1;
  }
  return 0;
}
