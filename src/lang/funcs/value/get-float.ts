// value.get_float: value.get with the value's type fixed to float.

import { getFunc } from './pending.js';

export const getFloat = getFunc('get_float', 'float');
