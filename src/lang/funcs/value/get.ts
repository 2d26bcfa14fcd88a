// value.get: the current value of a `value` resource, its type found by inference.

import { getFunc } from './pending.js';

export const get = getFunc('get', '?t');
