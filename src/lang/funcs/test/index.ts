// The `test` module: functions that exist for the language's own test cases.

import type { ModuleDef } from '../registry.js';
import { fastcount } from './fastcount.js';
import { forkvloop, forloop } from './forloop.js';
import { oneInstanceFuncs } from './one-instance.js';
import { oneStream } from './one-stream.js';
import { slowString } from './slow-string.js';

export const module: ModuleDef = {
  path: 'test',
  funcs: [fastcount, forkvloop, forloop, ...oneInstanceFuncs, oneStream, slowString],
};
