/**
 * The line that answers, read across a procedure sheet and the guides retrieved beside it. A question about a
 * sheet's topic that no field of the sheet names ("tổng đài có email không", "zalo báo mấy loại thông báo",
 * "hồ sơ nộp online xem ở đâu") used to get the sheet's overview, or its longest field. Here every line of the
 * sheet (in force on the day asked) and every line of each retrieved guide (with its section heading, which
 * names what the section tells: "Theo dõi hồ sơ", "Tổng đài dịch vụ công 1022") is scored on the question's
 * topic words, weighted by how rare they are in the whole base (as the evidence check weighs them):
 * - a guide line that fits better than every sheet line answers: the guide's section is quoted with that line
 *   first (a line ending in ":" keeps the list it opens), cited to the guide;
 * - otherwise, when the question names no field, asks no yes/no and the sheet's answer does not show the best
 *   sheet line at all, that line leads it (under its field's label).
 * Lines that only name the procedure (its title, "Tên gọi khác", the overview's summary) never answer.
 */
import type { Chunk, DocumentMeta, KnowledgeBase, SearchHit } from '../knowledge/index.ts';
import type { Composed, ComposeOutcome } from './compose.ts';
import { bigrams, KEEP_RATIO, splitUnits } from './compose-passage.ts';
import { checkCurrency, DONG_NAI_CITY_FROM } from './currency.ts';
import { corpusStats } from './evidence.ts';
import { YES_NO } from './frame.ts';
import type { QuestionIntent } from './intent.ts';
import { foldTokens } from './query-text.ts';
import type { DraftFact } from './reply.ts';
import { lineFact, sheetLines, type SheetLine } from './sheet-lines.ts';

/** A candidate line with where it comes from and how well it fits the question (0..1). */
export interface FittingLine {
  text: string;
  /** The fit of the line's own words, without its heading (tells apart the lines of one section). */
  own?: number;
  meta: DocumentMeta;
  chunk: Chunk;
  fit: number;
  /** For sheet lines: the line as sheet-lines.ts reads it (for its field label). */
  sheetLine?: SheetLine;
}

/** A best line fitting less than this share of the question's topic says too little to lead. */
const MIN_FIT = 0.34;
/**
 * A heading names the question when it fits at least this well ("Tổng đài dịch vụ công 1022" for "số tổng
 * đài", not "Nộp hồ sơ ở bất kỳ điểm tiếp nhận nào", which shares only "hồ sơ"/"số" with it).
 */
const MIN_NAMED = 0.2;
/** Most lines quoted from a guide's section (the rest of a long section waits for "xem thêm" anyway). */
const MAX_GUIDE_LINES = 12;

/** Weighs the question's topic words (and their pairs) by rarity; scores a line with its heading. */
export function lineFitter(
  kb: KnowledgeBase,
  intent: QuestionIntent,
  words: 'topic' | 'content' = 'topic',
): (text: string, heading?: string) => number {
  const stats = corpusStats(kb);
  const idf = (t: string) => Math.log((stats.chunks + 1) / ((stats.df.get(t) ?? 0) + 0.5));
  // Field words ("hồ sơ", "lệ phí") say what is asked, not about what: they count only where a heading is read.
  const terms = [...new Set(words === 'topic' ? intent.topicTerms : intent.contentTerms)];
  const content = new Set(terms);
  const pairs = [...bigrams(intent.folded.split(' '))].filter((p) => p.split(' ').some((t) => content.has(t)));
  const weight = (ts: readonly string[]) => ts.reduce((s, t) => s + idf(t), 0);
  const termWeight = weight(terms);
  const pairWeight = weight(pairs.flatMap((p) => p.split(' ')));
  return (text, heading = '') => {
    if (termWeight <= 0) return 0;
    const tokens = foldTokens(text);
    const head = foldTokens(heading);
    const words = new Set([...tokens, ...head]);
    const linePairs = new Set([...bigrams(tokens), ...bigrams(head)]);
    const coverage = weight(terms.filter((t) => words.has(t))) / termWeight;
    const pairCoverage =
      pairWeight > 0
        ? weight(pairs.filter((p) => linePairs.has(p)).flatMap((p) => p.split(' '))) / pairWeight
        : coverage;
    return Math.round(((coverage + pairCoverage) / 2) * 1000) / 1000;
  };
}

/** The best guide line, with `named`: how well its section's heading alone fits the question. */
type GuideFit = FittingLine & { named: number };

/** A guide line with its heading and the chunk (section) it is in. */
interface GuideLine {
  text: string;
  chunk: Chunk;
  heading: string;
}

/** A source-list line ("Nguồn: https://…") or a bare address says where a fact is from, not the fact. */
const SOURCE_LINE = /^(?:Nguồn|Căn cứ)\s*:|^\(?nguồn:|^https?:\/\/\S+$/iu;
/** A numbered list item ("1. Đã tiếp nhận") is one line, never split at its number. */
const LIST_ITEM = /^(?:\d+\.|[-+•])\s/u;

/** A guide line as shown: without its trailing "(nguồn: …)" (a verbatim prefix of the line). */
const withoutSourceNote = (text: string) => text.replace(/\s*\(nguồn:[^)]*\)\.?$/iu, '');

