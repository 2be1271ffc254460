/**
 * Facets a question asks that are no field of a procedure sheet: a fine ("bị phạt bao nhiêu", "có bị xử lý
 * không"), or a field the chosen sheet lacks. The procedure is held, so a wholesale "not in my sources" would be
 * wrong: the sheet lines that state the fine are quoted when there are some (in the chosen sheet, else in another
 * procedure retrieved for the same question that shares its words), and a missing field is named as not stated,
 * beside what the sheet does say, with the hotline.
 */
import type { Chunk, DocumentMeta, KnowledgeBase, ProcedureField, SearchHit } from '../knowledge/index.ts';
import { PROCEDURE_FIELDS } from '../knowledge/index.ts';
import { bigrams, hasWantedFigure } from './compose-passage.ts';
import { variantsOn } from './dated-rules.ts';
import type { QuestionIntent } from './intent.ts';
import { foldTokens } from './query-text.ts';
import { HOTLINE } from './refusal.ts';
import type { DraftFact } from './reply.ts';

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

/** An amount of money ("15.000đ/lần", "200.000 đồng", "1,5 triệu"). */
const AMOUNT = /\d[\d.,]*\s?(?:tỷ|triệu|nghìn|ngàn|đồng|vnđ|đ)(?!\p{L})/iu;
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
