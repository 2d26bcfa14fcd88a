// history: the value its first argument had `index` milliseconds ago.
//
// The stream restarts whenever an argument changes, so the record of past
// values must outlive one run: it is kept per call site, keyed by the call's
// solved type object (one per function-graph node), and dropped with it.

import { FatalError } from '../registry.js';
import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';

interface Seen {
  at: number;
  value: Value;
}

const records = new WeakMap<object, Seen[]>();

/** The value current at time `t`, or undefined when nothing was seen by then. */
function valueAt(seen: Seen[], t: number): Value | undefined {
  let found: Value | undefined;
  for (const s of seen) if (s.at <= t) found = s.value;
  return found;
}

function run([value, index]: Value[], ctx: StreamContext): void {
  const delay = Number(index as bigint);
  if (delay < 0) {
    ctx.fail(new FatalError(`can't use a negative index of ${delay}`));
    return;
  }
  const seen = records.get(ctx.type) ?? [];
  records.set(ctx.type, seen);
  const now = Date.now();
  seen.push({ at: now, value });
  // Forget what can never be asked for again (the newest entry older than the window stays).
  while (seen.length > 1 && seen[1].at <= now - delay) seen.shift();

  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    const t = Date.now();
    const v = valueAt(seen, t - delay);
    if (v !== undefined) ctx.emit(v);
    // Wake when the next recorded change becomes `delay` old.
    const next = seen.find((s) => s.at > t - delay);
    if (next && !ctx.signal.aborted) timer = setTimeout(tick, Math.max(0, next.at + delay - Date.now()));
  };
  ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  tick();
}

export const history: FuncDef = {
  name: 'history',
  sig: 'func(value ?t, index int) ?t',
  stream: run,
  doc: 'The value that its first argument had index milliseconds ago.',
};
