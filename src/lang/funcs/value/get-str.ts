// value.get_str: value.get with the value's type fixed to str.

import { getFunc } from './pending.js';

export const getStr = getFunc('get_str', 'str');
