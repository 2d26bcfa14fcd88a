// os.file_exists: whether a local path exists, updated when that changes.

import { existsSync } from 'node:fs';
import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';
import { dedupe, watchPath } from './watch.js';

function run([filename]: Value[], ctx: StreamContext): void {
  const path = filename as string;
  const emit = dedupe<boolean>((v) => ctx.emit(v), String);
  const check = (): void => emit(existsSync(path));
  check();
  watchPath(path, ctx.signal, check);
}

export const fileExists: FuncDef = {
  name: 'file_exists',
  sig: 'func(filename str) bool',
  stream: run,
  doc: 'Whether a local file or directory exists, updated when that changes.',
};
