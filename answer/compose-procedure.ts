/**
 * Answers from a structured procedure sheet: the fields asked about (documents, fee, time limit…), each
 * stated as in force on the day asked, or a compact overview when no field is named.
 */
import {
  PROCEDURE_FIELDS,
  type Chunk,
  type DatedVariant,
  type DocumentMeta,
  type ProcedureField,
} from '../knowledge/index.ts';
import { fieldName } from './citations.ts';
import { splitCases } from './case-lines.ts';
import { asksAhead, feeFocus, focusVariants, generalFirst, withoutRepeats } from './rule-lines.ts';
import { oneLine, stateRule, viDate } from './dated-rules.ts';
import { feeDayFacts } from './fee-day.ts';
import { questionDay } from './question-day.ts';
import { cutAtSentence, type Draft, type DraftFact } from './reply.ts';
import { summaryLead } from './sheet-answer-lines.ts';
import { hasDates } from './sheet-lines.ts';
import { isYesNo } from './yes-no.ts';

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
