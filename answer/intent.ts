/**
 * What a question asks for: which procedure fields, which kind of number, and which words name the topic.
 * Works on folded text, so "lệ phí bao nhiêu", "le phi bn" and "LỆ PHÍ???" read the same.
 */
import {
  analyseQuery,
  looksEnglish as isEnglish,
  normalizeText,
  vietnameseStretches,
  type ProcedureField,
} from '../knowledge/index.ts';
import { FIELD_CUES, FIGURE_CUES, QUANTITY, w, type WantedFigure } from './field-cues.ts';
import { FACETS } from './parts-facets.ts';
import { readQuestion, STOPWORDS } from './query-text.ts';

export type { WantedFigure } from './field-cues.ts';

export interface QuestionIntent {
  /** Folded, shorthand-expanded question. */
  folded: string;
  /** Procedure fields asked about, in the order they are listed in PROCEDURE_FIELDS. Empty = none named. */
  fields: ProcedureField[];
  wants: WantedFigure;
  /** Asks about a fine ("bị phạt bao nhiêu"), which no procedure field holds. */
  asksPenalty: boolean;
  /** Folded words that are not question words or fillers (field words included): used to weigh evidence. */
  contentTerms: string[];
  /** contentTerms minus the field cues that matched: empty when the question names no topic ("le phi bn"). */
  topicTerms: string[];
  /** The folded question with the field cues cut out (word pairs across a cut are not pairs). */
  topicText: string;
}

const VALIDITY = FACETS.find((f) => f.facet === 'validity')?.asked ?? /$^/;

/** Fines are not fees: no sheet states them, so a question about them must not get the fee field. */
const PENALTY = w(['bi phat', 'muc phat', 'phat bao nhieu', 'phat tien', 'xu phat', 'bi xu ly']);

/** True when the question reads as English (knowledge's reading, shared with search's analyser). */
export function looksEnglish(question: string): boolean {
  return isEnglish(question);
}

/**
 * Reads a question into fields asked, figure wanted and topic words. An English question is read through
 * knowledge's glossary ("fee" → "lệ phí"): its Vietnamese expansion is what the sources can be matched with.
 */
export function readIntent(question: string): QuestionIntent {
  if (looksEnglish(question)) {
    const plan = analyseQuery(question);
    // The glossary's Vietnamese, then the Vietnamese the question says itself ("how to lam tam tru", "căn cước").
    const vietnamese =
      `${plan.expandedText.slice(normalizeText(question).length)} ${vietnameseStretches(question)}`.trim();
    // "How much" asks an amount; the glossary gives "lệ phí", which alone names the field, not the figure.
    if (vietnamese.length > 0) {
      const read = readVietnamese(vietnamese);
      return read.wants === null && /\bhow much\b/i.test(question) ? { ...read, wants: 'money' } : read;
    }
  }
  return readVietnamese(question);
}

/**
 * "Hồ sơ" is the papers to prepare only when asked as such ("hồ sơ gồm", "cần hồ sơ gì", "làm hồ sơ"); said with
 * tracking, sending or result words ("theo dõi hồ sơ", "hồ sơ tới đâu", "zalo báo hồ sơ", "gửi hồ sơ qua bưu
 * điện", "nộp online xong") it is the application itself, and asks no documents list.
 */
const PREPARES_FILE = w([
  'ho so gom',
  'ho so can',
  'ho so gi',
  'ho so nhung gi',
  'ho so nhu the nao',
  'ho so ra sao',
  'can ho so',
  'can nhung ho so',
  'lam ho so',
  'chuan bi ho so',
  'mang ho so',
  'bo ho so',
  'thanh phan ho so',
  'ho so xin',
  'ho so de',
]);
const TRACKS_FILE = w([
  'theo doi',
  'tra cuu',
  'toi dau',
  'den dau',
  'toi buoc nao',
  'buoc nao',
  'xem o dau',
  'trang thai',
  'thong bao',
  'bao tin',
  'tin nhan',
  'zalo',
  'gui ho so',
  'gui',
  'nhan ket qua',
  'tra ket qua',
  'buu dien',
  'buu chinh',
  'xong',
  'duyet chua',
  'da nop',
]);
/** Where to look an application up ("xem ở đâu", "tra cứu ở đâu") is not where to file it. */
const LOOKUP_WHERE = /(^| )(xem|tra cuu|theo doi|kiem tra) (?:o dau|cho nao)(?= |$)/g;

