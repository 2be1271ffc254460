/**
 * Answers from a structured procedure sheet: the fields asked about (documents, fee, time limit…), each
 * stated as in force on the day asked, or a compact overview when no field is named.
 */
import {
  PROCEDURE_FIELDS,
  type Chunk,
  OTHER_NAMES_LABEL,
  otherNamesLine,
  type DatedVariant,
  type DocumentMeta,
  type ProcedureField,
} from '../knowledge/index.ts';
import { fieldName } from './citations.ts';
import { splitCases } from './case-lines.ts';
import { asksAhead, feeFocus, focusVariants, generalFirst, withoutRepeats } from './rule-lines.ts';
import { bigrams } from './compose-passage.ts';
import { oneLine, stateRule, variantsOn, viDate } from './dated-rules.ts';
import type { QuestionIntent } from './intent.ts';
import { foldTokens, readQuestion } from './query-text.ts';
import { feeDayFacts } from './fee-day.ts';
import { questionDay } from './question-day.ts';
import { cutAtSentence, type Draft, type DraftFact } from './reply.ts';
import { isYesNo } from './yes-no.ts';
import { ASKS_NOW, lineFact, sheetLines } from './sheet-lines.ts';

/** Fields shown, in this order, when the question names none ("làm khai sinh"). */
const OVERVIEW_FIELDS: ProcedureField[] = ['agency', 'documents', 'timeLimit', 'fee', 'online'];
/** Each overview line is cut to this length so the whole overview stays compact. */
const OVERVIEW_LINE_CHARS = 230;

export interface ProcedureAnswer {
  draft: Draft;
  /** Fields asked about that the sheet does not have. */
  missing: ProcedureField[];
  /** Fields actually answered. */
  answered: ProcedureField[];
  /** ISO dates on which a rule stated in the reply changes (within the look-ahead window). */
  changeDates: string[];
}

/** The sheet's label, as chunk texts may start with it. */
const labelOf = (f: ProcedureField) => PROCEDURE_FIELDS.find((p) => p.key === f)?.label ?? f;
const order = (f: ProcedureField) => PROCEDURE_FIELDS.findIndex((p) => p.key === f);

/** The procedure's display name: sheet titles are the procedure name ("Đăng ký khai sinh"). */
export function procedureName(meta: DocumentMeta): string {
  return meta.title.replace(/^thủ tục\s+/i, '');
}

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

/** Drafts the answer for `fields` (empty = overview) from the sheet's chunks, as of `asOf`. */
export function draftProcedureAnswer(
  meta: DocumentMeta,
  chunks: readonly Chunk[],
  fields: readonly ProcedureField[],
  asOf: string,
  focus: readonly string[] = [],
  question = '',
): ProcedureAnswer {
  const day = questionDay(question, asOf)?.day ?? asOf; // the day the question means (question-day.ts)
  const ask = { ahead: day !== asOf || asksAhead(question, asOf), question, today: asOf };
  const overview = fields.length === 0;
  const wanted = overview ? OVERVIEW_FIELDS : [...fields].sort((a, b) => order(a) - order(b));
  const facts: DraftFact[] = [];
  const missing: ProcedureField[] = [];
  const answered: ProcedureField[] = [];
  const changeDates = new Set<string>();
  const later: DraftFact[] = [];
  for (const field of wanted) {
    const chunk = chunks.find((c) => c.field === field);
    if (!chunk) {
      // whereToFile rides along with agency; its absence is not worth a line.
      if (!overview && field !== 'whereToFile') missing.push(field);
      continue;
    }
    const fact = fieldFact(meta, chunk, field, day, overview, field === 'fee' ? focus : [], ask);
    fact.changeDates.forEach((d) => changeDates.add(d));
    if (fact.later) later.push(fact.later);
    // Where to file rides along with the agency: beside it, its first sentence says enough on a phone.
    if (field === 'whereToFile' && answered.includes('agency')) fact.fact.text = firstSentenceOf(fact.fact.text);
    facts.push(fact.fact);
    answered.push(field);
  }
  for (const field of missing) {
    facts.push({
      text: `${fieldName(field)}: nguồn của tôi chưa có, bạn hỏi Tổng đài 1022.`,
      sources: [],
    });
  }
  // A yes/no or no-field question ("sổ hộ khẩu giấy còn xài được không", "năm nay hết thuế khoán rồi hả") is
  // often answered by the sheet's summary itself: its sentence that says most of the question leads.
  const summary = overview || isYesNo(question) ? summaryLead(meta, chunks, question, facts) : null;
  if (summary) facts.unshift(summary);
  facts.push(...later);
  if (wanted.includes('fee')) facts.unshift(...feeDayFacts(meta, chunks, question, day, focus));
  const name = procedureName(meta);
  const lead = `Thủ tục ${name}${overview ? ' — tóm tắt' : ''}, áp dụng ngày ${viDate(day)}:`;
  const notes = overview ? ['Hỏi thêm: hồ sơ, lệ phí, thời hạn, nơi nộp, làm trực tuyến.'] : [];
  return { draft: { lead, facts, notes }, missing, answered, changeDates: [...changeDates].sort() };
}

