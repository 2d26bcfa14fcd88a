// A cheap scan of mcl text that needs no parse: which brackets are open at
// a point, and whether that point is inside a string or a comment. The REPL
// uses it to know when an entry is complete, the language server to know
// where the cursor is.

export interface BracketScan {
  /** Offsets of the brackets still open, innermost last. */
  open: number[];
  /** Net count of `{[(` minus `}])` (may go below zero on stray closers). */
  depth: number;
  inString: boolean;
  inComment: boolean;
}

/** Scan `text` up to `offset` (default: all of it). */
export function scanBrackets(text: string, offset = text.length): BracketScan {
  const open: number[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= offset) return { open, depth, inString: false, inComment: true };
      i = nl;
    } else if (c === '{' || c === '[' || c === '(') {
      open.push(i);
      depth++;
    } else if (c === '}' || c === ']' || c === ')') {
      open.pop();
      depth--;
    }
  }
  return { open, depth, inString, inComment: false };
}
