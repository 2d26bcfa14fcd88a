// datetime.now: the Unix time in seconds, as a stream ticking every second.

import type { FuncDef } from '../registry.js';
import { everySecond } from './clock.js';

export const now: FuncDef = {
  name: 'now',
  sig: 'func() int',
  stream: (_args, ctx) => everySecond(ctx.signal, (t) => ctx.emit(t)),
  doc: 'The current Unix time in seconds; a new value every second.',
};
