// strings.replace_all: Go's strings.ReplaceAll.

import type { FuncDef } from '../registry.js';

/** Go's rule for an empty `old`: insert `new` before each character and at the end. */
function goReplaceAll(s: string, old: string, repl: string): string {
  if (old !== '') return s.split(old).join(repl);
  return repl + [...s].map((c) => c + repl).join('');
}

export const replaceAll: FuncDef = {
  name: 'replace_all',
  sig: 'func(s str, old str, new str) str',
  fn: ([s, o, n]) => goReplaceAll(s as string, o as string, n as string),
  doc: 'A copy of s with every occurrence of old replaced by new.',
};
