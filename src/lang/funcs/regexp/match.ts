// regexp.match: does the RE2 pattern match anywhere in s?

import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { Re2Error, compileRe2 } from './re2.js';

// Patterns are usually constants, so keep the compiled forms.
const cache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    try {
      re = compileRe2(pattern);
    } catch (e) {
      if (e instanceof Re2Error) throw new FatalError(e.message);
      throw e;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

export const match: FuncDef = {
  name: 'match',
  sig: 'func(pattern str, s str) bool',
  fn: ([pattern, s]) => compiled(pattern as string).test(s as string),
  doc: 'True when the RE2 pattern matches somewhere in s (unanchored).',
};
