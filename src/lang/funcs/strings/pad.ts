// strings.left_pad / right_pad: add `pad` until the byte length reaches `len`.

import type { FuncDef } from '../registry.js';
import type { Value } from '../../types/value.js';

function pad(args: Value[], left: boolean): string {
  let s = args[0] as string;
  const p = args[1] as string;
  const want = args[2] as bigint;
  if (p === '') return s;
  while (BigInt(Buffer.byteLength(s, 'utf8')) < want) s = left ? p + s : s + p;
  return s;
}

export const leftPad: FuncDef = {
  name: 'left_pad',
  sig: 'func(s str, pad str, len int) str',
  fn: (args) => pad(args, true),
  doc: 'Prepends pad to s until it is at least len bytes long (it may overshoot).',
};

export const rightPad: FuncDef = {
  name: 'right_pad',
  sig: 'func(s str, pad str, len int) str',
  fn: (args) => pad(args, false),
  doc: 'Appends pad to s until it is at least len bytes long (it may overshoot).',
};
