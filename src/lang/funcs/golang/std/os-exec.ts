// golang/os/exec: Go's exec.LookPath (table of wrappers, see table.ts).

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { goQuote } from '../../../types/value.js';
import type { Value } from '../../../types/value.js';
import { goPathError } from '../../os/go-errors.js';
import { goModule } from './table.js';
import type { GoFunc } from './table.js';

/** undefined when `path` is an executable regular file, else the Go error text. */
function findExecutable(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return 'is a directory';
    accessSync(path, constants.X_OK);
    return undefined;
  } catch (err) {
    return goPathError('stat', path, err);
  }
}

export function lookPath(file: string): string {
  if (file.includes('/')) {
    const why = findExecutable(file);
    if (why !== undefined) throw new Error(`exec: ${goQuote(file)}: ${why}`);
    return file;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    // An empty PATH entry means the current directory.
    const path = join(dir === '' ? '.' : dir, file);
    if (findExecutable(path) === undefined) return dir === '' ? './' + file : path;
  }
  throw new Error(`exec: ${goQuote(file)}: executable file not found in $PATH`);
}

export const funcs: GoFunc[] = [{ go: 'LookPath', sig: 'func(file str) str', fn: ([f]: Value[]) => lookPath(f as string) }];

export const module = goModule('os/exec', funcs);
