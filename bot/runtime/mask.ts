/**
 * Personal-data masking for stored questions, answers and comments (Nghị định 13/2023/NĐ-CP): phone
 * numbers, ID-card numbers and e-mail addresses are hidden. The one rule for the whole service: bot/ masks
 * its logs and inbox analytics with it too, so the console shows questions exactly as masked as the logs.
 */

// A run of at least 9 digits, ASCII or full-width (phones type "０９１２…"), grouped however residents group
// them: "0912 345 678", "(0912) 345678", "0912 - 345 - 678", "079/203/001/234", "+84 (912) 345-678".
// Separators are at most 3 characters so a sentence with several short numbers is not one long run.
// Over-masking a long amount is cheaper than leaking an ID number.
const LONG_NUMBER = /[+(（＋]?[0-9０-９](?:[\s.\-/()（）－]{0,3}[0-9０-９]){8,}/g;
const DIGIT = /[0-9０-９]/g;
// The mailbox name identifies the person; the domain (gmail.com, dongnai.gov.vn) is kept for analytics.
const EMAIL = /[\p{L}\p{N}._%+-]+@((?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,})/gu;

/** Replaces every digit of phone and ID-card numbers with '*' and e-mail mailboxes with '***'. */
export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, '***@$1').replace(LONG_NUMBER, (run) => run.replace(DIGIT, '*'));
}
