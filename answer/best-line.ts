/**
 * Leads with the line that answers. Inside the first fact of a procedure answer, every sentence (bullets and
 * the "; "-joined parts of dated variants) is scored against the question's case and words; the best one, when
 * it beats the first, becomes the fact's first line. "làm căn cước lần đầu cho con 15 tuổi có mất tiền không"
 * then opens with the exemption for children, not with the waiver for re-issues.
 */
import type { QuestionCase, QuestionFrame } from './frame.ts';
import { ageVerdict } from './parts-facets.ts';
import { foldTokens } from './query-text.ts';
import { belowMinimum, quantityVerdict, statedQuantities } from './quantities.ts';
import type { Draft } from './reply.ts';

/** Folded words that mark a sentence as being about a case. */
const CASE_WORDS: Record<QuestionCase, RegExp> = {
  first: /(?:^| )(?:lan dau|cap moi|cap the can cuoc|dang ky lan dau)(?= |$)/,
  lost: /(?:^| )(?:cap lai|bi mat|mat|hu hong|ban sao|trich luc)(?= |$)/,
  exchange: /(?:^| )(?:cap doi|doi|chuyen tu cccd|het han|gia han)(?= |$)/,
  correction: /(?:^| )(?:cai chinh|thay doi|dieu chinh|bo sung)(?= |$)/,
  late: /(?:^| )(?:qua han|dung han|tre han)(?= |$)/,
  online: /(?:^| )(?:truc tuyen|vneid|dich vu cong|online)(?= |$)/,
  child: /(?:^| )(?:tre em|tre duoi|duoi 14|duoi 6|nguoi chua thanh nien|con)(?= |$)/,
  foreigner: /(?:^| )(?:nuoc ngoai|quoc tich)(?= |$)/,
};

/** Sentences about another case than the one asked ("cấp lại" when a first issue is asked) rank lower. */
const OTHER_CASE: Partial<Record<QuestionCase, RegExp>> = {
  first: /(?:^| )(?:cap lai|cap doi|chuyen tu cccd)(?= |$)/,
  lost: /(?:^| )(?:cap doi|chuyen tu cccd)(?= |$)/,
  exchange: /(?:^| )(?:cap lai)(?= |$)/,
};

const ANSWERS_YES_NO = /(?:^| )(?:mien|khong phai|khong thu|khong can|duoc|chua|bat buoc|phai)(?= |$)/;

/** The cases of a frame, with age read as a case: under 16 is a child in Vietnamese law. */
function casesOf(frame: QuestionFrame): QuestionCase[] {
  const cases = new Set(frame.cases);
  if (frame.ages.some((a) => a < 16)) cases.add('child');
  return [...cases];
}

/** Case part of a sentence's score (" folded sentence "): +3 per case it is about, −2 per other case it names. */
export function caseScore(folded: string, frame: QuestionFrame): number {
  let score = 0;
  for (const c of casesOf(frame)) {
    if (CASE_WORDS[c].test(folded)) score += 3;
    if (OTHER_CASE[c]?.test(folded)) score -= 2;
  }
  return score;
}

/** Score of one sentence for the frame: case words, the question's topic words, a yes/no answer word. */
export function lineScore(sentence: string, frame: QuestionFrame): number {
  const folded = ` ${foldTokens(sentence).join(' ')} `;
  const rule = ` ${foldTokens(forWhomLeftOut(sentence, frame)).join(' ')} `;
  let score = caseScore(rule, frame);
  const words = new Set(rule.trim().split(' '));
  score += frame.intent.topicTerms.filter((t) => words.has(t)).length * 0.5;
  // A waiver for some people only ("…; Chỉ áp dụng cho …") does not answer a yes/no question for everyone.
  if (frame.yesNo && ANSWERS_YES_NO.test(folded) && !CONDITION_WORDS.test(folded)) score += 1;
  return score;
}

/**
 * A question that names no field ("doanh thu dưới 1 tỷ có phải nộp thuế không") gets the summary; the field
 * line that shares the most of its words and case (here the fee line on the 1-billion threshold) leads it.
 */
