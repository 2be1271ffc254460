/**
 * Facets a part of a question can ask that no procedure field holds on its own: when to do something, how
 * long a paper stays valid, whether there is a fine, who may do it for someone else. Each facet has the words
 * that ask it (folded question) and the words of a sheet line that answer it. Age bounds are read here too.
 */

import { askedThing, askedUnit, quantitiesIn } from './quantities.ts';

export type Facet = 'when' | 'validity' | 'penalty' | 'proxy' | 'sameDay' | 'limit';

export interface FacetCue {
  facet: Facet;
  /** Folded question words that ask the facet. */
  asked: RegExp;
  /** Folded line words that answer it (tested on " line "). */
  answered: RegExp;
  /** Added to a line's support when it answers the facet. */
  weight: number;
}

/** "hộ" that starts a noun ("hộ chiếu", "hộ khẩu", "hộ tịch", "hộ kinh doanh", "hộ nghèo", "hộ gia đình"). */
const NOT_HO_NOUN = '(?! (?:chieu|khau|tich|kinh doanh|ngheo|gia dinh))';

const w = (alternatives: string[]) => new RegExp(`(?:^| )(?:${alternatives.join('|')})(?= |$)`);

export const FACETS: readonly FacetCue[] = [
  {
    facet: 'when',
    // "phải làm trong bao lâu" asks the deadline the person has, not the time the office takes.
    asked: w([
      'luc nao',
      'khi nao',
      'bao gio',
      'thoi diem nao',
      'truoc bao lau',
      'han chot',
      'cham nhat',
      'phai (?:\\S+ ){0,2}trong bao lau',
    ]),
    answered: / (?:\d+ (?:ngay|thang|nam)|truoc khi|sau khi|trong thoi han|cham nhat|ke tu) /,
    weight: 2,
  },
  {
    facet: 'validity',
    asked: w([
      '(?:xai|dung|su dung) (?:duoc )?(?:bao lau|may thang|may nam)',
      'gia tri (?:bao lau|trong bao lau|may thang)',
      'co gia tri',
      'hieu luc',
      'han su dung',
      'het han khi nao',
    ]),
    answered: / (?:gia tri|hieu luc|thoi han su dung) /,
    weight: 3,
  },
  {
    facet: 'penalty',
    asked: w(['bi phat', 'muc phat', 'phat bao nhieu', 'phat tien', 'xu phat', 'bi xu ly']),
    answered: / (?:phat|xu phat) /,
    weight: 3,
  },
  {
    facet: 'proxy',
    asked: w([
      'tu lam',
      'tu di',
      'tu xin',
      'tu nop',
      'lam thay',
      // "làm hộ" is on someone's behalf; "làm hộ chiếu/khẩu/tịch/kinh doanh" names a paper.
      `lam ho${NOT_HO_NOUN}`,
      'nho nguoi',
      'nho ai',
      'uy quyen',
      'thay cho',
      'di thay',
      'nop thay',
      `xin ho${NOT_HO_NOUN}`,
    ]),
    // Who may act for whom: a proxy, the person themself, or a minor's parent or guardian.
    answered: / (?:uy quyen|lam thay|cho nguoi khac|tu yeu cau|tu khai|nguoi dai dien|giam ho|chua thanh nien) /,
    weight: 3,
  },
  {
    facet: 'limit',
    asked: w(['toi da', 'toi thieu', 'nhieu nhat', 'it nhat', 'gioi han']),
    answered: / (?:toi da|toi thieu|khong qua|nhieu nhat|it nhat) (?:la )?\d/,
    weight: 2,
  },
  {
    facet: 'sameDay',
    asked: w(['trong ngay', 'lay lien', 'lay ngay', 'co lien', 'lay luon', 'ngay lap tuc']),
    answered: / (?:trong ngay|ngay khi|ngay trong) /,
    weight: 2,
  },
];

