// When is a REPL entry complete? While a brace, bracket or paren is open, or a
// string is unterminated, the prompt asks for another line.

/** Net count of open `{`, `[` and `(` outside strings and comments, and whether a string is open. */
export function openDepth(text: string): { depth: number; inString: boolean } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
  }
  return { depth, inString };
}

/** True when more lines are needed before the entry can be evaluated. */
export function needsMore(text: string): boolean {
  const { depth, inString } = openDepth(text);
  return depth > 0 || inString;
}