interface FieldFact {
  fact: DraftFact;
  changeDates: string[];
  /** The changes ahead, kept for "xem thêm" (a question about today is answered by the rule in force). */
  later?: DraftFact;
}

function fieldFact(
  meta: DocumentMeta,
  chunk: Chunk,
  field: ProcedureField,
  asOf: string,
  overview: boolean,
  focus: readonly string[],
  ask: { ahead: boolean; question: string; today?: string } = { ahead: false, question: '' },
): FieldFact {
  const label = fieldName(field);
  // An overview line ends at a sentence end (never "…"); a first sentence longer than the mark stays whole.
  const clip = (s: string) =>
    overview && s.length > OVERVIEW_LINE_CHARS ? (cutAtSentence(s, OVERVIEW_LINE_CHARS) ?? firstSentence(s)) : s;
  if (!chunk.variants || chunk.variants.length === 0) {
    const body = stripLabel(chunk.text, labelOf(field));
    if (!overview) return listFact(meta, chunk, label, body, field === 'fee' ? null : ask.question, [body]);
    return {
      fact: { text: clip(`${label}: ${oneLine(body)}`), sources: [{ meta, chunk, used: [body] }] },
      changeDates: [],
    };
  }
  const focused = focusVariants(chunk.variants, focus, field === 'fee' ? ask.question : '', meta.title);
  const rule = stateRule(focused, asOf, ask.today);
  // Cite the whole variant text (a verbatim span of the chunk), even when only some of its lines are shown.
  const used = rule.used.map((v) => chunk.variants?.[focused.indexOf(v)]?.value ?? v.value);
  if (rule.current.length === 0 && rule.upcoming.length === 0) {
    const text = `${label}: nguồn chưa có quy định áp dụng cho ngày ${viDate(asOf)}.`;
    return { fact: { text, sources: [] }, changeDates: [] };
  }
  const changes = withoutRepeats(rule.upcoming, rule.current).map((l) =>
    l.replace(/: Trường hợp khác: /, ': Thông thường: '),
  );
  // The rule in force answers; the changes ahead wait behind "xem thêm", named in its line, unless asked.
  const deferred = !ask.ahead && rule.current.length > 0 && changes.length > 0;
  const shownAhead = rule.upcoming.length > 0 && !deferred;
  const single = rule.now.length === 1 && !shownAhead && rule.now[0]?.condition === null ? rule.now[0] : null;
  const lines = [...generalFirst(rule.current), ...(deferred ? [] : changes)];
  // Only what is shown is cited with the shown line: the changes ahead are cited where "xem thêm" shows them.
  const usedNow = used.filter((_, i) => !deferred || rule.now.includes(rule.used[i] as DatedVariant));
  if (!overview && single) {
    const listed = listFact(meta, chunk, label, single.value, field === 'fee' ? null : ask.question, usedNow);
    return { ...listed, fact: { ...listed.fact, dated: hasDates(chunk) }, changeDates: rule.changeDates };
  }
  const text = overview
    ? clip(`${label}: ${lines.map((l) => l.replace(/[.;]$/, '')).join('. ')}`)
    : `${label}:${lines.length === 1 ? ` ${lines[0]}` : `\n- ${lines.join('\n- ')}`}`;
  const sources = [{ meta, chunk, used: usedNow }];
  const when = rule.changeDates[0] ? viDate(rule.changeDates[0]) : '';
  const later: DraftFact | undefined = deferred
    ? {
        text: changes.join('\n'),
        sources: [{ meta, chunk, used }],
        label,
        later: { teaser: `${shortLabel(label)} đổi từ ${when}` },
      }
    : undefined;
  return {
    fact: { text, sources, dated: hasDates(chunk) },
    changeDates: rule.changeDates,
    ...(later ? { later } : {}),
  };
}

