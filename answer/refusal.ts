/**
 * The honest "I don't have that": no guessed fee, date or agency; a hint for asking better; where to ask instead.
 */

/** Đồng Nai's public-service hotline (facts file §14, U11). */
export const HOTLINE = 'Tổng đài 1022, (0251) 1022';

export type RefusalReason = 'weak-evidence' | 'missing-figure' | 'missing-field' | 'empty-question' | 'no-index';

const HINTS: Record<RefusalReason, string> = {
  'weak-evidence': 'Bạn thử hỏi lại ngắn gọn, nêu rõ tên thủ tục hoặc nội dung, ví dụ: "đăng ký khai sinh cần giấy tờ gì", "lệ phí làm lại căn cước".',
  'missing-figure': 'Tài liệu có nhắc đến nội dung này nhưng không nêu con số cụ thể, nên tôi không thể trả lời chính xác.',
  'missing-field': 'Tài liệu về thủ tục này chưa có mục bạn hỏi.',
  'empty-question': 'Bạn hãy gõ câu hỏi, ví dụ: "làm giấy khai sinh cần giấy tờ gì".',
  'no-index': 'Kho tài liệu chưa sẵn sàng, bạn thử lại sau ít phút.',
};

/** The refusal text for a reason; always names the hotline. */
export function refusalText(reason: RefusalReason): string {
  return [
    'Xin lỗi, nguồn tài liệu của tôi chưa có thông tin này.',
    HINTS[reason],
    `Bạn có thể gọi ${HOTLINE} để được hướng dẫn.`,
  ].join('\n');
}
