/**
 * The honest "I don't have that": no guessed fee, date or agency; a hint for asking better; where to ask instead.
 * Two kinds are told apart in the first line: "not in my sources" and "which procedure do you mean?".
 */
import type { Place, ProcedureField } from '../knowledge/index.ts';
import type { RefusalKind } from './types.ts';

/** Đồng Nai's public-service hotline (facts file §14, U11). */
export const HOTLINE = 'Tổng đài 1022, (0251) 1022';

export type RefusalReason =
  | 'weak-evidence'
  | 'missing-figure'
  | 'missing-field'
  | 'empty-question'
  | 'no-index'
  | 'other-place'
  | 'other-document'
  | 'which-procedure';

/** What we hold, named when a year, document or place is refused. */
export const HOLDINGS_VI =
  'Kế hoạch chuyển đổi số 53/KH-UBND năm 2024 của Đồng Nai và hướng dẫn các thủ tục hành chính (khai sinh, khai tử, kết hôn, căn cước, cư trú, lý lịch tư pháp…)';
const HOLDINGS_EN =
  "Dong Nai's 2024 digital-transformation plan (53/KH-UBND) and guidance on administrative procedures (birth, death and marriage registration, ID cards, residence, criminal records…)";

const HINTS: Record<RefusalReason, string> = {
  'weak-evidence':
    'Bạn thử hỏi lại ngắn gọn, nêu rõ tên thủ tục hoặc nội dung, ví dụ: "đăng ký khai sinh cần giấy tờ gì", "lệ phí làm lại căn cước".',
  'missing-figure':
    'Tài liệu có nhắc đến nội dung này nhưng không nêu con số cụ thể, nên tôi không thể trả lời chính xác.',
  'missing-field': 'Tài liệu về thủ tục này chưa có mục bạn hỏi.',
  'empty-question': 'Bạn hãy gõ câu hỏi, ví dụ: "làm giấy khai sinh cần giấy tờ gì".',
  'no-index': 'Kho tài liệu chưa sẵn sàng, bạn thử lại sau ít phút.',
  'other-place': `Tôi chỉ hỗ trợ Đồng Nai, với nguồn: ${HOLDINGS_VI}.`,
  'other-document': `Tôi chỉ có: ${HOLDINGS_VI}.`,
  'which-procedure': 'Bạn cho biết tên thủ tục, ví dụ: "đăng ký khai sinh", "làm lại căn cước", "đăng ký tạm trú".',
};

const HINTS_EN: Record<RefusalReason, string> = {
  'weak-evidence': `My sources are ${HOLDINGS_EN}.`,
  'missing-figure': 'The source mentions this but gives no figure, so I cannot answer it exactly.',
  'missing-field': 'The source on this procedure does not cover what you asked.',
  'empty-question': 'Please type a question, e.g. "what documents for birth registration".',
  'no-index': 'The sources are not ready yet; please try again in a few minutes.',
  'other-place': `I only cover Dong Nai: ${HOLDINGS_EN}.`,
  'other-document': `I only hold ${HOLDINGS_EN}.`,
  'which-procedure': 'Please name the procedure, e.g. "birth registration", "replace a lost ID card".',
};

export interface RefusalOptions {
  language?: 'vi' | 'en';
  /** The place outside Đồng Nai the question is about, for the scope refusal. */
  place?: Place | null;
}

/** The refusal text for a reason; always names the hotline. The first line says which kind of refusal it is. */
export function refusalText(reason: RefusalReason, opts: RefusalOptions = {}): string {
  const place = opts.place
    ? `${opts.place.name}${opts.place.nowIn !== opts.place.name ? ` (nay thuộc ${opts.place.nowIn})` : ''}`
    : 'địa phương khác';
  if (opts.language === 'en') {
    const first =
      reason === 'which-procedure'
        ? 'Which procedure do you mean?'
        : reason === 'other-document'
          ? 'That document or year is not in my sources.'
          : reason === 'other-place'
            ? `That is not in my sources: I have no documents for ${opts.place?.name ?? 'other provinces'}.`
            : 'Sorry, that is not in my sources.';
    return [first, HINTS_EN[reason], `For help, call the Dong Nai hotline ${HOTLINE}.`].join('\n');
  }
  const first =
    reason === 'which-procedure'
      ? 'Bạn muốn hỏi về thủ tục nào?'
      : reason === 'other-document'
        ? 'Xin lỗi, nguồn của tôi không có văn bản hoặc năm bạn hỏi.'
        : reason === 'other-place'
          ? `Xin lỗi, nguồn của tôi không có thông tin riêng của ${place}.`
          : 'Xin lỗi, nguồn tài liệu của tôi chưa có thông tin này.';
  return [first, HINTS[reason], `Bạn có thể gọi ${HOTLINE} để được hướng dẫn.`].join('\n');
}

