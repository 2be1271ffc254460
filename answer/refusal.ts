/**
 * The honest "I don't have that": no guessed fee, date or agency; a hint for asking better; where to ask instead.
 * Two kinds are told apart in the first line: "not in my sources" and "which procedure do you mean?".
 */
import type { Place } from '../knowledge/index.ts';

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
