/**
 * The parts of a question, and the line of the chosen document that answers each. A person asks "lấy liền
 * trong ngày được không" beside "mỗi trang bao nhiêu", or "giấy này xài được bao lâu", or "có bị phạt không":
 * no field answers those parts, but one line of the sheet does (a note, a condition, a sentence of the time
 * limit). Each part that the draft does not answer yet gets its best supporting line, cited; a part nothing
 * supports is left alone (the composer already names fields the sheet lacks).
 */
import type { Chunk, DocumentMeta } from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { casesIn, type QuestionFrame } from './frame.ts';
import { caseScore, yesNoWord } from './best-line.ts';
import { readIntent, type QuestionIntent } from './intent.ts';
import { foldTokens, readQuestion } from './query-text.ts';
import { ASKS_NOW, lineFact, lineTokens, sheetContext, type SheetContext, type SheetLine } from './sheet-lines.ts';
import type { Draft, DraftFact } from './reply.ts';
import { ageCloseness, ageVerdict, FACETS, unitScore, type Facet } from './parts-facets.ts';
import { askedUnit, boundLine, boundScore, quantityVerdict, statedQuantities } from './quantities.ts';
import { asksYesNo, isYesNo } from './yes-no.ts';

/** A part this short that asks no field or facet ("có thật vậy không?") is about the clauses before it. */
const BARE_WORDS = 5;

/** A question asks at most this many things at once; more clauses are story. */
const MAX_PARTS = 3;

export interface QuestionPart {
  /** The part, folded and shorthand-expanded. */
  text: string;
  /** The clauses before it that ask nothing (the story): they tell the case, not the words to match. */
  context: string;
  intent: QuestionIntent;
  yesNo: boolean;
  facets: Facet[];
}

/**
 * A clause asks something when it has a question word, a field cue or a yes/no ending ("chưa" mid-clause is "not
 * yet"). Folded, "đầu tháng" is "dau thang": "đầu" of a month or year asks nothing.
 */
const ASKS =
  /(?:^| )(?:nao|gi|bao nhieu|bao lau|bao gio|dau(?! thang| nam| tuan)|sao|the nao|may|ai|luc nao|khi nao)(?= |$)|(?:^| )(?:khong|ko|chua|khong a|chua a)$/;

/** Splits the frame's clauses into the parts that ask something; a clause that asks nothing is context. */
export function questionParts(frame: QuestionFrame): QuestionPart[] {
  if (frame.language !== 'vi') return [];
  const clauses = frame.clauses
    .split(' | ')
    .flatMap((c) => (c.split(/ (?:va|con|hay la|roi) (?=\S)/).length > 1 && bothAsk(c) ? splitJoined(c) : [c]));
  const parts: QuestionPart[] = [];
  let context = '';
  for (const c of clauses) {
    if (!clauseAsks(c)) {
      context = `${context} ${c}`.trim();
      continue;
    }
    // "Có thật vậy không?" asks about the clauses before it: with no topic of its own, they are its words.
    const own = readPart(c, context);
    const bare = own.intent.fields.length === 0 && own.facets.length === 0 && c.split(' ').length <= BARE_WORDS;
    parts.push(bare && context ? readPart(`${context} ${c}`, '') : own);
    context = '';
  }
  return parts.slice(0, MAX_PARTS);
}

/** True when a clause asks something: a question word, a field cue or a yes/no ending. */
export function clauseAsks(clause: string): boolean {
  return ASKS.test(clause) || isYesNo(clause) || readIntent(clause).fields.length > 0;
}

/** "…bao nhiêu và có cần … không": both halves must ask for the joined clause to be two parts. */
function bothAsk(clause: string): boolean {
  const halves = splitJoined(clause);
  return halves.length > 1 && halves.every(clauseAsks);
}

function splitJoined(clause: string): string[] {
  return clause.split(/ (?:va|con|hay la|roi) (?=\S)/).filter((h) => h.length > 0);
}

function readPart(text: string, context: string): QuestionPart {
  const folded = readQuestion(text);
  return {
    text: folded,
    context,
    intent: readIntent(text),
    yesNo: isYesNo(folded),
    facets: FACETS.filter((f) => f.asked.test(folded)).map((f) => f.facet),
  };
}

/**
 * How well a sentence answers a part: the part's word pairs and words it shares, weighed by how few of the
 * sheet's lines have them (the procedure's own name counts nothing), the facet asked (a duration for "lúc
 * nào", a validity for "xài được bao lâu"), the part's case, and the person's age against the line's age rules.
 */
