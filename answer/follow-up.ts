/**
 * Conversation: what a follow-up means given the turn before it.
 * - "còn xã hội số thì sao?" after "kế hoạch đặt mục tiêu gì về kinh tế số" asks the same thing (targets)
 *   about a new topic: the previous question's asking words (fields, figure, plan cues) are carried over.
 * - "có cần giấy xác nhận độc thân không?" while talking about marriage asks whether the marriage sheet needs
 *   that paper, not about the paper's own procedure: the topic holds when its sheet mentions what is asked.
 */
import { ASKS_NEED, ELLIPTICAL_FOLLOW_UPS, MODE_TAIL } from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { askingWords, readIntent, type QuestionIntent } from './intent.ts';
import { foldTokens, readQuestion } from './query-text.ts';
import type { Turn } from './types.ts';

/** An elliptical follow-up is short. */
const ELLIPTICAL_WORDS = 8;

/** The new topic of an elliptical follow-up, or null when the question is not one. */
export function ellipticalTopic(question: string): string | null {
  const folded = readQuestion(question);
  if (folded.split(' ').length > ELLIPTICAL_WORDS) return null;
  const english = question
    .toLowerCase()
    .replace(/[?!.]+/g, ' ')
    .trim();
  for (const re of ELLIPTICAL_FOLLOW_UPS) {
    const m = re.exec(folded) ?? re.exec(english);
    const topic = m?.[1]?.trim();
    // "còn lệ phí thì sao" asks a field of the same topic: the usual follow-up handles it.
    if (topic && readIntent(topic).fields.length === 0 && readIntent(topic).topicTerms.length > 0) return topic;
  }
  return null;
}

/**
 * The question as the answer path should read it: an elliptical follow-up gets the previous question's
 * asking words ("mục tiêu", "lệ phí", "bao nhiêu %"); any other question is returned as typed.
 */
export function withCarriedAsk(question: string, history: readonly Turn[] | undefined): string {
  if (!history || history.length === 0 || ellipticalTopic(question) === null) return question;
  // "còn sở tt&tt" → "ngân hàng nhà nước thì sao": a chain of elliptical turns asks what the last full one asked.
  for (let i = history.length - 1; i >= 0; i--) {
    const carried = askingWords(history[i]?.question ?? '');
    if (carried.length > 0) return `${question} ${carried.join(' ')}`;
  }
  return question;
}

/**
 * True when a short yes/no "is X needed?" names something the topic's sheet itself mentions (a word pair of
 * the question, not of the topic's own name, is in the sheet's text): the question is about the topic.
 */
export function topicMentions(
  intent: QuestionIntent,
  topicTexts: readonly string[],
  topicName: string,
  yesNo: boolean,
): boolean {
  if (!yesNo || !ASKS_NEED.test(intent.folded)) return false;
  const own = bigrams(foldTokens(topicName));
  const asked = [...bigrams(intent.topicText.split(' '))].filter((p) => !own.has(p));
  if (asked.length === 0) return false;
  const text = bigrams(topicTexts.flatMap((t) => ['|', ...readQuestion(t).split(' ')]));
  return asked.some((p) => text.has(p));
}

/**
 * The question without the way it asks to do something: "làm trên VNeID được không" after a turn about the
 * criminal record sheet asks to do that procedure on VNeID, not about the VNeID account sheet that "VNeID"
 * names. A question naming another procedure before its mode ("làm tài khoản trên VNeID") still names it.
 */
export function withoutMode(intent: QuestionIntent): QuestionIntent {
  const cut = intent.folded.replace(MODE_TAIL, '');
  return cut === intent.folded ? intent : readIntent(cut);
}

/** The document the conversation is about: the latest turn that had one, or null. */
export function lastTopic(history: readonly Turn[] | undefined): string | null {
  if (!history) return null;
  for (let i = history.length - 1; i >= 0; i--) {
    const id = history[i]?.topicDocumentId;
    if (id) return id;
  }
  return null;
}
