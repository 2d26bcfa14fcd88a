// kv: sets (or deletes) a key in the world's shared key-value store.

import type { KindDef, ResourceSpec } from './kind.js';
import { getInt, getStr, param } from './common.js';

export const kind: KindDef = {
  kind: 'kv',
  doc: 'Sets a key in the shared world key-value store to a value, or deletes it when no value is given.',
  params: [
    param('key', 'str', 'the key; default: the resource name'),
    param('value', 'str', 'the value to store; unset deletes the key', { ptr: true }),
    param('mapped', 'bool', 'store the value under this host only (a per-host map); default false'),
    param('skiplessthan', 'bool', 'do not replace a stored value that compares greater; default false', { field: 'SkipLessThan' }),
    param('skipcmpstyle', 'int', 'how skiplessthan compares: 0 as ints, 1 as strings; default 0', { field: 'SkipCmpStyle' }),
  ],
  recv: true,
  validate(res: ResourceSpec) {
    if (getStr(res, 'key', res.name) === '') return 'key must not be empty';
    const style = getInt(res, 'skipcmpstyle');
    if (style !== 0n && style !== 1n) return `the SkipCmpStyle of ${style} is invalid`;
    return undefined;
  },
};