export function supportScore(line: string, part: QuestionPart, frame: QuestionFrame, sheet: SheetContext): number {
  const tokens = lineTokens(line);
  const folded = ` ${tokens.join(' ')} `;
  const have = new Set([...tokens, ...bigrams(tokens)]);
  const rarity = (t: string) => Math.log(1 + sheet.lines.length / Math.max(1, sheet.df.get(t) ?? 1));
  // Pairs with a question word ("thân không", "có cần") are no phrase of the topic; "bao" is one only in "bao
  // nhiêu/lâu/giờ" ("báo trước" folds to "bao truoc").
  const asked = part.intent.topicText
    .split(' ')
    .map((t, i, all) =>
      QUESTION_WORDS.has(t) || (t === 'bao' && /^(?:nhieu|lau|gio)$/.test(all[i + 1] ?? '')) ? '|' : t,
    );
  let score = phraseScore(asked, have, sheet, rarity);
  // Single words count only outside the shared phrases (a phrase already counted its words).
  const inPhrase = new Set(asked.flatMap((t, i) => (have.has(`${asked[i - 1]} ${t}`) ? [asked[i - 1], t] : [])));
  const words = new Set(part.intent.topicTerms.filter((t) => t.length > 2 && !sheet.name.has(t) && !inPhrase.has(t)));
  for (const t of words) if (have.has(t)) score += 0.3 * rarity(t);
  for (const f of FACETS) if (part.facets.includes(f.facet) && f.answered.test(folded)) score += f.weight;
  // "phải làm trong bao lâu" asks a duty's deadline: the line that says what one must do ("phải đi đăng ký").
  if (part.facets.includes('when') && / phai /.test(` ${part.text} `) && / phai /.test(folded)) score += 0.5;
  score += caseScore(folded, { ...frame, cases: casesIn(`${part.context} ${part.text}`) });
  if (part.yesNo && (YES_NO_ANSWER.test(folded) || deniesAsked(folded, new Set(part.intent.topicTerms)))) score += 1;
  score += unitScore(part.text, folded);
  // A number the part states ("đóng được 10 tháng") meets the sheet's bound in that unit ("đủ 12 tháng"); one the
  // story around it states ("con sinh được 4 tháng") counts half.
  const own = statedQuantities(part.text);
  const told = statedQuantities(part.context);
  // A story told before an earlier part ("bé được 3 tuần, … có mất tiền không, với lại phải làm trong bao lâu").
  const stated = own.length > 0 ? own : told.length > 0 ? told : statedQuantities(frame.intent.folded);
  score += (own.length > 0 ? 1 : 0.5) * boundScore(stated, folded);
  // Like an age: the rule the person's number meets ("quá hạn 2 năm": "từ 1 năm trở lên") is theirs; one it fails
  // answers "được không?" ("10 tháng" against "đủ 12 tháng") and is another group's otherwise.
  // A part that asks a number ("mấy tháng") is answered by the line's number: it is no bound on the person's.
  const holds = askedUnit(part.text) ? null : quantityVerdict(stated, folded);
  if (holds === 'meets') score += 1.5;
  else if (holds === 'fails') score += ELIGIBILITY.test(` ${part.text} `) ? 2.5 : -1.5;
  const age = ageVerdict(folded, frame.ages, frame.gender);
  if (age === 'meets') score += 5 + ageCloseness(folded, frame.ages);
  // A rule the age fails answers "được chưa?" ("nữ từ đủ 18 tuổi" for 17: Chưa); elsewhere it is another group's.
  else if (age === 'fails') score += ELIGIBILITY.test(` ${part.text} `) ? 2.5 + ageCloseness(folded, frame.ages) : -1;
  return score;
}

/**
 * Shared word pairs, a run of overlapping pairs counted once ("định danh điện tử" is one phrase, not three
 * pairs): each run gives its rarest pair's weight, plus a little for every further pair.
 */
function phraseScore(
  tokens: readonly string[],
  have: ReadonlySet<string>,
  sheet: Pick<SheetContext, 'name' | 'aliasPairs'>,
  rarity: (t: string) => number,
): number {
  let score = 0;
  let run: number[] = [];
  const close = () => {
    if (run.length > 0) score += Math.max(...run) + 0.5 * (run.length - 1);
    run = [];
  };
  for (let i = 1; i < tokens.length; i++) {
    const pair = `${tokens[i - 1]} ${tokens[i]}`;
    if (have.has(pair) && !sheet.name.has(pair)) run.push(rarity(pair));
    else if (have.has(pair) && sheet.aliasPairs.has(pair)) run.push(rarity(pair));
    else close();
  }
  close();
  return score;
}

