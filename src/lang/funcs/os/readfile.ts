// os.readfile: the contents of a local file, re-emitted whenever it changes.
// A missing or unreadable file is a catchable error, and the stream recovers
// (emits again) when the file comes back.

import { readFileSync } from 'node:fs';
import { CatchableError } from '../registry.js';
import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';
import { goPathError } from './go-errors.js';
import { watchPath } from './watch.js';

function run([filename]: Value[], ctx: StreamContext): void {
  const path = filename as string;
  // What we last reported: a content string, or an error text.
  let last: { ok: boolean; text: string } | undefined;
  const check = (): void => {
    let now: { ok: boolean; text: string };
    try {
      now = { ok: true, text: readFileSync(path, 'utf8') };
    } catch (err) {
      now = { ok: false, text: `error reading file: ${goPathError('open', path, err)}` };
    }
    if (last && last.ok === now.ok && last.text === now.text) return;
    last = now;
    if (now.ok) ctx.emit(now.text);
    else ctx.fail(new CatchableError(now.text));
  };
  check();
  watchPath(path, ctx.signal, check);
}

export const readfile: FuncDef = {
  name: 'readfile',
  sig: 'func(filename str) str',
  stream: run,
  doc: 'The contents of a local file, updated whenever it changes; a missing file is a catchable error.',
};
