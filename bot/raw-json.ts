/**
 * JSON.parse that keeps integers too large for a double as strings. Zalo ids are 18–19 digit integers; a
 * sender that writes them as bare numbers (PHP and Java encoders do) would otherwise have them rounded, and
 * the reply would go to someone else (issue 10, defect 9). Safe integers and other numbers parse as usual;
 * events.ts turns every id into a string either way.
 */

/** Parses JSON text; integer literals outside strings beyond ±2^53 become their decimal string. */
export function parseJsonKeepingBigInts(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

/** Rewrites the text so that every unsafe integer literal is a JSON string; everything else is untouched. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote, honouring escapes
      i += 1;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      i += 1;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i += 1;
      while (i < text.length && /[0-9.eE+-]/.test(text[i]!)) i += 1;
      const literal = text.slice(start, i);
      if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(last, start)}"${literal}"`;
        last = i;
      }
      continue;
    }
    i += 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
