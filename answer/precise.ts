/**
 * Refusing precisely once the sheet is chosen. A held procedure is not an answer to everything asked about it:
 * - every field asked is one the sheet marks as not confirmed ("Thời hạn giải quyết: Chưa xác nhận; hỏi …") →
 *   "Nguồn của tôi chưa xác nhận thời hạn giải quyết của thủ tục X.", what the sheet does say, and the hotline;
 * - the money matter asked (a fine, a support payment, a price per m², a salary, compensation…) is in no line of the
 *   sheet, or only without the amount asked → "not in my sources", naming the nearest sheet;
 * - a paper pointed at but never named ("cái giấy đó làm ở đâu", no earlier turn) → "which procedure?".
 * One part confirmed is enough to answer: the composer quotes the other parts' own "chưa xác nhận".
 */
import type { DocumentMeta, KnowledgeBase, ProcedureField, SearchHit } from '../knowledge/index.ts';
import {
  ASKING_AFTER_POINTED,
  BARE_DEMONSTRATIVES,
  DEMONSTRATIVES,
  foldText,
  hasDiacritics,
  POINTED_NOUNS,
  PROCEDURE_FIELDS,
} from '../knowledge/index.ts';
import { procedureName } from './compose-procedure.ts';
import { nameSharing } from './document-choice.ts';
import { moneyFacetsAsked, readMoneyFacet, type MoneyFacetReading } from './facet.ts';
import type { QuestionFrame } from './frame.ts';
import { fieldName, hotlineLine, notConfirmedLead, refusalKindOf, refusalText } from './refusal.ts';
import { renderDraft, type DraftFact } from './reply.ts';
import type { AnswerResult } from './types.ts';
import { readField, type FieldReading } from './unconfirmed.ts';

export interface PreciseInput {
  /** The question as typed. */
  question: string;
  frame: QuestionFrame;
  /** The document chosen to answer from. */
  meta: DocumentMeta;
  hits: readonly SearchHit[];
  asOf: string;
  /** The question continues the last turn's topic. */
  followUp: boolean;
  /** Earlier turns in the conversation. */
  history: number;
  /** The question names the chosen procedure by a phrase of its names. */
  named: boolean;
}

export type PreciseRefusal = Omit<AnswerResult, 'latencyMs' | 'retrieved'>;

/** At most this many sheet lines are quoted per fact refused. */
const MAX_QUOTED = 3;

/** A refusal for what the chosen sheet does not confirm or state, or for a paper never named; null to answer. */
export function refusePrecisely(kb: KnowledgeBase, input: PreciseInput): PreciseRefusal | null {
  const { frame, meta } = input;
  if (pointsAtUnnamedPaper(kb, input)) {
    return {
      answer: refusalText('which-procedure', { language: frame.language }),
      refused: true,
      refusalKind: 'clarify',
      citations: [],
      topicDocumentId: null,
      mode: 'refusal',
      notices: ['refused: which-procedure', 'paper pointed at, not named'],
    };
  }
  if (meta.type !== 'procedure') return null;
  const facets = moneyFacetsAsked(input.question, frame);
  // "hỗ trợ tiền … bao nhiêu": the money asked is the support, not the procedure's fee, unless a fee is named.
  const saysFee = /(?:^| )(?:le phi|phi)(?= |$)/.test(frame.intent.folded);
  const fields = frame.intent.fields.filter((f) => f !== 'fee' || facets.length === 0 || saysFee);
  if (fields.length === 0 && facets.length === 0) return null;
  const read = fields.map((f) => readField(kb, meta, f, frame, input.asOf));
  const money = facets.map((f) => readMoneyFacet(kb, meta, f, input.question, frame, input.asOf, input.hits));
  if (read.some((r) => r.status === 'confirmed') || money.some((m) => m.status === 'stated')) return null;
  const unconfirmed = read.filter((r) => r.status === 'unconfirmed');
  const missing = money.filter((m) => m.status !== 'stated');
  // Only absent fields: the composer says what the sheet has and which field it does not state.
  if (unconfirmed.length === 0 && missing.length === 0) return null;
  return notConfirmedReply(meta, unconfirmed, missing, frame.language);
}

