// golang/path: Go's path package (table of wrappers, see table.ts).

import type { Value } from '../../../types/value.js';
import { goModule } from './table.js';
import type { GoFunc } from './table.js';
import { base, clean, dir, ext, isAbs, join, match } from './go-path.js';

const S = (v: Value): string => v as string;

export const funcs: GoFunc[] = [
  { go: 'Base', sig: 'func(path str) str', fn: ([p]) => base(S(p)) },
  { go: 'Clean', sig: 'func(path str) str', fn: ([p]) => clean(S(p)) },
  { go: 'Dir', sig: 'func(path str) str', fn: ([p]) => dir(S(p)) },
  { go: 'Ext', sig: 'func(path str) str', fn: ([p]) => ext(S(p)) },
  { go: 'IsAbs', sig: 'func(path str) bool', fn: ([p]) => isAbs(S(p)) },
  { go: 'Join', sig: 'func(elem []str) str', fn: ([e]) => join(e as string[]) },
  { go: 'Match', sig: 'func(pattern str, name str) bool', fn: ([p, n]) => match(S(p), S(n)) },
];

export const module = goModule('path', funcs);