/** Every line of a guide's sections with its heading (list items whole, source notes dropped). */
function guideLines(kb: KnowledgeBase, meta: DocumentMeta): GuideLine[] {
  // The text before the first section says what the guide is about (as a sheet's overview does): no answer.
  return kb.chunksOf(meta.id).flatMap((chunk) => {
    if (chunk.sectionPath.length < 2) return [];
    const heading = chunk.sectionPath.at(-1) ?? '';
    return chunk.text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
      .flatMap((l) => (LIST_ITEM.test(l) ? [l] : splitUnits(l)))
      .map(withoutSourceNote)
      .filter((text) => text.length > 0 && !SOURCE_LINE.test(text))
      .map((text) => ({ text, chunk, heading }));
  });
}

/**
 * True when the sheet points at the guide: the guide's title, without its "Hướng dẫn", is said in the sheet
 * (its notes: "Xem thêm bài hướng dẫn "Dịch vụ công trực tuyến ở Đồng Nai""), or the guide's title in the sheet's.
 */
export function isCompanion(kb: KnowledgeBase, sheet: DocumentMeta, guide: DocumentMeta): boolean {
  const title = guideName(guide);
  if (title.split(' ').length < 2) return false;
  const text = ` ${foldTokens([sheet.title, ...kb.chunksOf(sheet.id).map((c) => c.text)].join('\n')).join(' ')} `;
  return text.includes(` ${title} `);
}

/** The sheet's lines that can answer: not its names, its overview summary, or a line pointing at a guide. */
function answeringSheetLines(kb: KnowledgeBase, meta: DocumentMeta, asOf: string): SheetLine[] {
  const guides = kb
    .documents()
    .filter((d) => d.type === 'guide')
    .map((g) => ` ${guideName(g)} `);
  return sheetLines(kb.chunksOf(meta.id), asOf).filter(
    (l) =>
      l.chunk.field &&
      l.chunk.field !== 'overview' &&
      !guides.some((g) => ` ${foldTokens(l.text).join(' ')} `.includes(g)),
  );
}

/** A guide's title as a sheet says it: folded, without its "Hướng dẫn". */
const guideName = (guide: DocumentMeta) =>
  foldTokens(guide.title)
    .join(' ')
    .replace(/^huong dan /, '');

/**
 * The best sheet line and the best line of the guides among the hits, each with its fit (null when none). A
 * sheet on top brings the guides it points at (isCompanion); a guide on top is read alone. A guide line is
 * read with its section's heading, and only under a heading that says enough of the question, field words
 * included (a section is named for what it tells: "Theo dõi hồ sơ").
 */
export function bestLines(
  kb: KnowledgeBase,
  intent: QuestionIntent,
  hits: readonly SearchHit[],
  asOf: string,
): { sheet: FittingLine | null; guide: GuideFit | null } {
  const top = hits[0];
  if (!top || (top.document.type !== 'procedure' && top.document.type !== 'guide')) return { sheet: null, guide: null };
  const fit = lineFitter(kb, intent);
  const names = lineFitter(kb, intent, 'content');
  let sheet: FittingLine | null = null;
  if (top.document.type === 'procedure') {
    for (const line of answeringSheetLines(kb, top.document, asOf)) {
      const f = fit(line.text);
      if (!sheet || f > sheet.fit)
        sheet = { text: line.text, meta: top.document, chunk: line.chunk, fit: f, sheetLine: line };
    }
  }
  const guides =
    top.document.type === 'guide'
      ? [top.document]
      : [
          ...new Map(
            hits
              .filter((h) => h.document.type === 'guide' && isCompanion(kb, top.document, h.document))
              .map((h) => [h.document.id, h.document]),
          ).values(),
        ];
  let guide: GuideFit | null = null;
  // (named: the fit of the line's heading alone)
  for (const meta of guides) {
    for (const line of guideLines(kb, meta)) {
      const named = names(line.heading);
      if (named <= 0) continue;
      const f = fit(line.text, line.heading);
      const own = fit(line.text);
      // The line that fits best with its heading, the heading's own fit added (a section named for what is
      // asked beats a line that merely shares words: "Tổng đài dịch vụ công 1022" for "số tổng đài hỏi thủ tục
      // hành chính", not "hồ sơ thủ tục hành chính được nộp tại bất kỳ …"); among equals the one saying more of
      // the question itself, then the shorter, the more direct answer ("Có 9 loại thông báo:").
      const key = [f + named, own, -line.text.length];
      const held = guide ? [guide.fit + guide.named, guide.own ?? 0, -guide.text.length] : null;
      if (!held || before(key, held)) guide = { text: line.text, meta, chunk: line.chunk, fit: f, own, named };
    }
  }
  return { sheet, guide };
}

/** True when `a` sorts before `b`, comparing element by element, larger first. */
function before(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++)
    if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) > (b[i] as number);
  return false;
}

