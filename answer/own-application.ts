/**
 * "hồ sơ … của tôi nộp hôm 20/11 mã số 000.26.11.H19 giờ tới đâu rồi" asks where one person's filed application
 * stands: no source can say that, only the portal's "Quản lý hồ sơ" (the online-services sheet says so) or the
 * hotline. A general "tra cứu hồ sơ ở đâu" is a how-to the sheet answers; only a question that points at one
 * filed application (its reference number, or the day it was filed) and asks how far it got is refused.
 */
import { APPLICATION_STATUS_ASKED, ONE_APPLICATION } from '../knowledge/index.ts';
import type { QuestionFrame } from './frame.ts';
import { readQuestion } from './query-text.ts';
import { refusal, type Result } from './results.ts';
import type { RetrievedChunk } from './types.ts';

/** True when the question asks the status of one person's filed application. */
export function asksOwnApplication(question: string): boolean {
  const folded = readQuestion(question);
  return APPLICATION_STATUS_ASKED.test(folded) && ONE_APPLICATION.test(folded);
}

/** The pointer a refused status question gets after the usual refusal. */
const OWN_APPLICATION_HINT =
  'Tôi không tra được hồ sơ của từng người: bạn theo dõi ở mục "Quản lý hồ sơ" trên Cổng Dịch vụ công (hoặc Zalo OA Cổng hành chính công), hoặc gọi Tổng đài 1022.';

/** The refusal of a status question: the usual refusal with the pointer in place of its "ask again" hint. */
export function refuseOwnApplication(retrieved: RetrievedChunk[], frame: QuestionFrame): Result {
  const r = refusal('weak-evidence', retrieved, null, ['own application'], frame);
  // The pointer replaces the "ask again shorter" hint: asking again would not help.
  const [first, , ...rest] = r.answer.split('\n');
  return { ...r, answer: [first, OWN_APPLICATION_HINT, ...rest].join('\n') };
}
