/**
 * CSV export of the question list (RFC 4180, UTF-8 with a BOM so Excel shows Vietnamese correctly).
 * Cells that start with = + - @ are prefixed with ' so a spreadsheet never runs a typed formula.
 */
import type { QuestionRow } from '../runtime/index.ts';

const COLUMNS: Array<[string, (q: QuestionRow) => string]> = [
  ['id', (q) => String(q.id)],
  ['thoi_gian', (q) => q.at],
  ['kenh', (q) => q.channel],
  ['chu_de', (q) => q.topic ?? ''],
  ['cau_hoi', (q) => q.question],
  ['tu_choi', (q) => (q.refused ? '1' : '0')],
  ['danh_gia', (q) => String(q.rating)],
  ['gop_y', (q) => q.comments.join(' | ')],
  ['trang_thai', (q) => q.status],
  ['nguoi_phu_trach', (q) => q.assignee ?? ''],
  ['ghi_chu', (q) => q.note ?? ''],
  ['tai_lieu_trich_dan', (q) => q.citedDocuments.join(' ')],
  ['tra_loi', (q) => q.answer],
];

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The questions as CSV text. */
export function questionsCsv(rows: readonly QuestionRow[]): string {
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const row of rows) lines.push(COLUMNS.map(([, get]) => cell(get(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
