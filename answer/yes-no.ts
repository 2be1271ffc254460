/**
 * One reading of "does this question ask yes or no". frame.ts's YES_NO finds "có … không" with at most six
 * words between; a question whose "có" is further away ("khai sinh có yếu tố nước ngoài phải lên huyện, giờ còn
 * vậy không") or that has none ("đủ điều kiện … nữa không") still ends as a yes/no one.
 */
import { YES_NO, type QuestionFrame } from './frame.ts';

/**
 * A folded question that ends as a yes/no one: "… nữa không", "… chưa", "… không ạ", or a particle after "rồi",
 * "thật", "phải", "vậy" ("hết thuế khoán rồi hả", "bỏ rồi à").
 */
const ENDS_YES_NO = / (?:(?:khong|ko|k|hok|hong|chua)(?: a| vay| nhi| ha)?|(?:roi|that|phai|vay) (?:ha|a|ho))$/;

/** True when a folded text asks yes or no: a "có … không" frame.ts reads, or a yes/no ending. */
export function isYesNo(folded: string): boolean {
  return YES_NO.test(folded) || ENDS_YES_NO.test(` ${folded.trim()}`);
}

/** True when the question of a frame asks yes or no (see isYesNo). */
export function asksYesNo(frame: QuestionFrame): boolean {
  return frame.yesNo || ENDS_YES_NO.test(` ${frame.intent.folded.trim()}`);
}