/**
 * A line of the other document is quoted beside the answering one when it fits at least this share as well:
 * the runner-up rule of plan and guide passages (compose-passage.ts).
 */
const CORROBORATES = KEEP_RATIO;

/**
 * The answer from the line that answers (see the file's comment). Only a question naming no field of the
 * sheet (the sheet answers its fields) is read this way. The guide's section, led by its best line, answers
 * when that line fits at least as well as every sheet line; the sheet's best line, when it fits nearly as
 * well, follows it, so both sources that state the fact are cited. Else the sheet's answer, led by its best
 * line when the answer does not show it. A refusal passes through.
 */
export function answerFromLines(
  kb: KnowledgeBase,
  intent: QuestionIntent,
  hits: readonly SearchHit[],
  asOf: string,
  composed: ComposeOutcome,
): ComposeOutcome {
  if ('refuse' in composed || intent.fields.some((f) => f !== 'online')) return composed;
  const { sheet, guide } = bestLines(kb, intent, hits, asOf);
  if (guide) composed.notices.push(`line fit: sheet ${sheet?.fit ?? '-'}, guide ${guide.fit}`);
  // Where the sheet has a line that answers, the guide takes over only with a section its heading names.
  const sheetAnswers = sheet !== null && sheet.fit >= MIN_FIT;
  const named = guide !== null && (guide.named >= MIN_NAMED || !sheetAnswers);
  if (guide && named && guide.fit >= MIN_FIT && guide.fit >= (sheet?.fit ?? 0)) {
    const answered = guideSection(guide, asOf, kb);
    if (sheet && sheet.fit >= guide.fit * CORROBORATES)
      answered.draft.facts.splice(1, 0, lineFact(sheet.meta, sheet.sheetLine as SheetLine, null, false));
    return answered;
  }
  if (composed.mode !== 'procedure' || !sheet || sheet.fit < MIN_FIT) return composed;
  // A yes/no question is the yes/no readers' (best-line.ts, quantities.ts): they open with the line that says it.
  if (YES_NO.test(intent.folded)) return composed;
  // A line the answer already shows is left where it is (the sheet composer and best-line.ts order the fields).
  if (composed.draft.facts.some((f) => f.text.includes(sheet.text))) return composed;
  composed.draft.facts.unshift(lineFact(sheet.meta, sheet.sheetLine as SheetLine, null, false));
  composed.notices.push(`answering line: ${sheet.chunk.field ?? 'sheet'}`);
  return composed;
}

/** The section of `line` as a passage answer: the line first (with the list it opens), then the rest in order. */
function guideSection(line: FittingLine, asOf: string, kb: KnowledgeBase): Composed {
  const lines = guideLines(kb, line.meta).filter((l) => l.chunk.id === line.chunk.id);
  const at = Math.max(
    0,
    lines.findIndex((l) => l.text === line.text),
  );
  // A line opening a list ("Có 9 loại thông báo:") is one fact with its items; so is every other such line.
  const groups: Array<typeof lines> = [];
  for (const l of lines) {
    const open = groups.at(-1);
    if (open && LIST_ITEM.test(l.text) && /:$/.test(open[0]?.text ?? '')) open.push(l);
    else groups.push([l]);
  }
  const lead = groups.findIndex((g) => g.some((l) => l === lines[at]));
  const leadGroup = groups[lead] ?? [];
  // The best item of a list leads alone ("Gửi email tới …"); its list follows without it.
  const item =
    leadGroup.indexOf(lines[at] as (typeof lines)[number]) > 0 ? (lines[at] as (typeof lines)[number]) : null;
  const ordered = [
    ...(item ? [[item], leadGroup.filter((l) => l !== item)] : [leadGroup]),
    ...groups.slice(lead + 1),
    ...groups.slice(0, lead),
  ].slice(0, MAX_GUIDE_LINES);
  const facts: DraftFact[] = ordered.map(([head, ...items]) => {
    const h = head as (typeof lines)[number];
    const shown = [h.text, ...items.map((l) => `- ${l.text.replace(LIST_ITEM, '')}`)];
    return {
      text: items.length > 0 ? shown.join('\n') : `- ${h.text.replace(LIST_ITEM, '')}`,
      sources: [{ meta: line.meta, chunk: h.chunk, used: [h.text, ...items.map((l) => l.text)] }],
    };
  });
  const check = checkCurrency(
    line.meta,
    ordered
      .flat()
      .map((l) => l.text)
      .join('\n'),
    asOf,
  );
  // A guide written after the city was formed says "tỉnh" only in names ("Cổng hành chính công tỉnh Đồng Nai").
  const notes = (line.meta.issueDate ?? '') >= DONG_NAI_CITY_FROM ? [] : check.notes;
  return {
    draft: {
      lead: `Theo ${check.sourceName}:`,
      facts,
      notes,
      ...(check.sourceNote ? { sourceNotes: { [line.meta.id]: check.sourceNote } } : {}),
    },
    mode: 'extractive',
    topicDocumentId: line.meta.id,
    notices: [...check.notices, `answering line: guide ${line.meta.id}`],
  };
}
