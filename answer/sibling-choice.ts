/**
 * Which of two sibling procedures a question is about ("Đăng ký khai sinh" / "Khai sinh cho trẻ có cha hoặc mẹ là
 * người nước ngoài"; "Đăng ký hộ kinh doanh" / "Kê khai thuế hộ kinh doanh"): they share the object the question
 * says, and search ranks them by how many words of a long story each sheet happens to hold. What tells them apart
 * is in their names: how much of each name the question says, the case a name carries, and which is the plain form.
 */
import { catalogueOtherNames, type DocumentMeta, type KnowledgeBase, type SearchHit } from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { casesIn, type QuestionCase } from './frame.ts';
import type { QuestionIntent } from './intent.ts';
import { readQuestion, STOPWORDS } from './query-text.ts';

/** Other procedures looked at beside the top one: the first hits of documents other than the top's. */
export const SIBLING_WINDOW = 5;

/** The procedures in the first hits other than the top one, in rank order, once each. */
export function siblingsOf(hits: readonly SearchHit[]): DocumentMeta[] {
  const top = hits[0]?.document;
  // The hits of one document can fill the first places (the topic step puts them together): look past them.
  const others = hits.filter((h) => h.document.id !== top?.id).slice(0, SIBLING_WINDOW);
  const out = new Map<string, DocumentMeta>();
  for (const h of others) if (h.document.type === 'procedure') out.set(h.document.id, h.document);
  return [...out.values()];
}

/** Action words that open many names and say nothing of which procedure it is ("Đăng ký khai sinh" is "khai sinh"). */
const GENERIC_NAME_WORDS = new Set(['dang', 'ky', 'lam', 'xin', 'thu', 'tuc']);

/** One name of a procedure: its title's parts (split at , ; and brackets) and each "Tên gọi khác", folded. */
interface NamePart {
  words: string[];
  pairs: Set<string>;
  cases: QuestionCase[];
}

/** Words in a name that say it is the variant for a case ("… bị mất", "… người nước ngoài", "khai sinh muộn"). */
const CASE_IN_NAME: ReadonlyArray<{ case: QuestionCase; cue: RegExp }> = [
  { case: 'lost', cue: /(?:^| )(?:bi mat|mat ban chinh|khi mat)(?= |$)/ },
  { case: 'foreigner', cue: /(?:^| )(?:nuoc ngoai|viet kieu)(?= |$)/ },
  { case: 'late', cue: /(?:^| )(?:qua han|tre han|muon)(?= |$)/ },
];

const partsByBase = new WeakMap<object, Map<string, NamePart[]>>();

/** The name parts of a procedure (cached per base). */
export function nameParts(kb: KnowledgeBase, meta: DocumentMeta): NamePart[] {
  let byId = partsByBase.get(kb);
  if (!byId) {
    byId = new Map();
    partsByBase.set(kb, byId);
  }
  const cached = byId.get(meta.id);
  if (cached) return cached;
  const other = catalogueOtherNames(kb.catalogue(), meta.id) ?? '';
  const parts = [...meta.title.split(/[,;()]/), ...other.split(/[;,]/)]
    .map((n) => readQuestion(n))
    .filter((n) => n.length > 0)
    .map((n) => {
      const words = n.split(' ');
      return {
        words,
        pairs: contentPairs(words),
        cases: CASE_IN_NAME.filter((c) => c.cue.test(n)).map((c) => c.case),
      };
    });
  byId.set(meta.id, parts);
  return parts;
}

/** Word pairs of content words (no stopword in them): "khai sinh", "tạm trú", not "có bị", "cho con". */
function contentPairs(words: readonly string[]): Set<string> {
  return new Set([...bigrams([...words])].filter((p) => p.split(' ').every((w) => !STOPWORDS.has(w))));
}

/** Word pairs that name a case or a mode shared by many procedures, never which procedure is asked about. */
const NOT_NAMING = new Set([
  'dang ky',
  'thu tuc',
  'giay to',
  'ho so',
  'nuoc ngoai',
  'nguoi nuoc',
  'qua han',
  'truc tuyen',
]);

