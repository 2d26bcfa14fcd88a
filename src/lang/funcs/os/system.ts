// os.system: runs `sh -c cmd` and emits each line the command prints on
// stdout, as it prints it. A new command (argument change) kills the old one.

import { childProcess } from '../../../util/builtins.js';
import { FatalError } from '../registry.js';
import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';

function run([cmd]: Value[], ctx: StreamContext): void {
  const child = childProcess().spawn('sh', ['-c', cmd as string], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!ctx.signal.aborted) ctx.emit(line);
    }
  });
  child.stdout.on('end', () => {
    // A last line without a newline still counts.
    if (pending !== '' && !ctx.signal.aborted) ctx.emit(pending);
    pending = '';
  });
  child.on('error', (err) => {
    if (!ctx.signal.aborted) ctx.fail(new FatalError(`error running command: ${err.message}`));
  });
  ctx.signal.addEventListener(
    'abort',
    () => {
      // The shell may have children of its own: kill the whole process group.
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
      }
    },
    { once: true },
  );
}

export const system: FuncDef = {
  name: 'system',
  effect: 'writes',
  sig: 'func(cmd str) str',
  stream: run,
  doc: 'Runs a shell command and emits each line of its standard output as a new value.',
};
