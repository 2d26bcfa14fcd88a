// golang/path/filepath: Go's path/filepath package on Unix (table of
// wrappers, see table.ts). Abs and EvalSymlinks look at the real file system.

import { realpathSync } from 'node:fs';
import type { Value } from '../../../types/value.js';
import { goPathError } from '../../os/go-errors.js';
import { goModule } from './table.js';
import type { GoFunc } from './table.js';
import { base, clean, dir, ext, isAbs, isLocal, join, match, rel, validFsPath } from './go-path.js';

const S = (v: Value): string => v as string;

function abs(p: string): string {
  return isAbs(p) ? clean(p) : join([process.cwd(), p]);
}

function evalSymlinks(p: string): string {
  try {
    // Go keeps relative results relative; realpath makes them absolute.
    const real = realpathSync(p);
    return isAbs(p) ? real : rel(process.cwd(), real);
  } catch (err) {
    throw new Error(goPathError('lstat', p, err));
  }
}

function localize(p: string): string {
  if (!validFsPath(p) || p.includes('\0')) throw new Error('invalid path');
  return p;
}

export const funcs: GoFunc[] = [
  { go: 'Abs', sig: 'func(path str) str', fn: ([p]) => abs(S(p)) },
  { go: 'Base', sig: 'func(path str) str', fn: ([p]) => base(S(p)) },
  { go: 'Clean', sig: 'func(path str) str', fn: ([p]) => clean(S(p)) },
  { go: 'Dir', sig: 'func(path str) str', fn: ([p]) => dir(S(p)) },
  { go: 'EvalSymlinks', sig: 'func(path str) str', fn: ([p]) => evalSymlinks(S(p)) },
  { go: 'Ext', sig: 'func(path str) str', fn: ([p]) => ext(S(p)) },
  { go: 'FromSlash', sig: 'func(path str) str', fn: ([p]) => S(p) },
  { go: 'IsAbs', sig: 'func(path str) bool', fn: ([p]) => isAbs(S(p)) },
  { go: 'IsLocal', sig: 'func(path str) bool', fn: ([p]) => isLocal(S(p)) },
  { go: 'Join', sig: 'func(elem []str) str', fn: ([e]) => join(e as string[]) },
  { go: 'Localize', sig: 'func(path str) str', fn: ([p]) => localize(S(p)) },
  { go: 'Match', sig: 'func(pattern str, name str) bool', fn: ([p, n]) => match(S(p), S(n)) },
  { go: 'Rel', sig: 'func(basepath str, targpath str) str', fn: ([b, t]) => rel(S(b), S(t)) },
  { go: 'ToSlash', sig: 'func(path str) str', fn: ([p]) => S(p) },
  { go: 'VolumeName', sig: 'func(path str) str', fn: () => '' },
];

export const module = goModule('path/filepath', funcs);