/**
 * How well a procedure's names fit the question's case: among the names whose object the question says (a word
 * pair of it), the best one's count of the question's cases it carries, or −1 when every such name carries a
 * case the question does not have ("Khai sinh cho trẻ có cha hoặc mẹ là người nước ngoài" for a Vietnamese
 * couple's child). `null` when the question says none of its names' pairs.
 */
function caseFit(parts: readonly NamePart[], said: ReadonlySet<string>, cases: readonly QuestionCase[]): number | null {
  let best: number | null = null;
  for (const p of parts) {
    if (![...p.pairs].some((pair) => said.has(pair) && !NOT_NAMING.has(pair))) continue;
    const fit = p.cases.some((c) => !cases.includes(c)) ? -1 : p.cases.filter((c) => cases.includes(c)).length;
    best = best === null ? fit : Math.max(best, fit);
  }
  return best;
}

/**
 * The case decides among siblings, both ways: a foreign parent or spouse picks the sheet whose name carries
 * "nước ngoài"; a question without that case does not stay on it when a sibling sharing the object the question
 * names fits without it. The sibling must share that object with the top procedure's names ("tạm trú" in
 * "khai báo tạm trú cho người nước ngoài" and "đăng ký tạm trú").
 */
export function preferCaseFit(
  kb: KnowledgeBase,
  hits: readonly SearchHit[],
  intent: QuestionIntent,
  cases: readonly QuestionCase[] = casesIn(intent.folded),
): SearchHit[] {
  const top = hits[0];
  if (!top || top.document.type !== 'procedure') return [...hits];
  const said = contentPairs(intent.folded.split(' '));
  const topParts = nameParts(kb, top.document);
  const topFit = caseFit(topParts, said, cases);
  if (topFit === null) return [...hits];
  const topSaid = saidPairs(topParts, said);
  let best: { id: string; fit: number } | null = null;
  for (const meta of siblingsOf(hits)) {
    const parts = nameParts(kb, meta);
    // A sibling says every name pair the top's names say ("khai sinh"); "giấy khai sinh" in a question about
    // "cải chính" does not make "Đăng ký khai sinh" a sibling of the correction.
    const own = saidPairs(parts, said);
    const shared = topSaid.size > 0 && [...topSaid].every((p) => own.has(p));
    const fit = shared ? caseFit(parts, said, cases) : null;
    if (fit !== null && fit > topFit && (!best || fit > best.fit)) best = { id: meta.id, fit };
  }
  return best ? first(hits, best.id) : [...hits];
}

/** The word pairs of a procedure's names that the question says, case and mode pairs aside. */
export function saidPairs(parts: readonly NamePart[], said: ReadonlySet<string>): Set<string> {
  return new Set(parts.flatMap((p) => [...p.pairs].filter((pair) => said.has(pair) && !NOT_NAMING.has(pair))));
}

/** Words of the case pairs: a name said only through them ("người nước ngoài") is not named. */
const CASE_WORDS = new Set(['nguoi', 'nuoc', 'ngoai', 'yeu', 'to', 'qua', 'han', 'viet', 'kieu']);

/** True when the question says a word of the procedure's names beyond case words and stopwords. */
export function saysNameWord(parts: readonly NamePart[], folded: string): boolean {
  const words = new Set(folded.split(' ').filter((w) => /^[a-z]/.test(w) && !STOPWORDS.has(w) && !CASE_WORDS.has(w)));
  return parts.some((p) => p.words.some((w) => words.has(w)));
}

/** The content word pairs of a folded question. */
export function questionPairs(folded: string): Set<string> {
  return contentPairs(folded.split(' '));
}

/**
 * Of two siblings whose names the question says equally (the same name words of each: "mấy hộ kinh doanh" says
 * "hộ kinh doanh" of "Đăng ký hộ kinh doanh" and of "Kê khai thuế hộ kinh doanh"), the plain form comes first:
 * the one whose closest name leaves fewer of its own words unsaid ("thuế", "2026" are not asked).
 */
