/**
 * The service's own fixed replies (everything else comes from answer()). They tell residents they are
 * talking to an automated system (Zalo Bot Platform terms) and always leave a human way out: Tổng đài 1022.
 */

export const WELCOME_REPLY = [
  'Xin chào! Tôi là trợ lý tự động trả lời câu hỏi về thủ tục hành chính và kế hoạch chuyển đổi số của tỉnh Đồng Nai; mỗi câu trả lời đều ghi rõ văn bản và mục được dùng.',
  'Bạn có thể hỏi, ví dụ:\n• Làm căn cước công dân cần giấy tờ gì?\n• Đăng ký khai sinh ở đâu?\n• Kế hoạch 53/KH-UBND về chuyển đổi số có mục tiêu gì?',
  'Gõ "bắt đầu lại" để bắt đầu cuộc trò chuyện mới. Cần người hỗ trợ trực tiếp: gọi Tổng đài 1022.',
].join('\n\n');

export const TEXT_ONLY_REPLY =
  'Xin lỗi, tôi chỉ đọc được câu hỏi gõ bằng chữ (không đọc được hình, ghi âm, liên kết hay danh thiếp). Bạn vui lòng gõ câu hỏi, ví dụ: "làm căn cước cần giấy tờ gì", hoặc gọi Tổng đài 1022 để được hỗ trợ trực tiếp.';

export const RATE_LIMIT_REPLY =
  'Bạn đang gửi tin nhắn nhanh quá, tôi chưa kịp trả lời hết. Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé.';

export const FALLBACK_REPLY =
  'Xin lỗi, hệ thống đang gặp sự cố nên chưa trả lời được câu hỏi này. Bạn vui lòng thử lại sau ít phút hoặc gọi Tổng đài 1022 để được hỗ trợ.';

export const RESET_REPLY = 'Đã bắt đầu lại cuộc trò chuyện. Bạn muốn hỏi về thủ tục nào?';

/**
 * True for "bắt đầu lại" however it is typed ("bat dau lai", "Bắt đầu lại!", "BAT DAU LAI").
 * Only this fixed command is matched here; understanding questions is the analyser's job (knowledge/).
 */
export function isResetCommand(text: string): boolean {
  const folded = text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return folded === 'bat dau lai' || folded === 'bd lai' || folded === 'restart';
}
