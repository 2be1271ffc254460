/**
 * Personal-data masking for stored questions, answers and comments (Nghị định 13/2023/NĐ-CP): phone
 * numbers and ID-card numbers become '*'. The one rule for the whole service: bot/ masks its logs and inbox
 * analytics with it too, so the console shows questions exactly as masked as the logs.
 */

// A run of at least 9 digits, optionally grouped ("0912 345 678", "+84 912-345-678", "0791.2345.6789").
// Over-masking a long amount is cheaper than leaking an ID number.
const LONG_NUMBER = /\+?\d(?:[ .-]?\d){8,}/g;

/** Replaces every digit of phone and ID-card numbers with '*'; other text is unchanged. */
export function maskPersonalData(text: string): string {
  return text.replace(LONG_NUMBER, (run) => run.replace(/\d/g, '*'));
}
