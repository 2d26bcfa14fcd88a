// The `datetime` module.

import type { ModuleDef } from '../registry.js';
import { format } from './format.js';
import { hour } from './hour.js';
import { now } from './now.js';
import { print } from './print.js';
import { strNow } from './str-now.js';
import { weekday } from './weekday.js';
import { weekdayFast } from './weekday-fast.js';

export const module: ModuleDef = {
  path: 'datetime',
  funcs: [now, strNow, weekdayFast, print, format, hour, weekday],
};
