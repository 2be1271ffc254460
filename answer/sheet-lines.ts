/**
 * A procedure sheet read as lines: every sentence in force on the day asked (dated variants read as of that
 * day), verbatim in its chunk, with what they are scored against (the procedure's names, word rarity), and a
 * line turned into a cited fact under its field's label.
 */
import {
  OTHER_NAMES_LABEL,
  otherNamesLine,
  PROCEDURE_FIELDS,
  type Chunk,
  type DocumentMeta,
} from '../knowledge/index.ts';
import { bigrams } from './compose-passage.ts';
import { addDays, variantsOn, viDate } from './dated-rules.ts';
import { foldTokens, readQuestion } from './query-text.ts';
import type { DraftFact } from './reply.ts';

/** A chunk with a dated variant: its facts are marked dated (the reply names the day they are stated for). */
export const hasDates = (chunk: Chunk): boolean =>
  (chunk.variants ?? []).some((v) => v.validFrom !== null || v.validTo !== null);

export interface SheetLine {
  text: string;
  chunk: Chunk;
  /** The day its rule came into force, when that is within a year before the day asked (a new rule). */
  since?: string;
}

/** A rule that started within this many days before the day asked is said with its start ("Từ 01/7/2026: …"). */
const NEW_RULE_DAYS = 365;

/** Every sentence of the sheet in force on `asOf` (dated variants read as of that day), verbatim in its chunk. */
export function sheetLines(chunks: readonly Chunk[], asOf: string): SheetLine[] {
  const out: SheetLine[] = [];
  for (const chunk of chunks) {
    const values =
      chunk.variants && chunk.variants.length > 0
        ? variantsOn(chunk.variants, asOf).map((v) => ({ value: v.value, from: v.validFrom }))
        : [{ value: chunk.text, from: null }];
    for (const { value, from } of values) {
      const since = from !== null && from >= addDays(asOf, -NEW_RULE_DAYS) ? { since: from } : {};
      for (const line of value.split('\n')) {
        const body = line.trim().replace(/^[-+•]\s*/, '');
        if (body.startsWith(OTHER_NAMES_LABEL)) continue;
        for (const s of body.replace(/^[^:]{2,40}:\s+/, '').split(/(?<=[.;])\s+(?=\p{Lu})/u)) {
          const text = s.trim();
          if (text.length >= 15 && chunk.text.includes(text)) out.push({ text, chunk, ...since });
        }
      }
    }
  }
  return out;
}

/** A line read like a question (same folding and shorthand: "VNeID" reads "định danh điện tử" on both sides). */
export const lineTokens = (line: string) =>
  readQuestion(line)
    .split(' ')
    .filter((t) => t.length > 0);

/** What a sheet's lines are scored against: the procedure's own name (saying it answers nothing) and rarity. */
export interface SheetContext {
  lines: SheetLine[];
  /** Word pairs and words of the procedure's names. */
  name: ReadonlySet<string>;
  /**
   * Word pairs of the other names that end in a number ("số 2" of "phiếu lý lịch tư pháp số 2"): they tell one
   * kind of the procedure from another, so a line that says one counts.
   */
  aliasPairs: ReadonlySet<string>;
  /** In how many lines each word and word pair occurs. */
  df: ReadonlyMap<string, number>;
}

export function sheetContext(meta: DocumentMeta, chunks: readonly Chunk[], asOf: string): SheetContext {
  const lines = sheetLines(chunks, asOf);
  const nameTokens = readQuestion(`${meta.title}\n${otherNamesLine(chunks) ?? ''}`).split(' ');
  const df = new Map<string, number>();
  for (const l of lines) {
    const tokens = lineTokens(l.text);
    for (const t of new Set([...tokens, ...bigrams(tokens)])) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const title = new Set(bigrams(readQuestion(meta.title).split(' ')));
  // A number in another name names a kind ("phiếu … số 2", "mức 2"); other words of those names are the name.
  const aliasPairs = new Set([...bigrams(nameTokens)].filter((p) => !title.has(p) && /(?:^| )\d+$/.test(p)));
  return { lines, name: new Set([...nameTokens, ...bigrams(nameTokens)]), aliasPairs, df };
}

/** Folded words asking whether something is right, or still so now ("có đúng không", "giờ còn … không"). */
export const ASKS_NOW =
  / (?:co dung|dung khong|dung ko|con (?:\S+ ){0,3}(?:khong|ko)|bay gio|hien nay|hien tai|nam nay|quy dinh moi|moi nhat|thay doi) /;

/** A sheet line as a fact: the field's label says where it is from ("Điều kiện: …"), cited. */
export function lineFact(meta: DocumentMeta, line: SheetLine, word: string | null, asksNow: boolean): DraftFact {
  const label = PROCEDURE_FIELDS.find((f) => f.key === line.chunk.field)?.label;
  // A question whether something is right or still so now is answered by a rule new this year with its start.
  const since = asksNow && line.since && !/\d{1,2}\/\d{1,2}\/\d{4}/.test(line.text) ? viDate(line.since) : null;
  const named = label && label !== 'Lưu ý' ? label : null;
  const head = named ? `${named}${since ? ` (từ ${since})` : ''}: ` : since ? `Từ ${since}: ` : '';
  return {
    text: `${word ? `${word}. ` : ''}${head}${line.text}`,
    sources: [{ meta, chunk: line.chunk, used: [line.text] }],
  };
}

/**
 * True when the sheet holds a line about fines ("bị phạt", "không bị phạt"): the penalty part is then
 * answerable. "Bị phạt bao nhiêu" needs the amount: a line saying only that the fine is unconfirmed does not do.
 */
export function sheetStatesPenalty(chunks: readonly Chunk[], asOf: string, wantsAmount = false): boolean {
  return sheetLines(chunks, asOf).some(
    (l) =>
      / (?:phat|xu phat) /.test(` ${foldTokens(l.text).join(' ')} `) &&
      (!wantsAmount || /\d[\d.]*(?:[–-]\d[\d.]*)?\s*(?:đồng|đ|triệu)(?!\p{L})/u.test(l.text)),
  );
}