function notConfirmedReply(
  meta: DocumentMeta,
  fields: readonly FieldReading[],
  money: readonly MoneyFacetReading[],
  language: 'vi' | 'en',
): PreciseRefusal {
  const quoted = money.filter((m) => m.status === 'unconfirmed');
  const unheld = money.filter((m) => m.status === 'unheld');
  const facts: DraftFact[] = [
    ...fields.map((r) => {
      const lines = [...new Set(r.said.map((s) => s.line))].slice(0, MAX_QUOTED);
      const said = r.said.filter((s) => lines.includes(s.line));
      const label = PROCEDURE_FIELDS.find((p) => p.key === r.field)?.label ?? r.field;
      return {
        text: `${label}: ${said.map((s) => s.text).join(' ')}`,
        sources: r.chunk ? [{ meta, chunk: r.chunk, used: said.map((s) => s.text) }] : [],
      };
    }),
    ...quoted.flatMap((m) => quotedLines(m)),
  ];
  const name = procedureName(meta);
  const label = (m: MoneyFacetReading) => (language === 'en' ? m.facet.en : m.facet.vi);
  const { lead, note } = notConfirmedLead(
    name,
    [...fields.map((r) => fieldName(r.field as ProcedureField, language)), ...quoted.map(label)],
    unheld.map(label),
    language,
  );
  const notes = [...(note ? [note] : []), hotlineLine(language)];
  const rendered = renderDraft({ lead, leadFirst: true, facts, notes });
  return {
    answer: rendered.text,
    refused: true,
    refusalKind: refusalKindOf(unheld.length > 0 ? 'missing-field' : 'missing-figure'),
    citations: rendered.citations,
    topicDocumentId: meta.id,
    mode: 'refusal',
    notices: [
      `refused: ${fields.length > 0 || quoted.length > 0 ? 'missing-figure' : 'missing-field'}`,
      ...fields.map((r) => `not confirmed: ${r.field}`),
      ...quoted.map((m) => `not confirmed: ${m.facet.key}`),
      ...unheld.map((m) => `not in the sheet: ${m.facet.key}`),
    ],
  };
}

/** The sheet lines that speak of a money matter, one fact per line (its sentences joined again). */
function quotedLines(m: MoneyFacetReading): DraftFact[] {
  const lines = new Map<string, MoneyFacetReading['said']>();
  for (const s of m.said) {
    const key = `${s.chunk.id}#${s.line}`;
    lines.set(key, [...(lines.get(key) ?? []), s]);
  }
  return [...lines.values()].slice(0, MAX_QUOTED).map((said) => {
    const first = said[0] as MoneyFacetReading['said'][number];
    return {
      text: `- ${said.map((s) => s.text).join(' ')}`,
      sources: [{ meta: first.meta, chunk: first.chunk, used: said.map((s) => s.text) }],
    };
  });
}

/**
 * "cái giấy đó làm ở đâu", "thủ tục này cần gì" with no earlier turn: the paper is pointed at, never named. Typed
 * without accents, "giay do" is read "giấy đó" only before what asks, and only when no held name says it.
 */
function pointsAtUnnamedPaper(kb: KnowledgeBase, input: PreciseInput): boolean {
  if (input.followUp || input.history > 0 || input.named) return false;
  // A question with topic words besides the pointed paper may name its procedure in words routing did not take.
  const pointing = new Set([...POINTED_NOUNS.flatMap((n) => n.split(' ')), ...BARE_DEMONSTRATIVES]);
  if (input.frame.intent.topicTerms.some((t) => !pointing.has(t))) return false;
  const words = input.question
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  const folded = words.map((w) => foldText(w));
  const bare = !hasDiacritics(input.question);
  const names = [...nameSharing(kb).pairsOf.values()];
  for (let i = 0; i < words.length; i++) {
    for (const noun of POINTED_NOUNS) {
      const parts = noun.split(' ');
      if (parts.some((p, j) => folded[i + j] !== p)) continue;
      const at = i + parts.length;
      const next = words[at];
      if (next === undefined) continue;
      if (DEMONSTRATIVES.includes(next)) return true;
      if (!bare || !BARE_DEMONSTRATIVES.includes(next)) continue;
      const after = folded[at + 1];
      if (after !== undefined && !ASKING_AFTER_POINTED.includes(after)) continue;
      const phrase = `${parts[parts.length - 1]} ${next}`;
      if (!names.some((own) => own.has(phrase))) return true;
    }
  }
  return false;
}
