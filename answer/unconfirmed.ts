/**
 * Whether a sheet confirms the field a question asks. Sheets say plainly when they do not know a figure
 * ("Thời hạn giải quyết: Chưa xác nhận; hỏi …", "mức cụ thể chưa tìm thấy", "Trước đó là không quá 10 ngày"):
 * a field whose every sentence is unconfirmed, an old rule or advice to ask elsewhere answers nothing, and a
 * question asking only such fields is told so (with what the sheet does say) rather than "answered" by them.
 */
import type { Chunk, DocumentMeta, KnowledgeBase, ProcedureField } from '../knowledge/index.ts';
import {
  ADVICE_OPENERS,
  AMOUNT_ASKED,
  FEE_RELIEF_WORDS,
  OLD_RULE_PHRASES,
  UNCONFIRMED_PHRASES,
} from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { variantsOn } from './dated-rules.ts';
import { casesIn, type QuestionFrame } from './frame.ts';
import { FACETS } from './parts-facets.ts';
import { foldTokens } from './query-text.ts';
import { sheetLines } from './sheet-lines.ts';

/** What one sentence of a sheet does: states something, says it is not known, states a replaced rule, or refers. */
export type SentenceKind = 'content' | 'unconfirmed' | 'old' | 'advice';

export const phrases = (words: readonly string[]) =>
  new RegExp(`(?:^| )(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?= |$)`);
const UNCONFIRMED = phrases(UNCONFIRMED_PHRASES);
const OLD = phrases(OLD_RULE_PHRASES);
const ADVICE = new RegExp(`^(?:${ADVICE_OPENERS.join('|')}) `);
/** "Trước 01/3/2025 …" opening a sentence, or "trước 01/7/2025 là …": a rule that no longer holds. */
const BEFORE_DATE = /^trước (?:ngày )?\d{1,2}\/\d{1,2}\/\d{4}|trước (?:ngày )?\d{1,2}\/\d{1,2}\/\d{4} (?:là|thì)/iu;
/** An amount of money or a percentage. */
export const AMOUNT = /\d[\d.,]*\s?(?:tỷ|triệu|nghìn|ngàn|đồng|vnđ|đ)(?!\p{L})|\d+(?:[.,]\d+)?\s?%/iu;
/** A span of time, or "the same day": what answers "bao lâu" ("kết quả báo qua SMS" does not). */
export const DURATION =
  /\d+\s?(?:ngày|giờ|tuần|tháng|năm|phút)(?!\p{L})|(?:ngày|tháng)(?: làm việc)? thứ \d+|trong ngày|ngay khi|ngay sau|ngay trong|ngay lập tức|trả ngay|giải quyết ngay/iu;
/** A fee line that answers "how much" without a figure: it is waived. */
const WAIVED = /miễn|không thu|không mất|không phải nộp/i;
const HOW_MUCH = phrases(AMOUNT_ASKED);
const WHEN = FACETS.find((f) => f.facet === 'when')?.asked ?? /$^/;
/** Which charges, not how much ("những khoản phí gì", "phí gì"). */
const WHICH = phrases(['nhung khoan', 'khoan nao', 'khoan gi', 'phi gi', 'nhung loai', 'gom nhung']);

/**
 * "Nguồn đã kiểm tra không nêu lệ phí": the sheet says its sources are silent, which is not knowing the figure.
 * (A request stands to add "khong neu" to knowledge's UNCONFIRMED_PHRASES; the source is named so that "không nêu"
 * in a rule — "giấy tờ không nêu tên" — stays content.)
 */
const SOURCES_SILENT = /(?:^| )nguon (?:\S+ ){0,3}(?:khong|chua) neu(?= |$)/;

export function sentenceKind(sentence: string): SentenceKind {
  const folded = foldTokens(sentence).join(' ');
  if (UNCONFIRMED.test(folded) || SOURCES_SILENT.test(folded)) return 'unconfirmed';
  if (OLD.test(folded) || BEFORE_DATE.test(sentence.trim())) return 'old';
  if (ADVICE.test(folded)) return 'advice';
  return 'content';
}

/** A sentence of a field in force on the day asked, verbatim in its chunk. */
export interface FieldSentence {
  text: string;
  kind: SentenceKind;
  /** Index of the sheet line (bullet or variant) it belongs to. */
  line: number;
}

export interface FieldReading {
  field: ProcedureField;
  status: 'confirmed' | 'unconfirmed' | 'absent';
  chunk: Chunk | null;
  /** The sentences that speak to the question (the case it names, when some lines are about it). */
  said: FieldSentence[];
}

/** True when the question asks an amount ("bao nhiêu", or a bare "lệ phí X" that is no yes/no or "which" question). */
export function asksAmount(frame: QuestionFrame): boolean {
  const folded = frame.intent.folded;
  if (frame.intent.wants === 'money' || HOW_MUCH.test(folded)) return true;
  return !frame.yesNo && !WHICH.test(folded);
}

/** A conditional variant applies when the question shares a word pair with its condition and does not deny it. */
function conditionMet(condition: string, frame: QuestionFrame): boolean {
  const asked = bigrams(frame.intent.folded.split(' '));
  const shared = [...bigrams(foldTokens(condition))].filter((p) => asked.has(p));
  return shared.some((p) => !new RegExp(`(?:khong|chua) co ${p.split(' ')[0]}`).test(frame.intent.folded));
}

