// A small leveled logger writing to stderr: stdout belongs to command output.

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

let threshold: Level = (process.env.MGMT_LOG as Level) in ORDER ? (process.env.MGMT_LOG as Level) : 'info';

export function setLogLevel(l: Level): void {
  threshold = l;
}

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  /** A logger whose lines start with `prefix: `. */
  child(prefix: string): Logger;
}

function make(prefix: string): Logger {
  const emit = (level: Level, msg: string) => {
    if (ORDER[level] < ORDER[threshold]) return;
    const tag = level === 'info' ? '' : `${level}: `;
    process.stderr.write(`${tag}${prefix}${msg}\n`);
  };
  return {
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
    child: (p) => make(`${prefix}${p}: `),
  };
}

export const log: Logger = make('');

/** Run `f`, and at debug level log how long it took: `what: 1.2 ms`. */
export function timed<R>(what: string, f: () => R): R {
  const t0 = performance.now();
  const r = f();
  log.debug(`${what}: ${(performance.now() - t0).toFixed(1)} ms`);
  return r;
}
