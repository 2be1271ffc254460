/**
 * The two extractive composers behind answer(): procedure sheets (field by field, dated rules) and prose
 * sources (quoted sentences with currency notes). Each returns a draft, or the reason to refuse.
 */
import type { DocumentMeta, KnowledgeBase, SearchHit } from '../knowledge/index.ts';
import { draftProcedureAnswer, feeFocus, procedureName } from './compose-procedure.ts';
import { relatedLines, wordLines } from './sheet-answer-lines.ts';
import { viDate } from './dated-rules.ts';
import { closingUnits, hasWantedFigure, namedSection, pickUnits, scoreUnits, sectionUnits } from './compose-passage.ts';
import { checkCurrency } from './currency.ts';
import { feeFigureMissing, notStatedLine, penaltyFacts, statesWantedFigure } from './facet.ts';
import { corpusStats } from './evidence.ts';
import type { QuestionIntent } from './intent.ts';
import type { RefusalReason } from './refusal.ts';
import type { Draft, DraftFact } from './reply.ts';
import type { AnswerMode } from './types.ts';

export interface Composed {
  draft: Draft;
  mode: AnswerMode;
  topicDocumentId: string;
  notices: string[];
}

export type ComposeOutcome = Composed | { refuse: RefusalReason; topicDocumentId: string | null };

/** Answers from the procedure sheet `meta`, for the fields the question asks (all main fields if none). */
export function composeProcedure(
  kb: KnowledgeBase,
  meta: DocumentMeta,
  intent: QuestionIntent,
  asOf: string,
  ages: readonly number[] = [],
  hits: readonly SearchHit[] = [],
  held = false,
): ComposeOutcome {
  // A fine is no field of a sheet: the lines that state one are quoted; none, or no amount for "bao nhiêu", is refused.
  const penalty = intent.asksPenalty ? penaltyFacts(kb, meta, intent, hits) : null;
  if (intent.asksPenalty && intent.fields.length === 0) {
    if (!penalty) return { refuse: 'missing-field', topicDocumentId: meta.id };
    if (!statesWantedFigure(penalty.facts, intent)) return { refuse: 'missing-figure', topicDocumentId: meta.id };
    const lead = `Thủ tục ${procedureName(penalty.meta)}, áp dụng ngày ${viDate(asOf)}:`;
    return {
      draft: { lead, facts: penalty.facts, notes: [] },
      mode: 'procedure',
      topicDocumentId: penalty.meta.id,
      notices: [],
    };
  }
  if (feeFigureMissing(kb, meta, intent, asOf)) return { refuse: 'missing-figure', topicDocumentId: meta.id };
  const chunks = kb.chunksOf(meta.id);
  // A yes/no or specific question naming no field ("bé 8 tuổi có phải đến công an không") is answered by the
  // sheet lines that share its words, not by the overview.
  const paired = relatedLines(meta, chunks, [], intent, asOf, ages);
  const related =
    paired.length > 0 || intent.fields.length > 0 ? paired : wordLines(meta, chunks, intent, asOf, corpusStats(kb));
  if (intent.fields.length === 0 && related.length > 0) {
    const lead = `Thủ tục ${procedureName(meta)}, áp dụng ngày ${viDate(asOf)}:`;
    // A narrow answer stays short: no hint line after it (the overview says what else can be asked).
    const notes: string[] = [];
    return {
      draft: { lead, facts: related.map((f) => ({ ...f, text: f.text.replace(/^Lưu ý: /, '- ') })), notes },
      mode: 'procedure',
      topicDocumentId: meta.id,
      notices: [],
    };
  }
  let result = draftProcedureAnswer(meta, chunks, intent.fields, asOf, feeFocus(intent.folded), intent.folded);
  // The procedure is held but its sheet lacks what was asked: what it does say, and that it does not say that.
  if (result.answered.length === 0) {
    // Only for a procedure the question names: otherwise the missing field is a sign of the wrong sheet.
    if (!held) return { refuse: 'missing-field', topicDocumentId: meta.id };
    result = draftProcedureAnswer(meta, chunks, [], asOf, undefined, intent.folded);
    if (result.answered.length === 0) return { refuse: 'missing-field', topicDocumentId: meta.id };
    result.draft.notes.unshift(notStatedLine(intent.fields));
  }
  if (intent.fields.length > 0)
    result.draft.facts.push(...relatedLines(meta, chunks, result.answered, intent, asOf, ages));
  if (intent.asksPenalty)
    result.draft.facts.push(
      ...(penalty?.facts ?? [{ text: 'Mức phạt: nguồn của tôi chưa có, bạn hỏi Tổng đài 1022.', sources: [] }]),
    );
  const notices = result.changeDates.map((d) => `rule changes on ${d}`);
  if (meta.supersededBy) {
    result.draft.notes.unshift(`Lưu ý: thông tin này đã được thay bằng ${meta.supersededBy}.`);
    notices.push(`superseded source: ${meta.id} → ${meta.supersededBy}`);
  }
  return { draft: result.draft, mode: 'procedure', topicDocumentId: meta.id, notices };
}

