// datetime.str_now: datetime.now as a decimal string.

import type { FuncDef } from '../registry.js';
import { everySecond } from './clock.js';

export const strNow: FuncDef = {
  name: 'str_now',
  sig: 'func() str',
  stream: (_args, ctx) => everySecond(ctx.signal, (t) => ctx.emit(t.toString())),
  doc: 'The current Unix time in seconds as a string; a new value every second.',
};
