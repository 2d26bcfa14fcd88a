// encoding.base64_encode: standard alphabet, padded (Go's base64.StdEncoding).

import type { FuncDef } from '../registry.js';

export const base64Encode: FuncDef = {
  name: 'base64_encode',
  sig: 'func(data str) str',
  fn: ([data]) => Buffer.from(data as string, 'utf8').toString('base64'),
  doc: 'The standard, padded base64 encoding of the string.',
};
