// datetime.weekday_fast: a fast-forward clock for demos, where every second
// is a day: today's weekday first, then the next one each second.

import type { FuncDef } from '../registry.js';
import { everySecond } from './clock.js';
import { localTime, weekdayName } from './go-time.js';

export const weekdayFast: FuncDef = {
  name: 'weekday_fast',
  sig: 'func() str',
  stream: (_args, ctx) => {
    let days = 0n;
    everySecond(ctx.signal, (t) => {
      ctx.emit(weekdayName(localTime(t + days * 86_400n)).toLowerCase());
      days++;
    });
  },
  doc: 'The weekday of a clock where every second is a day, starting today (for demos).',
};