/**
 * Whether the person's age meets the age rules a line states. A range ("từ đủ 6 đến dưới 14 tuổi") is one
 * rule; separate bounds ("nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi") are alternatives. "meets" when some rule
 * holds for the age ("dưới 6 tuổi" for a 3-year-old), "fails" when none does ("từ đủ 18 tuổi" for 17), null when
 * the line states no age or the question gives none.
 */
export function ageVerdict(
  foldedLine: string,
  ages: readonly number[],
  gender: 'nam' | 'nu' | null = null,
): 'meets' | 'fails' | null {
  if (ages.length === 0) return null;
  const rules: Array<(a: number) => boolean> = [];
  const rest = ` ${foldedLine} `.replace(
    / tu (?:du )?(\d{1,3}) (?:tuoi )?den (?:duoi )?(\d{1,3}) tuoi(?= )/g,
    (_m, lo: string, hi: string) => {
      rules.push((a) => a >= Number(lo) && a < Number(hi));
      return ' ';
    },
  );
  for (const m of rest.matchAll(/ (duoi|tu du|du|tren) (\d{1,3}) tuoi(?= )/g)) {
    // "nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi": a bound said of the other sex is not the person's.
    const said = / (nam|nu) (?:\S+ ){0,2}$/.exec(rest.slice(0, m.index + 1))?.[1];
    if (gender && said && said !== gender) continue;
    const n = Number(m[2]);
    rules.push(m[1] === 'duoi' ? (a) => a < n : m[1] === 'tren' ? (a) => a > n : (a) => a >= n);
  }
  if (rules.length === 0) return null;
  return ages.some((a) => rules.some((r) => r(a))) ? 'meets' : 'fails';
}

/** The sex of the person a question is about, from kinship words ("chồng", "vợ", "con gái"); null when unclear. */
export function genderOf(folded: string): 'nam' | 'nu' | null {
  const male = /(?:^| )(?:chong|ck|em trai|con trai|anh trai|bo|ong|ban trai)(?= |$)/.test(folded);
  const female = /(?:^| )(?:vo|vk|em gai|con gai|chi gai|me|ban gai|ba noi|ba ngoai)(?= |$)/.test(folded);
  return male === female ? null : male ? 'nam' : 'nu';
}

/** 1/(1 + distance) from the person's age to the nearest age a line names: "dưới 6 tuổi" is closer to 3 than "dưới 14". */
export function ageCloseness(foldedLine: string, ages: readonly number[]): number {
  const named = [...` ${foldedLine} `.matchAll(/ (\d{1,3}) tuoi(?= )/g)].map((m) => Number(m[1]));
  if (named.length === 0 || ages.length === 0) return 0;
  return Math.max(...named.flatMap((n) => ages.map((a) => 1 / (1 + Math.abs(n - a)))));
}

/**
 * The unit a part counts in ("mấy tháng", "bao nhiêu ngày", "mấy hộ", "mấy h"): a line stating a number in that
 * unit ("12 tháng", "một hộ", "23 giờ") scores more, and more again when a limit word comes right before it
 * ("tối đa 12 tháng").
 */
export function unitScore(foldedPart: string, foldedLine: string): number {
  const asked = askedUnit(foldedPart);
  if (!asked) return 0;
  const found = quantitiesIn(foldedLine.trim()).filter((q) => q.unit === asked);
  if (found.length === 0) return 0;
  // "mấy hộ kinh doanh" against "một hộ kinh doanh": the same thing counted.
  const thing = askedThing(foldedPart);
  const same = thing.length > 1 && found.some((q) => q.after === thing) ? 1 : 0;
  return (found.some((q) => LIMIT.test(q.before)) ? 3 : 2) + same;
}

/** Words that make a number a limit ("tối đa 12 tháng", "không quá 03 ngày"). */
const LIMIT = /(?:^| )(?:toi da|toi thieu|khong qua|nhieu nhat|it nhat)(?: la)?$/;
