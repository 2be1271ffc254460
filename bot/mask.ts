/**
 * Personal-data masking for logs and stored analytics (Nghị định 13/2023/NĐ-CP on personal data protection):
 * phone numbers (0xxxxxxxxx, +84…, 84…) and ID-card numbers (CMND 9 digits, CCCD 12 digits) typed by
 * residents must not be written anywhere but the inbox row that is being answered.
 */

import { maskPersonalData } from './runtime/index.ts';

// The rule itself lives in the runtime (the console stores questions masked the same way); this file adds the log preview.
export { maskPersonalData };

/** A short, masked preview of user text for log lines. */
export function logPreview(text: string, max = 80): string {
  const masked = maskPersonalData(text);
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}