function leadWithBestFact(draft: Draft, frame: QuestionFrame): void {
  if (frame.intent.fields.length > 0 || draft.facts.length < 2) return;
  const scores = draft.facts.map((f) => lineScore(f.text, frame));
  const best = scores.indexOf(Math.max(...scores));
  if (best <= 0 || (scores[best] as number) <= (scores[0] as number) + 0.5) return;
  const [fact] = draft.facts.splice(best, 1);
  draft.facts.unshift(fact as Draft['facts'][number]);
}

/** Words of a "who it is for" clause that name no group of their own ("công dân có tài khoản …"). */
const GENERIC_FOR_WHOM = new Set([
  'cong',
  'dan',
  'nguoi',
  'co',
  'cho',
  'va',
  'cua',
  'thuoc',
  'doi',
  'tuong',
  'tai',
  'khoan',
]);

/**
 * "…; Chỉ áp dụng cho công dân có VNeID mức 2 …" says who a rule is for, not what it is about: case and topic
 * words are read from the rule itself, so a waiver for a few does not lead over the usual amount because its
 * restriction says "VNeID" (an "online" question) or "công dân" (a "căn cước công dân" question). A question
 * that names the group ("có VNeID mức 2 thì …") keeps the clause: the waiver is then its case.
 */
function forWhomLeftOut(sentence: string, frame: QuestionFrame): string {
  const m = /;\s+Chỉ áp dụng cho[\s\S]*$/u.exec(sentence);
  if (!m) return sentence;
  const rule = sentence.slice(0, m.index);
  const own = new Set(foldTokens(rule));
  const group = foldTokens(m[0]).filter((w) => !own.has(w) && !GENERIC_FOR_WHOM.has(w));
  return frame.intent.topicTerms.some((t) => group.includes(t)) ? sentence : rule;
}

/** Moves the best sentence of the first fact to its first line when it scores above the current first one. */
export function leadWithBestLine(draft: Draft, frame: QuestionFrame): void {
  leadWithBestFact(draft, frame);
  const fact = draft.facts[0];
  if (!fact) return;
  const lines = fact.text.split('\n');
  const label = /^[^:]{2,40}:$/.test(lines[0] ?? '')
    ? (lines.shift() as string)
    : /^([^:]{2,40}):\s/.exec(lines[0] ?? '')?.[1];
  // A line dated ahead ("Từ 01/3/2027: …") states a rule not yet in force: it never leads. Parts after "; "
  // that start a new item (capital letter) are candidates; a clause in the middle of a sentence is not.
  const sentences = lines
    .flatMap((line, i) =>
      UPCOMING.test(line)
        ? []
        : line
            .replace(/^-\s*/, '')
            .replace(/^[^:]{2,40}:\s/, '')
            // "…; Chỉ áp dụng cho …" / "…; Trừ …" restrict the sentence before them: they are not new items.
            .split(/;\s+(?=\p{Lu})(?!Chỉ |Trừ |Riêng |Không áp dụng)/u)
            .map((text) => ({ text, line: i })),
    )
    .filter((s) => s.text.length >= 20);
  if (sentences.length < 2) return;
  const scored = sentences.map((s) => ({ ...s, score: lineScore(s.text, frame) }));
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  if (best.score <= (scored[0]?.score ?? 0) || best.score <= 0) return;
  // The chosen sentence leaves its line (no repeat) and opens the fact under the field's label.
  const from = lines[best.line] as string;
  lines[best.line] = from.replace(new RegExp(`(;\\s+)?${escape(best.text)}(;\\s+)?`), (_m, a?: string, b?: string) =>
    a && b ? '; ' : '',
  );
  const head = label ? `${label.replace(/:$/, '')}: ${best.text}` : best.text;
  fact.text = [
    head,
    ...lines
      .map((l) => (l.startsWith('- ') || l.length === 0 ? l : `- ${l}`))
      .filter((l) => l.replace(/^-\s*/, '').trim().length > 0),
  ].join('\n');
}

/** A variant line that starts with the day it comes into force. */
const UPCOMING = /^(?:-\s*)?Từ \d{1,2}\/\d{1,2}\/\d{4}:/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A yes/no question gets "Có", "Không" or "Được" before its first line, only when that line itself says so:
 * "có phải lấy vân tay không" → "Không" when the line reads "không phải thu sinh trắc học"; "có mất phí không"
 * → "Không" when it reads "Miễn lệ phí…". Anything less plain is left for the person to read.
 */
