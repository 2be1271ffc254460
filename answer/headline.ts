/**
 * The first line of a reply holds the answer and fits a phone screen's first glance (HEADLINE_CHARS). It is
 * never a sentence cut in the middle: a first sentence too long for the line leaves the line to a short
 * heading (a list's label and count, or which source and day), and is shown whole below it.
 */
/** The shape of reply.ts's DraftFact that a headline needs (kept here: reply.ts imports this file). */
interface HeadFact<S> {
  text: string;
  sources: S[];
  label?: string;
}

/** The first line holds the answer and fits a phone screen's first glance. */
export const HEADLINE_CHARS = 160;
/** A first line cut shorter than this says too little: a heading is used instead. */
const MIN_HEADLINE_CHARS = 40;

/** Display text of a quoted line: bullets and a trailing ";" or "," of the source list dropped. */
const clean = (line: string) =>
  line
    .trim()
    .replace(/^[-•+*]\s*/, '')
    .replace(/[;,]\s*$/, '');

/**
 * Splits the first fact so its answer is the first line. "Label:\n- a\n- b" → "Label: a" then "- b"; a long
 * paragraph → its first sentence(s) within HEADLINE_CHARS, then the rest; a long list → "Label (N mục):" over
 * the items; a long single sentence → `heading` ("Thủ tục X, áp dụng ngày D") over it. Nothing is repeated.
 */
export function splitHeadline<S>(fact: HeadFact<S>, heading: string): Array<HeadFact<S>> {
  const lines = fact.text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const head = lines[0] ?? '';
  const labelled = /:$/.test(head) && lines.length > 1;
  const joined = labelled ? `${head} ${clean(lines[1] as string)}` : clean(head);
  const tail = (labelled ? lines.slice(2) : lines.slice(1)).map((l) => `- ${clean(l)}`);
  // The rest of a list keeps the sources (the same "[n]" follows its last item) and the list's label, which
  // heads it again if it has to wait for "xem thêm".
  const split = (headline: string, rest: string[]): Array<HeadFact<S>> => {
    const restText = rest.filter((l) => l.length > 0).join('\n');
    const out: Array<HeadFact<S>> = [{ text: headline, sources: fact.sources }];
    const label = labelled ? head.replace(/:$/, '') : undefined;
    if (restText.length > 0)
      out.push({ text: restText, sources: labelled ? fact.sources : [], ...(label ? { label } : {}) });
    return out;
  };
  // The line ends with its " [1]" mark: the text gets what the mark leaves.
  const max = HEADLINE_CHARS - (fact.sources.length > 0 ? 5 : 0);
  if (joined.length <= max) return split(joined, tail);
  const cut = cutAtSentence(joined, max);
  if (cut !== null && cut.length >= MIN_HEADLINE_CHARS) {
    return split(cut, [joined.slice(cut.length).replace(/^[\s;.,]+/, ''), ...tail]);
  }
  const body = { text: lines.join('\n'), sources: fact.sources };
  if (labelled && lines.length > 2) {
    const label = head.replace(/:$/, '');
    return [
      { text: `${label} (${lines.length - 1} mục):`, sources: [] },
      { ...body, text: lines.slice(1).join('\n') },
    ];
  }
  if (heading.length > 0 && heading.length < HEADLINE_CHARS) return [{ text: `${heading}:`, sources: [] }, body];
  const byWord = cutAtWord(joined, max);
  return split(byWord, [joined.slice(byWord.length).trim(), ...tail]);
}

/** The longest prefix of `text` within `max` that ends a sentence (". ", "; ", line end), or null. */
export function cutAtSentence(text: string, max: number): string | null {
  if (text.length <= max) return text;
  const window = text.slice(0, max + 1);
  let end = -1;
  // "…; Chỉ áp dụng cho …" / "…; trừ …" restrict what comes before them: no cut there.
  for (const m of window.matchAll(/[.;!?](?=\s|$)(?!\s+(?:Chỉ|chỉ|Trừ|trừ|Riêng|riêng|người khác)\s)|\n/gu))
    if ((m.index ?? 0) < max) end = m.index ?? end;
  if (end < Math.min(40, max / 3)) return null;
  return text
    .slice(0, end + 1)
    .replace(/[;\n]\s*$/, '')
    .replace(/\s+$/, '');
}

/** A cut at a word boundary that does not end on a connective ("và", "của"): the line goes on below. */
function cutAtWord(text: string, max: number): string {
  const words = text.slice(0, max).split(' ');
  words.pop();
  while (
    words.length > 1 &&
    /^(?:và|hoặc|hay|của|cho|là|thì|với|từ|tại|ở|theo|and|or|of|the|to)$/i.test(words[words.length - 1] as string)
  )
    words.pop();
  return words.join(' ').replace(/[,;:]$/, '');
}