export function preferPlainSibling(kb: KnowledgeBase, hits: readonly SearchHit[], intent: QuestionIntent): SearchHit[] {
  const top = hits[0];
  if (!top || top.document.type !== 'procedure') return [...hits];
  // Numbers are details ("1 người", "2026"), not name words.
  const words = new Set(
    intent.folded.split(' ').filter((w) => /^[a-z]/.test(w) && !STOPWORDS.has(w) && !CASE_WORDS.has(w)),
  );
  const saidOf = (parts: readonly NamePart[]) =>
    [...new Set(parts.flatMap((p) => p.words.filter((w) => words.has(w))))].sort().join(' ');
  const unsaid = (parts: readonly NamePart[]) =>
    Math.min(
      ...parts
        .filter((p) => p.words.some((w) => words.has(w)))
        .map((p) => p.words.filter((w) => !words.has(w) && !STOPWORDS.has(w) && !GENERIC_NAME_WORDS.has(w)).length),
    );
  const topParts = nameParts(kb, top.document);
  const topSaid = saidOf(topParts);
  if (topSaid.split(' ').length < 2) return [...hits];
  const topUnsaid = unsaid(topParts);
  for (const meta of siblingsOf(hits)) {
    const parts = nameParts(kb, meta);
    if (saidOf(parts) === topSaid && unsaid(parts) < topUnsaid) return first(hits, meta.id);
  }
  return [...hits];
}

/** The most words in a row that one of the names and the question share (at least two of them content words). */
function longestRun(parts: readonly NamePart[], question: readonly string[]): number {
  let best = 0;
  for (const p of parts) {
    for (let i = 0; i < question.length; i++) {
      for (let j = 0; j < p.words.length; j++) {
        // Only runs that start where the match starts ("chứng nhận kết hôn" is inside "giấy chứng nhận kết hôn").
        if (i > 0 && j > 0 && question[i - 1] === p.words[j - 1]) continue;
        let n = 0;
        while (question[i + n] === p.words[j + n] && question[i + n] !== undefined) n++;
        const run = question.slice(i, i + n);
        // A paper named with "giấy" ("xuất trình giấy chứng nhận kết hôn") is something to bring, not the topic.
        if (run[0] === 'giay') continue;
        if (n > best && run.filter((w) => !STOPWORDS.has(w) && !/^\d/.test(w)).length >= 2) best = n;
      }
    }
  }
  return best;
}

/**
 * Of siblings whose names the question says about as fully (`cover`: share of a name's words said), the one
 * whose name it says the longest stretch of comes first: "sổ hộ khẩu giấy còn xài được không" says "sổ hộ khẩu"
 * of "thay sổ hộ khẩu" (xác nhận cư trú), only "hộ khẩu" of "làm hộ khẩu" (thường trú).
 */
export function preferLongerName(
  kb: KnowledgeBase,
  hits: readonly SearchHit[],
  intent: QuestionIntent,
  cover: (meta: DocumentMeta) => number,
): SearchHit[] {
  const top = hits[0];
  if (!top || top.document.type !== 'procedure') return [...hits];
  const question = intent.folded.split(' ');
  const topRun = longestRun(nameParts(kb, top.document), question);
  const topCover = cover(top.document);
  let best: { id: string; run: number } | null = null;
  for (const meta of siblingsOf(hits)) {
    const run = longestRun(nameParts(kb, meta), question);
    if (run > topRun && run >= 3 && cover(meta) >= topCover && (!best || run > best.run)) best = { id: meta.id, run };
  }
  return best ? first(hits, best.id) : [...hits];
}

/** The hits of document `id` first, the rest after (stable). */
function first(hits: readonly SearchHit[], id: string): SearchHit[] {
  return [...hits.filter((h) => h.document.id === id), ...hits.filter((h) => h.document.id !== id)];
}
