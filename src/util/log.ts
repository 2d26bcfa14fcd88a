// A small leveled logger writing to stderr: stdout belongs to command output.

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Set by `setLogLevel` (a flag such as `--debug`); otherwise `$MGMT_LOG`, or info. */
let chosen: Level | undefined;

// Read when a line is logged, not when the module loads: a start-up snapshot
// (src/cli/snapshot.ts) loads the modules long before the user's environment exists.
function threshold(): Level {
  const env = process.env.MGMT_LOG as Level;
  return chosen ?? (env in ORDER ? env : 'info');
}

/** Log at `l` and above; undefined goes back to `$MGMT_LOG` (or info). */
export function setLogLevel(l: Level | undefined): void {
  chosen = l;
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
    if (ORDER[level] < ORDER[threshold()]) return;
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