/** The kind of refusal a reason is, as the result's `refusalKind` states it. */
export function refusalKindOf(reason: RefusalReason): RefusalKind {
  if (reason === 'other-place' || reason === 'other-document') return 'scope';
  return reason === 'which-procedure' ? 'clarify' : 'not-in-sources';
}

/** How a refusal names an asked field ("Nguồn của tôi chưa xác nhận thời hạn giải quyết của thủ tục …"). */
const FIELD_NAMES: Record<ProcedureField, { vi: string; en: string }> = {
  agency: { vi: 'cơ quan giải quyết', en: 'which office handles it' },
  documents: { vi: 'thành phần hồ sơ', en: 'the documents required' },
  steps: { vi: 'trình tự thực hiện', en: 'the steps' },
  timeLimit: { vi: 'thời hạn giải quyết', en: 'the processing time' },
  fee: { vi: 'mức lệ phí', en: 'the fee' },
  whereToFile: { vi: 'nơi nộp', en: 'where to file' },
  online: { vi: 'cách làm trực tuyến', en: 'how to apply online' },
  conditions: { vi: 'điều kiện', en: 'the conditions' },
  legalBasis: { vi: 'căn cứ pháp lý', en: 'the legal basis' },
  notes: { vi: 'nội dung bạn hỏi', en: 'what you asked' },
  overview: { vi: 'nội dung bạn hỏi', en: 'what you asked' },
};

export const fieldName = (f: ProcedureField, language: 'vi' | 'en') => FIELD_NAMES[f][language];

const list = (items: readonly string[], and: string) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;

/**
 * The first line of a refusal for facts a held sheet does not confirm (`unconfirmed`: it says it does not know)
 * or does not speak of at all (`unheld`: a fine, a support payment, a price…), and, for the latter, a line naming
 * the nearest procedure held (it is not the sheet's matter, so it is not "of" the procedure).
 */
export function notConfirmedLead(
  procedure: string,
  unconfirmed: readonly string[],
  unheld: readonly string[],
  language: 'vi' | 'en' = 'vi',
): { lead: string; note: string | null } {
  if (language === 'en') {
    const note =
      unheld.length === 0
        ? null
        : unconfirmed.length > 0
          ? `Its sheet does not state ${list(unheld, 'or')} either.`
          : `The nearest procedure I hold, "${procedure}", does not state ${list(unheld, 'or')}.`;
    return unconfirmed.length > 0
      ? { lead: `Sorry, my sources do not confirm ${list(unconfirmed, 'or')} for "${procedure}".`, note }
      : { lead: `Sorry, my sources do not cover ${list(unheld, 'or')}.`, note };
  }
  const note =
    unheld.length === 0
      ? null
      : unconfirmed.length > 0
        ? `Tài liệu về thủ tục này cũng không nêu ${list(unheld, 'và')} bạn hỏi.`
        : `Tài liệu gần nhất tôi có là thủ tục ${procedure}; tài liệu này không nêu ${list(unheld, 'và')} bạn hỏi.`;
  return unconfirmed.length > 0
    ? { lead: `Nguồn của tôi chưa xác nhận ${list(unconfirmed, 'và')} của thủ tục ${procedure}.`, note }
    : { lead: `Xin lỗi, nguồn của tôi không có thông tin về ${list(unheld, 'và')}.`, note };
}

/** The closing line of every refusal: where to ask instead. */
export function hotlineLine(language: 'vi' | 'en' = 'vi'): string {
  return language === 'en'
    ? `For help, call the Dong Nai hotline ${HOTLINE}.`
    : `Bạn có thể gọi ${HOTLINE} để được hướng dẫn.`;
}

/**
 * The refusal for a procedure the question names that no source holds (unheld-topic.ts): it says what is not
 * held, what is, and where to ask.
 */
export function unheldTopicText(name: { vi: string; en: string }, language: 'vi' | 'en' = 'vi'): string {
  if (language === 'en')
    return [`Sorry, my sources do not cover ${name.en}.`, HINTS_EN['other-document'], hotlineLine('en')].join('\n');
  return [`Xin lỗi, nguồn của tôi chưa có thông tin về ${name.vi}.`, HINTS['other-document'], hotlineLine('vi')].join(
    '\n',
  );
}
