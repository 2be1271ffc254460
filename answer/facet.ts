/**
 * Facets a question asks that are no field of a procedure sheet: a fine ("bị phạt bao nhiêu", "có bị xử lý
 * không"), or a field the chosen sheet lacks. The procedure is held, so a wholesale "not in my sources" would be
 * wrong: the sheet lines that state the fine are quoted when there are some (in the chosen sheet, else in another
 * procedure retrieved for the same question that shares its words), and a missing field is named as not stated,
 * beside what the sheet does say, with the hotline.
 */
import type {
  Chunk,
  DocumentMeta,
  KnowledgeBase,
  MoneyFacetWords,
  ProcedureField,
  SearchHit,
} from '../knowledge/index.ts';
import { foldText, MONEY_FACETS, PROCEDURE_FIELDS } from '../knowledge/index.ts';
import { bigrams, hasWantedFigure } from './compose-passage.ts';
import { variantsOn } from './dated-rules.ts';
import type { QuestionFrame } from './frame.ts';
import type { QuestionIntent } from './intent.ts';
import { sheetLines } from './parts.ts';
import { foldTokens } from './query-text.ts';
import { HOTLINE } from './refusal.ts';
import type { DraftFact } from './reply.ts';
import { AMOUNT, asksAmount, fieldSentences, phrases, type FieldSentence } from './unconfirmed.ts';

/** Folded words that state a sanction. */
const SANCTION = /(?:^| )(?:phat|xu phat|canh cao|xu ly vi pham)(?= |$)/;
/** At most this many sanction lines are quoted. */
const MAX_LINES = 2;

/** The sentences of a chunk, one per line or per ". ". */
function sentences(chunk: Chunk): string[] {
  return chunk.text
    .split(/\n|(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])/u)
    .map((s) => s.replace(/^[-+•]\s*/, '').trim())
    .filter((s) => s.length > 0);
}

/** Sanction lines of one procedure that share a word pair with the question (or any, when it names none). */
function sanctionLines(kb: KnowledgeBase, meta: DocumentMeta, intent: QuestionIntent): DraftFact[] {
  const asked = bigrams(intent.topicText.split(' '));
  const found: Array<{ fact: DraftFact; hits: number }> = [];
  for (const chunk of kb.chunksOf(meta.id)) {
    if (chunk.field === 'overview' && chunk.text.startsWith('Tên gọi khác')) continue;
    for (const line of sentences(chunk)) {
      const folded = foldTokens(line);
      // A question the sheet lists as an everyday name ("khai sinh muộn có bị phạt không?") states nothing.
      if (!SANCTION.test(folded.join(' ')) || /\?$/.test(line)) continue;
      const hits = [...bigrams(folded)].filter((p) => asked.has(p) && !SANCTION.test(p)).length;
      // A fine for something else in the same sheet ("vượt đèn đỏ" beside "không sang tên") is not the one asked.
      if (hits === 0) continue;
      found.push({ fact: { text: `- ${line}`, sources: [{ meta, chunk, used: [line] }] }, hits });
    }
  }
  return found
    .sort((a, b) => b.hits - a.hits)
    .slice(0, MAX_LINES)
    .map((f) => f.fact);
}

/**
 * The sheet lines that state the fine a question asks about: from `meta`, else from the first other procedure
 * among the hits whose lines share a word pair with the question. Empty when no held sheet states one.
 */
export function penaltyFacts(
  kb: KnowledgeBase,
  meta: DocumentMeta,
  intent: QuestionIntent,
  hits: readonly SearchHit[],
): { meta: DocumentMeta; facts: DraftFact[] } | null {
  const own = sanctionLines(kb, meta, intent);
  if (own.length > 0) return { meta, facts: own };
  const asked = bigrams(intent.topicText.split(' '));
  const seen = new Set([meta.id]);
  for (const h of hits) {
    if (h.document.type !== 'procedure' || seen.has(h.document.id)) continue;
    seen.add(h.document.id);
    const facts = sanctionLines(kb, h.document, intent).filter((f) =>
      [...bigrams(foldTokens(f.text))].some((p) => asked.has(p)),
    );
    if (facts.length > 0) return { meta: h.document, facts };
  }
  return null;
}

/** True when the lines state the figure the question wants ("bị phạt bao nhiêu" needs an amount). */
export function statesWantedFigure(facts: readonly DraftFact[], intent: QuestionIntent): boolean {
  const wants = intent.wants ?? (HOW_MUCH.test(intent.folded) ? 'money' : null);
  return wants === null || facts.some((f) => hasWantedFigure(f.text, wants));
}

/** "phạt bao nhiêu", "mức phạt": an amount is asked even without "tiền". */
const HOW_MUCH = /(?:^| )(?:bao nhieu|muc phat|may trieu|nhieu tien|how much)(?= |$)/;

/** "Tài liệu không nêu …" for the fields asked that the sheet lacks, with the hotline. */
export function notStatedLine(missing: readonly ProcedureField[], language: 'vi' | 'en' = 'vi'): string {
  const labels = missing.map((f) => PROCEDURE_FIELDS.find((p) => p.key === f)?.label ?? f);
  return language === 'en'
    ? `The sheet does not state: ${labels.join(', ')}; ask ${HOTLINE}.`
    : `Tài liệu về thủ tục này không nêu ${labels.join(', ').toLowerCase()}; bạn hỏi ${HOTLINE}.`;
}

