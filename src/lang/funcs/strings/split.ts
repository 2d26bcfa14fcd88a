// strings.split: Go's strings.Split.

import type { FuncDef } from '../registry.js';

/** An empty separator splits into characters; an empty string gives `[""]` (unlike JS, for `""` on `""`). */
export function goSplit(s: string, sep: string): string[] {
  if (sep === '') return [...s];
  return s.split(sep);
}

export const split: FuncDef = {
  name: 'split',
  sig: 'func(a str, b str) []str',
  fn: ([a, b]) => goSplit(a as string, b as string),
  doc: 'The parts of a around each occurrence of separator b (an empty b splits into characters).',
};
