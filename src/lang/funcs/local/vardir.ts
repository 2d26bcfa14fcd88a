// local.vardir: a private state directory on this machine, made on demand.

import { mkdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';

export const vardir: FuncDef = {
  name: 'vardir',
  effect: 'writes',
  sig: 'func(path str) str',
  fn: ([path], ctx) => {
    const p = path as string;
    if (p.startsWith('/')) throw new FatalError('path must be relative');
    if (!p.endsWith('/')) throw new FatalError('path must be a dir');
    const clean = posix.normalize(p);
    if (clean === '../' || clean.startsWith('../')) throw new FatalError('path must stay inside the vardir');
    const dir = join(ctx.env.localDir, 'vardir', clean);
    mkdirSync(dir, { recursive: true });
    return dir.endsWith('/') ? dir : dir + '/';
  },
  doc: 'Creates (if needed) and returns an absolute local state directory for a relative path ending in "/".',
};