/** Quotes the sentences of the top chunks that answer the question, with currency notes per source. */
export function composePassages(
  kb: KnowledgeBase,
  intent: QuestionIntent,
  hits: readonly SearchHit[],
  asOf: string,
): ComposeOutcome {
  const top = hits[0] as SearchHit;
  if (asksOtherYear(intent, top.document)) return { refuse: 'weak-evidence', topicDocumentId: null };
  const named = namedSection(intent, hits, kb.chunksOf(top.document.id));
  const closing = top.document.type === 'plan' ? closingUnits(intent, top, kb.chunksOf(top.document.id)) : [];
  const units =
    closing.length > 0
      ? closing
      : named
        ? sectionUnits(named, kb.chunksOf(named.document.id))
        : pickUnits(scoreUnits(intent, hits));
  if (units.length === 0) return { refuse: 'weak-evidence', topicDocumentId: null };
  // A question asking "how much / what share" is only answered by a passage that states such a figure.
  if (intent.wants !== null && !units.some((u) => hasWantedFigure(u.text, intent.wants))) {
    return { refuse: 'missing-figure', topicDocumentId: top.document.id };
  }
  const facts: DraftFact[] = units.map((u) => ({
    text: `- ${u.text.replace(/^[-+•]\s*/, '').replace(/\s+/g, ' ')}`,
    sources: [{ meta: u.hit.document, chunk: u.hit.chunk, used: [u.text] }],
  }));
  const notes: string[] = [];
  const notices: string[] = [];
  const names: string[] = [];
  const sourceNotes: Record<string, string> = {};
  for (const meta of uniqueDocuments(units.map((u) => u.hit.document))) {
    const quoted = units
      .filter((u) => u.hit.document.id === meta.id)
      .map((u) => u.text)
      .join('\n');
    const check = checkCurrency(meta, quoted, asOf);
    names.push(check.sourceName);
    notes.push(...check.notes);
    notices.push(...check.notices);
    if (check.sourceNote) sourceNotes[meta.id] = check.sourceNote;
  }
  const lead = `Theo ${names.join(' và ')}:`;
  const draft = { lead, facts, notes, sourceNotes };
  return { draft, mode: 'extractive', topicDocumentId: top.document.id, notices };
}

function uniqueDocuments(metas: readonly DocumentMeta[]): DocumentMeta[] {
  const seen = new Map<string, DocumentMeta>();
  for (const m of metas) if (!seen.has(m.id)) seen.set(m.id, m);
  return [...seen.values()];
}

/** "Kế hoạch … năm 2025" asked, but the plan found is the 2024 one: another year's plan is not in the sources. */
function asksOtherYear(intent: QuestionIntent, meta: DocumentMeta): boolean {
  if (meta.type !== 'plan') return false;
  const asked = /(?:^| )ke hoach(?: [a-z]+){0,6}? (20\d\d)(?= |$)/.exec(intent.folded)?.[1];
  const own = /(20\d\d)\s*$/.exec(meta.title)?.[1] ?? meta.issueDate?.slice(0, 4);
  return asked !== undefined && own !== undefined && asked !== own;
}