/** The field's values in force on `asOf`: the general ones, and the conditional ones the question meets. */
function valuesOn(chunk: Chunk, frame: QuestionFrame, asOf: string): string[] {
  if (!chunk.variants || chunk.variants.length === 0) return [chunk.text.replace(/^[^:\n]{2,40}:\s*/, '')];
  const inForce = variantsOn(chunk.variants, asOf);
  return inForce.filter((v) => v.condition === null || conditionMet(v.condition, frame)).map((v) => v.value);
}

/** Sentences of a field's values, each a verbatim span of the chunk, numbered by the line they come from. */
export function fieldSentences(chunk: Chunk, values: readonly string[]): FieldSentence[] {
  const out: FieldSentence[] = [];
  let line = 0;
  for (const raw of values.flatMap((v) => v.split('\n'))) {
    const body = raw.trim().replace(/^[-+•]\s*/, '');
    if (body.length === 0) continue;
    for (const s of body.split(/(?<=[.;])\s+/u)) {
      const text = s.trim();
      if (text.length > 0 && chunk.text.includes(text)) out.push({ text, kind: sentenceKind(text), line });
    }
    line++;
  }
  return out;
}

/**
 * The lines about the case the question names: those sharing a word pair with the question that not every line
 * has (and that is not in the procedure's name). "khai sinh trễ quá hạn thì phí bao nhiêu" reads the "quá hạn"
 * line, not the waiver for registering on time. All lines when none is about it.
 */
function caseLines(sentences: readonly FieldSentence[], meta: DocumentMeta, frame: QuestionFrame): FieldSentence[] {
  const lines = [...new Set(sentences.map((s) => s.line))];
  if (lines.length < 2) return [...sentences];
  // The case said in other words ("trễ hạn" for the sheet's "quá hạn"): the lines that describe the same case.
  const byCase = lines.filter((l) =>
    casesIn(foldTokens(lineText(sentences, l)).join(' ')).some((c) => frame.cases.includes(c)),
  );
  if (byCase.length > 0 && byCase.length < lines.length) return sentences.filter((s) => byCase.includes(s.line));
  const asked = bigrams(frame.intent.topicText.split(' '));
  const name = bigrams(foldTokens(meta.title));
  const pairsOf = new Map(
    lines.map((l) => [
      l,
      new Set(sentences.filter((s) => s.line === l).flatMap((s) => [...bigrams(foldTokens(s.text))])),
    ]),
  );
  const distinctive = [...asked].filter(
    (p) =>
      !name.has(p) &&
      [...pairsOf.values()].some((set) => set.has(p)) &&
      ![...pairsOf.values()].every((set) => set.has(p)),
  );
  const about = lines.filter((l) => distinctive.some((p) => pairsOf.get(l)?.has(p)));
  return about.length > 0 ? sentences.filter((s) => about.includes(s.line)) : [...sentences];
}

/** The sentences of one sheet line, joined again. */
const lineText = (sentences: readonly FieldSentence[], line: number) =>
  sentences
    .filter((s) => s.line === line)
    .map((s) => s.text)
    .join(' ');

/** Whether the sheet confirms `field` for the question on `asOf`. */
export function readField(
  kb: KnowledgeBase,
  meta: DocumentMeta,
  field: ProcedureField,
  frame: QuestionFrame,
  asOf: string,
): FieldReading {
  const chunk = kb.chunksOf(meta.id).find((c) => c.field === field) ?? null;
  if (!chunk) return { field, status: 'absent', chunk, said: [] };
  const said = caseLines(fieldSentences(chunk, valuesOn(chunk, frame, asOf)), meta, frame);
  if (said.length === 0) return { field, status: 'absent', chunk, said };
  // A fee asked as "how much" is answered by an amount or a waiver; "do HĐND quy định" alone says who sets it.
  const amount = field === 'fee' && asksAmount(frame);
  // "bao lâu thì có" is answered by a span of time; "kết quả được báo qua SMS" says how, not how long.
  // A deadline the person has ("hạn chót nộp", "phải nộp trong bao lâu") is often stated outside the field.
  const span = field === 'timeLimit' && frame.intent.wants === 'duration' && !WHEN.test(frame.intent.folded);
  const answers = said.some(
    (s) =>
      s.kind === 'content' &&
      (!amount || AMOUNT.test(s.text) || WAIVED.test(s.text)) &&
      (!span || DURATION.test(s.text)),
  );
  const unknown = said.some((s) => s.kind === 'unconfirmed');
  const elsewhere = !answers && unknown && field === 'fee' && reliefStatedOutside(kb, meta, frame, asOf);
  return { field, status: answers || !unknown || elsewhere ? 'confirmed' : 'unconfirmed', chunk, said };
}

/**
 * "có VNeID mức 2 thì được miễn lệ phí gì không" asks about a waiver, which a sheet may state outside its fee field
 * (a note: "… được miễn một số lệ phí …"): such a line answers it although the fee field does not know the amount.
 */
function reliefStatedOutside(kb: KnowledgeBase, meta: DocumentMeta, frame: QuestionFrame, asOf: string): boolean {
  const relief = (words: readonly string[]) => words.some((w) => FEE_RELIEF_WORDS.has(w));
  if (!relief(frame.intent.folded.split(' '))) return false;
  const outside = kb.chunksOf(meta.id).filter((c) => c.field !== 'fee' && c.field !== 'overview');
  return sheetLines(outside, asOf).some((l) => {
    const words = foldTokens(l.text);
    return relief(words) && words.includes('phi') && sentenceKind(l.text) === 'content';
  });
}
