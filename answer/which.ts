/**
 * "Which procedure do you mean?" When two or three sibling procedures fit a question equally ("lệ phí giấy
 * phép lái xe": the exchange and the re-issue of a lost licence) and the question says none of the words that
 * tell them apart, the reply asks back, offering them as choices, instead of answering one at random.
 */
import type { DocumentMeta, SearchHit } from '../knowledge/index.ts';
import type { QuestionFrame } from './frame.ts';
import { HOTLINE } from './refusal.ts';
import { readQuestion } from './query-text.ts';

/** A sibling's best hit must score this share of the best hit to fit "equally". */
const CLOSE = 0.8;
/** Words that tell no procedure apart ("đăng ký", "cấp", "thủ tục"): a name differing only by them is the plain one. */
const PLAIN = new Set(['dang', 'ky', 'cap', 'thu', 'tuc', 'lam', 'moi']);

/** A procedure name as folded words, without its parenthesised scope ("(mua xe máy cũ)"). */
const nameWords = (meta: DocumentMeta) =>
  new Set(
    readQuestion(meta.title.replace(/\([^)]*\)/g, ' '))
      .split(' ')
      .filter((w) => w.length > 0),
  );

/**
 * The procedures to offer, or null when the question is not ambiguous: 2–3 procedures among the hits,
 * scoring close to the top, sharing the words the question says, none of whose own words the question says,
 * and none of which is the plain form of the others (then that one is meant: "khai sinh" is "Đăng ký khai sinh").
 * A case in the question (lost, exchange, late…) already picks among siblings, so it is never ambiguous.
 */
export function procedureChoices(hits: readonly SearchHit[], frame: QuestionFrame): DocumentMeta[] | null {
  const top = hits[0];
  // English questions are read through the glossary, which drops words it has no entry for ("renewal"): what
  // tells siblings apart may be among them, so they are never asked back.
  if (!top || top.document.type !== 'procedure' || frame.cases.length > 0 || frame.language === 'en') return null;
  // Each document's best hit, in the order the hits put them (the topic first), against the best hit of all.
  const best = Math.max(...hits.map((h) => h.score));
  const candidates: DocumentMeta[] = [];
  for (const h of hits) {
    if (h.document.type !== 'procedure' || candidates.some((c) => c.id === h.document.id)) continue;
    const own = Math.max(...hits.filter((x) => x.document.id === h.document.id).map((x) => x.score));
    if (own >= best * CLOSE) candidates.push(h.document);
  }
  if (candidates.length < 2 || candidates.length > 3) return null;
  const asked = new Set(frame.intent.folded.split(' '));
  const names = candidates.map(nameWords);
  const common = [...(names[0] as Set<string>)].filter((w) => names.every((n) => n.has(w)));
  if (common.filter((w) => asked.has(w)).length < 2) return null;
  for (const n of names) {
    const own = [...n].filter((w) => !common.includes(w));
    if (own.length === 0 || own.every((w) => PLAIN.has(w)) || own.some((w) => asked.has(w))) return null;
  }
  return candidates;
}

/** The ask-back reply: the choices by name, how to answer, and the hotline. */
export function choicesText(choices: readonly DocumentMeta[], language: 'vi' | 'en'): string {
  const list = choices.map((c, i) => `${i + 1}. ${c.title}`);
  return language === 'en'
    ? ['Which procedure do you mean?', ...list, 'Please ask again with its name.', `Hotline: ${HOTLINE}.`].join('\n')
    : [
        'Bạn muốn hỏi thủ tục nào?',
        ...list,
        'Bạn hỏi lại kèm tên một thủ tục trên.',
        `Hoặc gọi ${HOTLINE} để được hướng dẫn.`,
      ].join('\n');
}