function caseFileRead(folded: string): string {
  if (!TRACKS_FILE.test(folded) || PREPARES_FILE.test(folded)) return folded;
  return folded
    .replace(LOOKUP_WHERE, '$1$2')
    .replace(/(^| )ho so(?= |$)/g, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function readVietnamese(question: string): QuestionIntent {
  const folded = readQuestion(question);
  const asked = new Set<ProcedureField>();
  // "nộp hồ sơ ở đâu" asks where to file, not which papers: "hồ sơ" after "nộp" is not a documents cue.
  // "hợp đồng không (xác định) thời hạn" is the kind of a labour contract, not the time the office takes.
  const cueText = caseFileRead(folded)
    .replace(/(^| )nop ho so(?= |$)/g, '$1nop')
    .replace(/(^| )(hop dong (?:khong |co )?(?:xac dinh )?)thoi han(?= |$)/g, '$1$2ky han');
  let rest = ` ${cueText} `;
  for (const { fields, cue } of FIELD_CUES) {
    if (!cue.test(cueText)) continue;
    fields.forEach((f) => asked.add(f));
    rest = rest.replace(new RegExp(cue.source, 'g'), ' ');
  }
  const quantity = QUANTITY.test(folded);
  const wants = FIGURE_CUES.find((c) => c.cue.test(folded) && (quantity || !c.needsQuantity))?.wants ?? null;
  const keep = (t: string) => t.length > 0 && !STOPWORDS.has(t);
  const asksPenalty = PENALTY.test(folded);
  // A fine is not a fee: "bị phạt bao nhiêu tiền" asks no fee unless the fee is named ("lệ phí").
  if (asksPenalty && !/(?:^| )(?:le phi|phi)(?= |$)/.test(folded)) asked.delete('fee');
  // "xài được bao lâu" asks how long a paper stays valid, not how long the office takes to issue it.
  if (VALIDITY.test(folded) && !/(?:^| )(?:giai quyet|co ket qua|nhan ket qua|tra ket qua)(?= |$)/.test(folded))
    asked.delete('timeLimit');
  return {
    folded,
    fields: [...asked],
    wants,
    asksPenalty,
    contentTerms: folded.split(' ').filter(keep),
    topicTerms: rest.split(' ').filter(keep),
    topicText: rest.replace(/\s+/g, ' ').trim(),
  };
}

/** Words that ask about a plan's content rather than name a topic. */
const PLAN_ASKS = w(['muc tieu', 'chi tieu', 'nhiem vu', 'giai phap', 'ke hoach']);

/**
 * The words with which a question asks (field cues such as "lệ phí", "bao lâu"; figure cues such as "bao
 * nhiêu %"; plan cues such as "mục tiêu"), in question order: what an elliptical follow-up carries over.
 */
export function askingWords(question: string): string[] {
  // An English question asks in the glossary's Vietnamese ("fee" → "lệ phí").
  const folded = readIntent(question).folded;
  const found: Array<{ at: number; text: string }> = [];
  const cues = [
    ...FIELD_CUES.map((c) => c.cue),
    ...FIGURE_CUES.filter((c) => !c.needsQuantity).map((c) => c.cue),
    PLAN_ASKS,
  ];
  for (const cue of cues) {
    for (const m of folded.matchAll(new RegExp(cue.source, 'g'))) found.push({ at: m.index, text: m[0].trim() });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.text))];
}
