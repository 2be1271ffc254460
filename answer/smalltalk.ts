/**
 * Greetings, thanks and "what can you do" get a short friendly reply with example questions, never a search:
 * a search on "chào bạn" would only find noise and then have to refuse.
 */
import { readQuestion } from './query-text.ts';

export type SmalltalkKind = 'greeting' | 'thanks' | 'help' | 'bye';

const PHRASES: Array<{ kind: SmalltalkKind; phrases: string[] }> = [
  {
    kind: 'help',
    phrases: [
      'help',
      'huong dan',
      'tro giup',
      'ban lam duoc gi',
      'ban giup duoc gi',
      'ban biet gi',
      'ban la ai',
      'ban co the lam gi',
      'lam duoc gi',
      'giup duoc gi',
      'menu',
      'bat dau',
      'start',
    ],
  },
  {
    kind: 'thanks',
    phrases: ['cam on', 'cam on nhieu', 'thanks', 'thank you', 'thank', 'tks', 'thx', 'camon', 'ok cam on'],
  },
  { kind: 'bye', phrases: ['tam biet', 'bye', 'bai', 'hen gap lai'] },
  {
    kind: 'greeting',
    phrases: [
      'xin chao',
      'chao',
      'hello',
      'hi',
      'helo',
      'alo',
      'hey',
      'chao buoi sang',
      'chao buoi toi',
      'chao buoi chieu',
    ],
  },
];

/** Words that may surround a greeting without making it a question ("chào ad ạ", "cảm ơn bạn nhiều nhé"). */
const FILLERS = new Set(
  'a ad admin ah anh chi em ban oi nhe nha nhieu lam shop bot tro ly minh toi tui ak a nhe ha hi ok oke vang da co'.split(
    ' ',
  ),
);

/** Recognises a message that is only a greeting, thanks, goodbye or help request. */
export function detectSmalltalk(question: string): SmalltalkKind | null {
  let rest = ` ${readQuestion(question)} `;
  let kind: SmalltalkKind | null = null;
  for (const entry of PHRASES) {
    for (const phrase of [...entry.phrases].sort((a, b) => b.length - a.length)) {
      if (!rest.includes(` ${phrase} `)) continue;
      kind ??= entry.kind;
      rest = rest.split(` ${phrase} `).join(' ');
    }
  }
  if (kind === null) return null;
  const leftover = rest.split(' ').filter((t) => t.length > 0 && !FILLERS.has(t));
  return leftover.length === 0 ? kind : null;
}

const EXAMPLES = [
  'Làm giấy khai sinh cần giấy tờ gì?',
  'Làm lại căn cước bị mất hết bao nhiêu tiền?',
  'Đăng ký tạm trú nộp ở đâu?',
  'Tỷ lệ hồ sơ giải quyết trực tuyến cấp xã năm 2024 là bao nhiêu?',
];

/** The reply for a smalltalk message. Plain text, well under Zalo's limit. */
export function smalltalkReply(kind: SmalltalkKind): string {
  const examples = EXAMPLES.map((q) => `- ${q}`).join('\n');
  const intro: Record<SmalltalkKind, string> = {
    greeting:
      'Chào bạn! Tôi là trợ lý hỏi đáp thủ tục hành chính và chuyển đổi số của Đồng Nai. Mỗi câu trả lời đều ghi rõ nguồn.',
    help: 'Tôi trả lời câu hỏi về thủ tục hành chính (hồ sơ, lệ phí, thời hạn, nơi nộp, làm trực tuyến) và kế hoạch chuyển đổi số của Đồng Nai, có ghi nguồn. Gõ không dấu cũng được.',
    thanks: 'Rất vui được giúp bạn! Bạn cần hỏi thêm gì cứ nhắn nhé.',
    bye: 'Chào bạn, hẹn gặp lại!',
  };
  if (kind === 'bye') return intro.bye;
  return `${intro[kind]}\nBạn có thể hỏi, ví dụ:\n${examples}\nCần hỗ trợ trực tiếp: Tổng đài 1022, (0251) 1022.`;
}
