/**
 * A yes/no question ("đã đủ điều kiện hưởng lương hưu thì có được lãnh trợ cấp thất nghiệp nữa không") is
 * answered by one line of a field, not by the whole field: the line that supports the answer stays first, and
 * the field's other items wait, whole and cited, behind "xem thêm" ("Còn 3 mục (điều kiện khác)"). A question
 * that asks for a list ("cần giấy tờ gì"), several fields or several things at once keeps every item.
 */
import { lineScore } from './best-line.ts';
import type { QuestionFrame } from './frame.ts';
import { questionParts } from './parts.ts';
import { foldTokens } from './query-text.ts';
import type { Draft, DraftFact } from './reply.ts';
import { asksYesNo } from './yes-no.ts';

/** Folded words with which a question asks for a list or a choice, not a yes or a no. */
const ASKS_LIST = / (?:gi|nhung|nao|bao nhieu|may|cac|the nao|sao) /;

/** A field's first line: "[Không. ]Điều kiện: …" or "Điều kiện:" over its items. 1: yes/no word, 2: label, 3: text. */
const LABELLED = /^((?:Có|Không|Được|Chưa)\. )?([^:\n]{2,40}):(?:\s+(\S.*))?$/u;

/** True when the question asks one yes/no thing about at most one field. */
export function asksOneThing(frame: QuestionFrame): boolean {
  if (frame.language !== 'vi' || frame.intent.fields.length > 1) return false;
  const folded = ` ${frame.intent.folded}`;
  if (!asksYesNo(frame)) return false;
  if (ASKS_LIST.test(`${folded} `)) return false;
  return questionParts(frame).length <= 1;
}

const wordsOf = (text: string) => new Set(foldTokens(text));

/** "Điều kiện" → "điều kiện khác": what the "Còn N mục" line says is waiting. */
const teaserOf = (label: string) => `${label.charAt(0).toLowerCase()}${label.slice(1)} khác`;

/** A field fact read as its label, the line it opens with, and the bulleted items after that line. */
function readField(fact: DraftFact): { word: string; label: string; head: string; items: string[] } | null {
  const lines = fact.text.split('\n');
  const m = LABELLED.exec(lines[0] ?? '');
  if (!m) return null;
  const [word, label] = [m[1] ?? '', m[2] as string];
  // "Điều kiện:" over its items: the first item is the line the answer opens with.
  const head = m[3] ?? lines.splice(1, 1)[0]?.replace(/^-\s*/, '');
  const items = lines.slice(1);
  if (!head || !items.every((l) => l.startsWith('- '))) return null;
  return { word, label, head, items };
}

/**
 * Keeps a yes/no answer to its supporting line. The draft's first line supports the answer when it scores
 * above every other item of its field (the question's case and words, a yes/no word); the other items become
 * a fact kept for later, under the field's label. When a part's line leads on its own (answerParts), the
 * field it comes from, shown again in full after it, waits behind "xem thêm" as a whole.
 */
export function holdBackRest(draft: Draft, frame: QuestionFrame): void {
  // An overview names no field: its first field is not the answer to the question, only the first of several.
  if (!asksOneThing(frame) || draft.lead.includes('— tóm tắt')) return;
  const first = draft.facts[0];
  const field = first && !first.later ? readField(first) : null;
  if (!first || !field) return;
  const { word, label, head, items } = field;
  if (items.length > 0) {
    const best = lineScore(head, frame);
    if (best <= 0 || items.some((l) => lineScore(l, frame) >= best)) return;
    // An item that says a word of the question the first line does not (the procedure's own name aside:
    // "người khuyết tật" in a waiver) may be what the person asks about: it stays shown.
    const said = new Set([...wordsOf(head), ...wordsOf(draft.lead)]);
    const own = (l: string) => frame.intent.topicTerms.some((t) => t.length > 2 && !said.has(t) && wordsOf(l).has(t));
    const later = items.filter((l) => !own(l));
    if (later.length === 0) return;
    first.text = [`${word}${label}: ${head}`, ...items.filter(own)].join('\n');
    draft.facts.push({ text: later.join('\n'), sources: first.sources, label, later: { teaser: teaserOf(label) } });
    return;
  }
  // The leading line is one sentence of a field that follows in full: that field is the rest of its list.
  const chunks = new Set(first.sources.map((s) => s.chunk.id));
  const whole = draft.facts.findIndex(
    (f, i) => i > 0 && !f.later && f.text.includes('\n') && f.sources.some((s) => chunks.has(s.chunk.id)),
  );
  if (whole < 0) return;
  const [rest] = draft.facts.splice(whole, 1) as [DraftFact];
  draft.facts.push({ ...rest, label, later: { teaser: teaserOf(label) } });
}
