/**
 * A field the question asks that the chosen sheet keeps under another field. Sheets fill only some fields: one
 * with no "Làm trực tuyến" field often says how to file online in "Nơi nộp, cách nộp" ("Trực tiếp tại …, hoặc
 * trực tuyến trên Cổng Dịch vụ công quốc gia"). Asking "nộp online được không" of such a sheet is answered from
 * that line, not refused as a field the sheet lacks.
 */
import { PROCEDURE_FIELDS, type Chunk, type ProcedureField } from '../knowledge/index.ts';
import type { QuestionIntent } from './intent.ts';
import { foldTokens } from './query-text.ts';

/** Asked field → the field that holds it when the sheet has no chunk of its own, and what that chunk must say. */
const STAND_INS: ReadonlyArray<{ asked: ProcedureField; holder: ProcedureField; says: (folded: string) => boolean }> = [
  // Filing online is a way to file: "Nơi nộp, cách nộp" states it when it names online filing.
  { asked: 'online', holder: 'whereToFile', says: (t) => /(?:^| )(?:truc tuyen|online|dich vu cong)(?= |$)/.test(t) },
];

/**
 * The intent with each asked field the sheet lacks replaced by the field that holds it in this sheet (unchanged
 * when the sheet has the field, or no stand-in says it).
 */
export function withStandInFields(intent: QuestionIntent, sheet: readonly Chunk[]): QuestionIntent {
  const has = (f: ProcedureField) => sheet.some((c) => c.field === f);
  let changed = false;
  const fields: ProcedureField[] = [];
  for (const f of intent.fields) {
    const stand = STAND_INS.find((s) => s.asked === f);
    const holder = stand && !has(f) ? sheet.find((c) => c.field === stand.holder) : undefined;
    const use = holder && stand?.says(foldTokens(holder.text).join(' ')) ? stand.holder : f;
    changed ||= use !== f;
    if (!fields.includes(use)) fields.push(use);
  }
  const order = (f: ProcedureField) => PROCEDURE_FIELDS.findIndex((p) => p.key === f);
  return changed ? { ...intent, fields: fields.sort((a, b) => order(a) - order(b)) } : intent;
}