/** True when the chunk's rule changes with the day (a variant with a start or an end). */
const hasDates = (chunk: Chunk) => (chunk.variants ?? []).some((v) => v.validFrom !== null || v.validTo !== null);

/** "Phí, lệ phí" → "lệ phí", "Cơ quan giải quyết" → "cơ quan giải quyết": a label inside a sentence. */
function shortLabel(label: string): string {
  const last = label.split(', ').at(-1) ?? label;
  return last.charAt(0).toLowerCase() + last.slice(1);
}

/** One value on the label's line; several items as a bulleted list under it. */
function asList(items: readonly string[]): string {
  if (items.length <= 1) return ` ${items[0] ?? ''}`;
  return `\n- ${items.join('\n- ')}`;
}

/** A value's items, bullets dropped. */
const itemsOf = (value: string) =>
  value
    .split('\n')
    .map((s) => s.trim().replace(/^[-•+*]\s*/, ''))
    .filter((s) => s.length > 0);

/**
 * "Label: a" or "Label:\n- a\n- b". With a question (null: not for this field), the lines for a case it
 * does not name ("Trẻ sinh ra do mang thai hộ thì …") are kept for "xem thêm", whole, under the label.
 */
function listFact(
  meta: DocumentMeta,
  chunk: Chunk,
  label: string,
  value: string,
  question: string | null,
  used: string[],
): FieldFact {
  const items = itemsOf(value);
  const split = question !== null ? splitCases(items, question) : { shown: items, later: [] };
  if (split.later.length === 0)
    return { fact: { text: `${label}:${asList(items)}`, sources: [{ meta, chunk, used }] }, changeDates: [] };
  const fact = { text: `${label}:${asList(split.shown)}`, sources: [{ meta, chunk, used: [split.shown.join('\n')] }] };
  const later: DraftFact = {
    text: split.later.map((l) => `- ${l}`).join('\n'),
    sources: [{ meta, chunk, used: split.later }],
    label,
    later: { teaser: 'trường hợp riêng' },
  };
  return { fact, changeDates: [], later };
}

/** Chunk texts may start with the field label ("Phí, lệ phí: …"); the reply adds its own. */
function stripLabel(text: string, label: string): string {
  const trimmed = text.trim();
  if (!trimmed.toLowerCase().startsWith(label.toLowerCase())) return trimmed;
  return trimmed.slice(label.length).replace(/^[\s:–—-]+/, '');
}

/** A one-line fact's first sentence ("Nơi nộp, cách nộp: Bộ phận một cửa …."), or the fact as it is. */
function firstSentenceOf(text: string): string {
  if (text.includes('\n')) return text;
  const m = /^.+?\.(?=\s+\p{Lu})/u.exec(text);
  return m && m[0].length >= 40 ? m[0] : text;
}

/** The first sentence of a text (up to ". " or "; "), or the whole text. */
function firstSentence(text: string): string {
  const m = /^.+?[.;](?=\s|$)/.exec(text);
  return (m ? m[0] : text).replace(/;$/, '');
}

export { asksAhead, feeFocus };
