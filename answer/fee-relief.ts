/**
 * "Sang tên xe máy bây giờ có được giảm lệ phí trước bạ không" asks whether a fee is lowered or waived: a yes or
 * no, answered by the sheet line that grants it ("Giảm 100% lệ phí trước bạ …", "Miễn lệ phí"), not an amount.
 * intent.ts reads "lệ phí" beside a "how many" look-alike ("xe máy" folds to "mấy") as asking for money, and a
 * sheet whose usual fee states no amount would then be refused as a missing figure although it states the relief.
 */
import { FEE_RELIEF_WORDS } from '../knowledge/index.ts';
import type { QuestionIntent } from './intent.ts';

/** "bao nhiêu" said outright asks the amount, relief or not ("được giảm bao nhiêu"). */
const ASKS_AMOUNT = /(?:^| )bao nhieu(?= |$)/;

/** The intent with no figure wanted when a yes/no question asks only whether the fee is lowered or waived. */
export function withFeeReliefAsked(intent: QuestionIntent, yesNo: boolean): QuestionIntent {
  if (intent.wants !== 'money' || !yesNo || !intent.fields.includes('fee') || ASKS_AMOUNT.test(intent.folded))
    return intent;
  const relief = intent.folded.split(' ').some((w) => FEE_RELIEF_WORDS.has(w));
  return relief ? { ...intent, wants: null } : intent;
}
