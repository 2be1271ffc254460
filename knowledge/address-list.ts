/**
 * What of an official document's closing section is content for search. Ingest keeps the closing (number, date,
 * "Trên đây là …", "Nơi nhận:" and its list, the signer) as one section; the analyser indexes only part of it.
 */
const RECIPIENTS_LABEL = /^Nơi nhận\s*:?\s*$/u;
const CLOSING_FORMULA = /^Trên đây là\s/u;

/**
 * The chunk text without the parts of an official document's closing that hold no content: the recipient
 * list under "Nơi nhận:" and the closing formula "Trên đây là Kế hoạch …, đề nghị các đơn vị … thực hiện
 * các nhiệm vụ được giao". Every agency of the plan is also an addressee, and that formula says "nhiệm vụ
 * được giao", so indexed they would answer every "Sở X được giao nhiệm vụ gì". They stay in the chunk,
 * quoted when the question asks where the document was sent; the "Nơi nhận" label itself is indexed.
 */
export function withoutAddressList(text: string): string {
  const lines = text.split('\n');
  if (!lines.some((l) => RECIPIENTS_LABEL.test(l.trim()))) return text;
  let recipients = false;
  return lines
    .filter((line) => {
      const s = line.trim();
      if (RECIPIENTS_LABEL.test(s)) recipients = true;
      else if (recipients && /^[-+]\s/u.test(s)) return false;
      else recipients = false;
      return !CLOSING_FORMULA.test(s);
    })
    .join('\n');
}
