// value.get_bool: value.get with the value's type fixed to bool.

import { getFunc } from './pending.js';

export const getBool = getFunc('get_bool', 'bool');
