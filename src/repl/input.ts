// When is a REPL entry complete? While a brace, bracket or paren is open, or a
// string is unterminated, the prompt asks for another line.

import { scanBrackets } from '../lang/brackets.js';

/** Net count of open `{`, `[` and `(` outside strings and comments, and whether a string is open. */
export function openDepth(text: string): { depth: number; inString: boolean } {
  const { depth, inString } = scanBrackets(text);
  return { depth, inString };
}

/** True when more lines are needed before the entry can be evaluated. */
export function needsMore(text: string): boolean {
  const { depth, inString } = openDepth(text);
  return depth > 0 || inString;
}
