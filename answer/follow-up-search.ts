/**
 * Search for a turn of a conversation. A follow-up keeps its topic's document; a question naming another
 * document starts afresh (`retrieve`).
 */
import type { DocumentMeta, KnowledgeBase, SearchHit } from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { CASE_PAIRS, namesDocument, namesPlanSection } from './document-choice.ts';
import { lastTopic, topicMentions, withoutMode } from './follow-up.ts';
import { YES_NO } from './frame.ts';
import { askingWords, type QuestionIntent } from './intent.ts';
import { phraseTable } from './named-procedure.ts';
import { readQuestion } from './query-text.ts';
import type { Turn } from './types.ts';

/** What search found, and whether it is the last turn's topic continued. */
export interface Found {
  hits: SearchHit[];
  followUp: boolean;
}

/**
 * Follow-ups keep their topic. A question that asks a field but names no topic ("còn lệ phí thì sao?")
 * continues the last turn's document; so does a short question whose best match is another document it does
 * not name ("bao lâu thì có giấy" must not switch to a sheet that merely says "giấy"). A short question that
 * lands in the same document is a follow-up too (its evidence is the conversation). Anything naming another
 * document starts afresh.
 */
export async function retrieve(
  kb: KnowledgeBase,
  q: string,
  typedWords: number,
  intent: QuestionIntent,
  history: readonly Turn[] | undefined,
  k: number,
): Promise<Found> {
  const topicId = lastTopic(history);
  const topic = topicId ? kb.document(topicId) : undefined;
  const within = async () =>
    kb.search(`${topic?.type === 'procedure' ? topic.title : ''} ${q}`.trim(), {
      k,
      filter: { documentIds: [topic?.id as string] },
    });
  if (topic && intent.topicTerms.length === 0 && intent.fields.length > 0) {
    const hits = await within();
    if (hits.length > 0) return { hits, followUp: true };
  }
  const hits = await kb.search(q, { k });
  const newTop = hits[0]?.document;
  if (!topic || !newTop) return { hits, followUp: false };
  // "có cần giấy xác nhận độc thân không" names another sheet, but the topic's sheet says whether it is
  // needed: the topic holds however long the question is.
  const mentioned =
    topic.type === 'procedure' &&
    newTop.id !== topic.id &&
    topicMentions(
      intent,
      kb.chunksOf(topic.id).map((c) => c.text),
      topic.title,
      YES_NO.test(intent.folded),
    );
  if (mentioned) {
    const kept = await within();
    if (kept.length > 0) return { hits: kept, followUp: true };
  }
  // "làm luôn bảo hiểm y tế với nhập hộ khẩu cho bé được không" after a birth registration: the birth sheet
  // names both procedures itself (it bundles them), so the question asks about the topic however long it is.
  if (topic.type === 'procedure' && newTop.id !== topic.id && namesBundle(kb, topic.id, intent.folded)) {
    const kept = await within();
    if (kept.length > 0) return { hits: kept, followUp: true };
  }
  if (typedWords > FOLLOW_UP_WORDS) return { hits, followUp: false };
  if (newTop.id === topic.id) return { hits: hits.filter((h) => h.document.id === topic.id), followUp: true };
  if (
    namesAnother(kb, newTop, withoutMode(intent)) &&
    !mentioned &&
    !(topic.type === 'plan' && namesPlanSection(kb, topic, intent))
  )
    return { hits, followUp: false };
  const kept = await within();
  return kept.length > 0 ? { hits: kept, followUp: true } : { hits, followUp: false };
}

/**
 * Whether a short question after a topic names `meta` as its new topic. A case pair ("người nước ngoài", which
 * "from Korea" reads as) names no procedure; nor does reaching a sheet named for the field asked ("Nộp hồ sơ và
 * thanh toán phí, lệ phí" for "do I have to pay a fee for that?"): the follow-up asks that field of its topic.
 */
function namesAnother(kb: KnowledgeBase, meta: DocumentMeta, intent: QuestionIntent): boolean {
  const asked = new Set(askingWords(intent.folded).flatMap((w) => [...bigrams(w.split(' '))]));
  const title = bigrams(readQuestion(meta.title).split(' '));
  if ([...title].some((p) => asked.has(p))) return false;
  return namesDocument(kb, meta, intent, CASE_PAIRS);
}

/** True when the question names two or more other procedures whose names the topic's sheet itself uses. */
function namesBundle(kb: KnowledgeBase, topicId: string, folded: string): boolean {
  const { phrasesOf } = phraseTable(kb);
  const sheet = ` ${kb
    .chunksOf(topicId)
    .map((c) => readQuestion(c.text))
    .join(' | ')} `;
  const asked = ` ${folded} `;
  let named = 0;
  for (const [id, phrases] of phrasesOf) {
    if (id === topicId) continue;
    if (phrases.some((p) => asked.includes(p)) && phrases.some((p) => sheet.includes(p))) named++;
  }
  return named >= 2;
}

/** A follow-up is short; a longer question is read on its own. */
const FOLLOW_UP_WORDS = 9;
