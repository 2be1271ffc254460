/**
 * Scope and frame of a reply: the assistant covers Đồng Nai; a procedure sheet states national rules, so a
 * question about another province gets them with that said (fees are set per province, so not those); a plan
 * or guide is Đồng Nai's own and is not applied elsewhere. English questions get an English frame around the
 * quoted Vietnamese lines. Where to go is stated as it is since 01/7/2025 (no district level).
 */
import type { DocumentMeta } from '../knowledge/index.ts';
import type { Composed } from './compose.ts';
import type { QuestionFrame } from './frame.ts';
import type { QuestionIntent } from './intent.ts';

export type Scope = 'in-scope' | 'national-rule' | 'refuse';

/** Whether a question about `frame.elsewhere` can be answered from `meta`. */
export function scopeOf(frame: QuestionFrame, meta: DocumentMeta, intent: QuestionIntent): Scope {
  if (!frame.elsewhere) return 'in-scope';
  if (meta.type !== 'procedure') return 'refuse';
  // Fees and charges of procedures are set by each province's council: Đồng Nai's do not carry over.
  if (intent.fields.includes('fee') || intent.wants === 'money') return 'refuse';
  return 'national-rule';
}

const COMMUNE_NOTE = 'Từ 01/7/2025 không còn cấp huyện: việc này do UBND cấp xã hoặc Công an cấp xã (xã, phường) nơi bạn ở tiếp nhận.';
const COMMUNE_NOTE_EN = 'Since 01/7/2025 there are no districts: the commune or ward (People’s Committee or police of the commune) handles this.';

/** Adds the scope sentence, the commune note and the English frame to a composed draft, in place. */
export function frameDraft(composed: Composed, frame: QuestionFrame, meta: DocumentMeta): void {
  const draft = composed.draft;
  const english = frame.language === 'en';
  const place = frame.elsewhere;
  if (place && meta.type === 'procedure') {
    const where = place.nowIn !== place.name ? `${place.name} (nay thuộc ${place.nowIn})` : place.name;
    draft.notes.unshift(
      english
        ? `I cover Dong Nai; this procedure follows national rules, so the lines below also apply in ${place.name}. Ask the commune there for local details.`
        : `Tôi hỗ trợ Đồng Nai; thủ tục này theo quy định chung cả nước nên ở ${where} cũng áp dụng như dưới đây. Chi tiết tại địa phương, bạn hỏi UBND hoặc Công an cấp xã nơi đó.`,
    );
    composed.notices.push(`scope: ${place.name} → national rule`);
  }
  const mentionsDistrict = frame.places.some((p) => p.kind === 'former-district');
  const asksWhere = composed.mode === 'procedure' && (frame.intent.fields.includes('agency') || frame.intent.fields.includes('whereToFile'));
  const text = draft.facts.map((f) => f.text).join('\n');
  if ((asksWhere || mentionsDistrict) && /cấp xã|cấp huyện/.test(text) && !/01\/7\/2025/.test(text)) {
    draft.notes.push(english ? COMMUNE_NOTE_EN : COMMUNE_NOTE);
  }
  if (english) {
    draft.lead = englishLead(draft.lead, meta);
    draft.notes.push('The source is in Vietnamese; the lines above are quoted from it as written.');
  }
}

function englishLead(lead: string, meta: DocumentMeta): string {
  if (meta.type === 'procedure') return `From the procedure sheet "${meta.title}" (in Vietnamese):`;
  const number = /\d+\/[A-ZĐ-]+(?:-[A-ZĐ]+)*/.exec(lead)?.[0];
  return number ? `From Dong Nai's plan ${number} (${meta.issueDate?.slice(0, 4) ?? ''}, in Vietnamese):`.replace(' (, ', ' (') : `From ${meta.title} (in Vietnamese):`;
}