/** Question particles: a word pair with one of them is the question's frame, not a phrase of the topic. */
const QUESTION_WORDS = new Set(
  'khong ko chua co duoc gi nao sao thi la a ha nhi vay the ai dau nhieu lau may phai'.split(' '),
);

/** A part asking whether the person may already do it. */
const ELIGIBILITY = / (?:duoc chua|du tuoi|duoc khong|co duoc|co the|da duoc) /;

/** Words with which a line answers a yes/no question itself. */
const YES_NO_ANSWER = / (?:khong phai|khong can|mien|khong thu|khong bi|van phai|bat buoc|duoc phep) /;

/** True when a line denies a word the question asks about ("có phải nộp thuế không" → "không nộp thuế …"). */
const deniesAsked = (folded: string, words: ReadonlySet<string>) =>
  [...folded.matchAll(/ khong (\S+)/g)].some((m) => words.has(m[1] as string));

/** A line must score this much to be added as the answer to a part. */
const MIN_SUPPORT = 2.5;

/**
 * Adds, for each part the draft does not answer yet, the sheet's best supporting line (cited). A part asking
 * only fields the draft states is answered already. The first part's line, when that part names no field, leads.
 */
export function answerParts(
  draft: Draft,
  meta: DocumentMeta,
  chunks: readonly Chunk[],
  frame: QuestionFrame,
  asOf: string,
): number {
  const parts = questionParts(frame);
  if (parts.length === 0) return 0;
  const sheet = sheetContext(meta, chunks, asOf);
  const lines: DraftFact[] = [];
  let leads = false;
  // An overview for a question that names no field is replaced by the lines that answer it.
  const overview = frame.intent.fields.length === 0 && draft.lead.includes('— tóm tắt');
  const kept = overview ? [] : draft.facts;
  parts.forEach((part, i) => {
    const searching = part.facets.length > 0 || part.yesNo || part.intent.fields.length === 0;
    if (!searching) return;
    // A line the overview already states is not added again (the overview then stays as the answer).
    const shown = ` ${foldTokens([...draft.facts, ...lines].map((f) => f.text).join('\n')).join(' ')} `;
    // A part that names a field the sheet has ("có mất tiền không") is answered from that field's lines.
    // A facet ("phải làm trong bao lâu": the deadline) may be stated outside the field.
    const own =
      part.facets.length > 0
        ? []
        : sheet.lines.filter((l) => l.chunk.field && part.intent.fields.includes(l.chunk.field));
    const best = (own.length > 0 ? own : sheet.lines)
      // On a tie the field's own line wins over the summary that restates it.
      .map((l) => ({
        ...l,
        score: supportScore(l.text, part, frame, sheet) + (l.chunk.field === 'overview' ? 0 : 0.2),
      }))
      .reduce<(SheetLine & { score: number }) | null>((a, b) => (!a || b.score > a.score ? b : a), null);
    if (!best || best.score < MIN_SUPPORT) return;
    if (shown.includes(` ${foldTokens(best.text).join(' ')} `)) return;
    const word = part.yesNo ? (yesNoWord(part.text, best.text, frame.ages, frame.gender) ?? null) : null;
    const fact = lineFact(meta, best, word, ASKS_NOW.test(` ${frame.intent.folded} `));
    // The first part's answer leads when that part names no field; otherwise answers follow in question order.
    if (i === 0 && (part.intent.fields.length === 0 || part.yesNo)) leads = true;
    lines.push(fact);
  });
  // A yes/no question stating its own number ("sinh được 4 tháng … có bị phạt không") also gets the bound it is
  // measured against ("trong 60 ngày"), when nothing shown states a number of that kind.
  const shownNow = [...kept, ...lines].map((f) => f.text).join('\n');
  const bound = asksYesNo(frame)
    ? boundLine(sheet.lines, statedQuantities(frame.intent.folded), lineTokens(shownNow).join(' '), (t) =>
        lineTokens(t).join(' '),
      )
    : null;
  if (bound && lines.length > 0) lines.push(lineFact(meta, bound, null, false));
  if (lines.length === 0) return 0;
  // A question that names no field asked something specific: the lines that answer it replace the overview
  // (the composer's related lines, when it found some, stay after them).
  if (frame.intent.fields.length === 0) draft.facts = overview ? lines : [...lines, ...draft.facts];
  else {
    const lead = leads ? lines.slice(0, 1) : [];
    draft.facts = [...lead, ...draft.facts, ...lines.slice(lead.length)];
  }
  return lines.length;
}

export { sheetLines, sheetContext, sheetStatesPenalty, type SheetLine, type SheetContext } from './sheet-lines.ts';
