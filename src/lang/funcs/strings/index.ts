// The `strings` module.

import type { ModuleDef } from '../registry.js';
import { contains } from './contains.js';
import { hasPrefix } from './has-prefix.js';
import { hasSuffix } from './has-suffix.js';
import { joinNonempty } from './join-nonempty.js';
import { leftPad, rightPad } from './pad.js';
import { replaceAll } from './replace-all.js';
import { split } from './split.js';
import { substr } from './substr.js';
import { toLower } from './to-lower.js';
import { toUpper } from './to-upper.js';
import { trimSpace } from './trim-space.js';

export const module: ModuleDef = {
  path: 'strings',
  funcs: [contains, hasPrefix, hasSuffix, joinNonempty, leftPad, rightPad, replaceAll, split, substr, toLower, toUpper, trimSpace],
};
