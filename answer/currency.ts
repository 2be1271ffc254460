/**
 * Is the quoted source still current on the day asked? Plans expire, documents get superseded, and the
 * 2025–2026 reorganisation renamed the levels of government the 2024 plan speaks of. The notes stay short.
 * Dates come from /work/shared/facts/procedures.md ("As-of note" table and U1).
 */
import type { DocumentMeta } from '../knowledge/index.ts';
import { viDate } from './dated-rules.ts';
import { foldTokens } from './query-text.ts';

/** Two-tier local government: cấp huyện abolished (facts file, as-of table). */
export const NO_DISTRICT_LEVEL_FROM = '2025-07-01';
/** Đồng Nai became Thành phố Đồng Nai trực thuộc Trung ương (NQ 30/2026/QH16; facts file U1). */
export const DONG_NAI_CITY_FROM = '2026-04-30';

export interface CurrencyCheck {
  /** How the lead line names the source ("Theo Kế hoạch 53/KH-UBND năm 2024"). */
  sourceName: string;
  /** Short notes for the reader. */
  notes: string[];
  /** Machine-readable notices for AnswerResult.notices. */
  notices: string[];
  /** What the source line says beside the document ("hết hạn 31/12/2024"), or null. */
  sourceNote: string | null;
}

const yearOf = (iso: string | null) => (iso ? iso.slice(0, 4) : null);

/** The document's short name: "Kế hoạch 53/KH-UBND năm 2024", or its title. */
export function documentName(meta: DocumentMeta): string {
  if (!meta.number) return meta.title;
  const kind = /\/KH-/i.test(meta.number) ? 'Kế hoạch' : /\/QĐ-/i.test(meta.number) ? 'Quyết định' : 'Văn bản';
  const year = yearOf(meta.issueDate);
  return `${kind} ${meta.number}${year ? ` năm ${year}` : ''}`;
}

/** True when the plan's period is over on `asOf` (its expiry date, else a "năm YYYY" title before this year). */
export function isDated(meta: DocumentMeta, asOf: string): boolean {
  if (meta.expiryDate) return meta.expiryDate < asOf;
  const titled = /năm (\d{4})\s*$/i.exec(meta.title)?.[1];
  return meta.type === 'plan' && titled !== undefined && titled < asOf.slice(0, 4);
}

/** Checks the source of quoted text for currency on `asOf`. */
export function checkCurrency(meta: DocumentMeta, quoted: string, asOf: string): CurrencyCheck {
  // Short phrases joined into one note: on a phone "Lưu ý: …; …; …." is read once, not three times.
  const phrases: string[] = [];
  const notices: string[] = [];
  const name = documentName(meta);
  if (meta.supersededBy) {
    phrases.push(`${name} đã được thay thế bởi ${meta.supersededBy}, nội dung có thể không còn áp dụng`);
    notices.push(`superseded source: ${meta.id} → ${meta.supersededBy}`);
  }
  let sourceNote: string | null = null;
  if (isDated(meta, asOf)) {
    // Said beside the document on its source line, where the reader looks for it, not in a note of its own.
    sourceNote = meta.expiryDate ? `hết hạn ${viDate(meta.expiryDate)}` : 'đã hết hạn';
    notices.push(`dated source: ${meta.number ?? meta.id}`);
  }
  const words = ` ${foldTokens(quoted).join(' ')} `;
  if (asOf >= NO_DISTRICT_LEVEL_FROM && words.includes(' cap huyen ')) {
    phrases.push(`từ ${viDate(NO_DISTRICT_LEVEL_FROM)} không còn cấp huyện`);
    notices.push('no district level since 2025-07-01');
  }
  if (asOf >= DONG_NAI_CITY_FROM && / tinh /.test(words) && meta.type !== 'procedure') {
    phrases.push('"tỉnh" nay là Thành phố Đồng Nai');
    notices.push('Đồng Nai is a centrally-run city since 2026-04-30');
  }
  const notes = phrases.length > 0 ? [`Lưu ý: ${phrases.join('; ')}.`] : [];
  return { sourceName: name, notes, notices, sourceNote };
}
