// strings.trim_space: strip leading and trailing white space (Go's unicode.IsSpace set).

import type { FuncDef } from '../registry.js';

// unicode.IsSpace: \t \n \v \f \r, space, U+0085, U+00A0 and the Unicode Z* spaces.
const SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING = new RegExp(`^${SPACE}+`);
const TRAILING = new RegExp(`${SPACE}+$`);

export const trimSpace: FuncDef = {
  name: 'trim_space',
  sig: 'func(a str) str',
  fn: ([a]) => (a as string).replace(LEADING, '').replace(TRAILING, ''),
  doc: 'The string without leading and trailing white space.',
};