/** Words that answer "how much" without a figure: the fee is waived. */
const WAIVED = /miễn|không thu|không mất|không phải nộp/i;

/**
 * True when a question asking only how much the fee is meets a sheet whose usual fee in force on `asOf` states
 * no amount and no waiver ("mức thu tại Đồng Nai chưa xác nhận"): the figure is not held, so it is refused as a
 * missing figure, like a plan passage without the figure asked (a waiver for some people only is no usual amount).
 */
export function feeFigureMissing(kb: KnowledgeBase, meta: DocumentMeta, intent: QuestionIntent, asOf: string): boolean {
  const asksAmount = intent.wants === 'money' || HOW_MUCH.test(intent.folded);
  if (!asksAmount || intent.fields.length !== 1 || intent.fields[0] !== 'fee') return false;
  const fee = kb.chunksOf(meta.id).find((c) => c.field === 'fee');
  if (!fee) return false;
  const usual =
    fee.variants && fee.variants.length > 0
      ? variantsOn(fee.variants, asOf)
          .filter((v) => v.condition === null)
          .map((v) => v.value)
      : [fee.text];
  const text = usual.join('\n');
  return !AMOUNT.test(text) && !WAIVED.test(text);
}

/** A sheet sentence saying there is no fine. */
const NO_FINE = /không (?:bị )?(?:phạt|xử phạt)|không còn hình thức/iu;

/** A money matter asked about that no sheet field holds, and what the chosen sheet says of it. */
export interface MoneyFacetReading {
  facet: MoneyFacetWords;
  /** stated: a line states it (with an amount when one is asked); unconfirmed: lines name it, none states the
   * amount (or they say it is not confirmed); unheld: no line of the sheet speaks of it. */
  status: 'stated' | 'unconfirmed' | 'unheld';
  /** The sheet lines that speak of it, for quoting. */
  said: Array<FieldSentence & { chunk: Chunk; meta: DocumentMeta }>;
}

const ASKED = MONEY_FACETS.map((f) => ({
  facet: f,
  asked: phrases(f.asked),
  stated: phrases(f.stated),
  amount: phrases(f.amount),
}));

/** The money matters a question asks about ("tiền phạt", "hỗ trợ tiền", "bao nhiêu một mét vuông"), in list order. */
export function moneyFacetsAsked(question: string, frame: QuestionFrame): MoneyFacetWords[] {
  const texts = [frame.intent.folded, foldText(question)];
  return ASKED.filter((a) => texts.some((t) => a.asked.test(t))).map((a) => a.facet);
}

/**
 * What the sheet `meta` says of a money matter the question asks about. A fine may also be stated by another
 * retrieved sheet sharing the question's words (penaltyFacts). An amount asked ("bao nhiêu", "mức phạt") needs
 * a line stating one that is no unconfirmed or replaced rule.
 */
export function readMoneyFacet(
  kb: KnowledgeBase,
  meta: DocumentMeta,
  facet: MoneyFacetWords,
  question: string,
  frame: QuestionFrame,
  asOf: string,
  hits: readonly SearchHit[],
): MoneyFacetReading {
  const cue = ASKED.find((a) => a.facet === facet) as (typeof ASKED)[number];
  const said: MoneyFacetReading['said'] = [];
  // Each quoted sheet line is its own line, whatever chunk it comes from.
  const add = (chunk: Chunk, from: DocumentMeta, text: string) => {
    const line = said.length === 0 ? 0 : (said[said.length - 1] as FieldSentence).line + 1;
    for (const s of fieldSentences(chunk, [text])) said.push({ ...s, line, chunk, meta: from });
  };
  // A sheet whose name says the matter ("Hưởng trợ cấp thất nghiệp") is about it in every line ("Mức hưởng … 60%").
  const about = cue.stated.test(foldTokens(meta.title).join(' '));
  for (const l of sheetLines(kb.chunksOf(meta.id), asOf)) {
    if (l.text === meta.title || l.text.startsWith('Tên gọi khác') || /\?$/.test(l.text)) continue;
    if (about || cue.stated.test(foldTokens(l.text).join(' '))) add(l.chunk, meta, l.text);
  }
  const amount =
    cue.amount.test(frame.intent.folded) ||
    cue.amount.test(foldText(question)) ||
    (frame.intent.wants !== null && frame.intent.wants !== 'duration') ||
    (asksAmount(frame) && !frame.yesNo);
  // "hiện không bị phạt" answers "bị phạt bao nhiêu" too.
  const none = facet.key === 'fine' ? NO_FINE : null;
  const states = (lines: typeof said) =>
    lines.some((s) => s.kind === 'content' && (!amount || AMOUNT.test(s.text) || none?.test(s.text) === true));
  if (states(said)) return { facet, status: 'stated', said };
  // A sheet's fine for something else ("không sang tên" beside "vượt đèn đỏ") is not the one asked: only the
  // lines sharing the question's words count, in this sheet or another one retrieved.
  if (facet.key === 'fine') {
    said.length = 0;
    const found = penaltyFacts(kb, meta, frame.intent, hits);
    for (const f of found?.facts ?? [])
      for (const src of f.sources) for (const u of src.used) add(src.chunk, src.meta, u);
    if (states(said)) return { facet, status: 'stated', said };
  }
  return { facet, status: said.length === 0 ? 'unheld' : 'unconfirmed', said };
}
