/**
 * Personal-data masking for logs and stored analytics (Nghị định 13/2023/NĐ-CP on personal data protection):
 * phone numbers (0xxxxxxxxx, +84…, 84…) and ID-card numbers (CMND 9 digits, CCCD 12 digits) typed by
 * residents must not be written anywhere but the inbox row that is being answered.
 */

// A run of at least 9 digits, optionally written in groups ("0912 345 678", "0912.345.678", "+84 912-345-678").
// Over-masking a long amount is cheaper than leaking an ID number, so every such run is masked.
const LONG_NUMBER = /\+?\d(?:[ .-]?\d){8,}/g;

/** Replaces every digit of phone and ID-card numbers with '*'; other text is unchanged. */
export function maskPersonalData(text: string): string {
  return text.replace(LONG_NUMBER, (run) => run.replace(/\d/g, '*'));
}

/** A short, masked preview of user text for log lines. */
export function logPreview(text: string, max = 80): string {
  const masked = maskPersonalData(text);
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}