export function yesNoWord(
  question: string,
  line: string,
  ages: readonly number[] = [],
  gender: 'nam' | 'nu' | null = null,
): 'Có' | 'Không' | 'Được' | 'Chưa' | null {
  const q = ` ${question} `;
  const l = ` ${foldTokens(line).join(' ')} `;
  // "17 tuổi đăng ký được chưa" against "nữ từ đủ 18 tuổi": the age bound the line states decides.
  const age = / (?:duoc chua|duoc khong|dc chua|dc khong|du tuoi chua|co duoc) /.test(q)
    ? ageVerdict(l, ages, gender)
    : null;
  if (age) return age === 'meets' ? 'Được' : 'Chưa';
  // "đóng được 10 tháng thì có lãnh được không" against "đủ 12 tháng": the minimum the line sets is not met yet.
  const stated = statedQuantities(question);
  if (ELIGIBLE.test(q) && belowMinimum(stated, l)) return 'Chưa';
  // "quá hạn 2 tháng có phải thi lại không" against "quá hạn dưới 1 năm thì phải sát hạch lại": the rule whose
  // bound the person's number meets says it.
  if (/ (?:co phai|phai) /.test(q) && quantityVerdict(stated, l) === 'meets') {
    if (/ thi khong phai /.test(l)) return 'Không';
    if (/ thi (?:phai|van phai|bat buoc) /.test(l)) return 'Có';
  }
  // A rule with a condition ("quá hạn dưới 1 tháng vì ốm đau thì không phải thi lại") answers only that case.
  if (CONDITION_WORDS.test(l)) return null;
  const qWords = new Set(question.split(' '));
  const shared = [...bigrams(l.trim().split(' '))].some((p) => q.includes(` ${p} `));
  const negated = /^ (?:\S+ ){0,3}khong (?:phai|can) (\S+)/.exec(l);
  if (negated && / (?:co phai|co can|can phai) /.test(q) && (shared || qWords.has(negated[1] as string)))
    return 'Không';
  if (/^ (?:mien le phi|mien phi|khong thu)/.test(l) && / (?:mat tien|mat phi|ton tien|ton phi|mat le phi) /.test(q))
    return 'Không';
  const allowed = / duoc (\S+)/.exec(l);
  // The word after "được" must be a word of the question's own (not a two-letter syllable like "hộ" in "được họ").
  const verb = allowed?.[1] ?? '';
  if (
    allowed &&
    !/ khong duoc /.test(l) &&
    / (?:duoc|dc) (?:khong|ko|k) /.test(q) &&
    verb.length > 2 &&
    qWords.has(verb)
  )
    return 'Được';
  return null;
}

/** A question asking whether the person may already do something. */
const ELIGIBLE = / (?:duoc chua|duoc khong|dc chua|dc khong|du chua|co duoc|du dieu kien) /;

/** Words that make a line a conditional rule. */
const CONDITION_WORDS = / (?:neu|truong hop|duoi|tren|qua han|vi|chi ap dung) /;

const bigrams = (ws: readonly string[]) =>
  new Set(
    ws
      .slice(1)
      .map((w, i) => `${ws[i]} ${w}`)
      .filter((p) => p.length > 6),
  );

/** Prefixes the draft's first line with the yes/no word its own text supports (see yesNoWord). */
export function answerYesNo(draft: Draft, frame: QuestionFrame): void {
  const fact = draft.facts[0];
  if (!frame.yesNo || !fact) return;
  const first = fact.text.split('\n')[0] ?? '';
  const body = first.replace(/^[^:]{2,40}:\s*/, '');
  const word = yesNoWord(frame.intent.folded, body.length > 0 ? body : first, frame.ages, frame.gender);
  // A waiver is not "no fee" when the same answer states the usual amount ("Thông thường: 20.000đ"): the waiver
  // is for some people only.
  if (word === 'Không' && /(?:^|\n)-?\s*Thông thường:.*\d[\d.]*\s*(?:đồng|đ)(?!\p{L})/u.test(fact.text)) return;
  if (word) fact.text = `${word}. ${fact.text.replace(/^-\s*/, '')}`;
}
