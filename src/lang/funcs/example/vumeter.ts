// example.vumeter: a sound level meter drawn as text. It records from the
// default ALSA device with `arecord` (a fatal error when that cannot run) and
// emits a bar ten times a second: `symbol` repeated in proportion to the
// level, up to `multiplier` times, marked ` PEAK` when the level (0..1)
// reaches `peak`.

import { childProcess } from '../../../util/builtins.js';
import { FatalError } from '../registry.js';
import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';

const RATE = 8000;
/** Samples per reading: a tenth of a second. */
const WINDOW = RATE / 10;

/** The bar for a level in 0..1. */
export function meter(symbol: string, multiplier: number, peak: number, level: number): string {
  const n = Math.max(0, Math.min(multiplier, Math.round(level * multiplier)));
  return symbol.repeat(n) + (level >= peak ? ' PEAK' : '');
}

function run([symbol, multiplier, peak]: Value[], ctx: StreamContext): void {
  const child = childProcess().spawn('arecord', ['-q', '-t', 'raw', '-f', 'S16_LE', '-r', String(RATE), '-c', '1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let buf = Buffer.alloc(0);
  child.stdout.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= WINDOW * 2) {
      let sum = 0;
      for (let i = 0; i < WINDOW; i++) sum += (buf.readInt16LE(i * 2) / 32768) ** 2;
      buf = buf.subarray(WINDOW * 2);
      if (!ctx.signal.aborted) ctx.emit(meter(symbol as string, Number(multiplier as bigint), peak as number, Math.sqrt(sum / WINDOW)));
    }
  });
  child.on('error', (err) => {
    if (!ctx.signal.aborted) ctx.fail(new FatalError(`vumeter can't record sound: ${err.message}`));
  });
  ctx.signal.addEventListener('abort', () => child.kill('SIGTERM'), { once: true });
}

export const vumeter: FuncDef = {
  name: 'vumeter',
  effect: 'writes',
  sig: 'func(symbol str, multiplier int, peak float) str',
  stream: run,
  doc: 'A live microphone level bar made of symbol (needs arecord), marked PEAK at or above peak.',
};
