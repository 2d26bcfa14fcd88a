// value.get_int: value.get with the value's type fixed to int.

import { getFunc } from './pending.js';

export const getInt = getFunc('get_int', 'int');
