// deploy.directory: copies a directory of the deploy to the local disk, so
// that resources and os.* functions can use it, and returns where it went.
// The copy lives under env.localDir/deploy/ at the same path as in the
// deploy, and is refreshed each time the function runs.

import { cpSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { CatchableError, FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { goPathError } from '../os/go-errors.js';
import { deployAbs, localPath } from './paths.js';

export const directory: FuncDef = {
  name: 'directory',
  effect: 'writes',
  sig: 'func(directory str) str',
  fn: ([dir], ctx) => {
    const d = dir as string;
    if (!d.startsWith('/')) throw new FatalError(`directory must be absolute: ${d}`);
    if (!d.endsWith('/')) throw new FatalError(`directory must end with a slash: ${d}`);
    const abs = deployAbs(d, ctx.base);
    const from = localPath(abs, ctx);
    ctx.env.onDeployRead?.(from);
    try {
      if (!statSync(from).isDirectory()) throw new CatchableError(`not a directory: ${abs}`);
    } catch (err) {
      if (err instanceof CatchableError) throw err;
      throw new CatchableError(`can't read directory \`${abs}\`: ${goPathError('stat', abs, err)}`);
    }
    const to = join(ctx.env.localDir, 'deploy', posix.normalize(abs));
    // Start clean so files removed from the deploy do not linger in the copy.
    rmSync(to, { recursive: true, force: true });
    mkdirSync(to, { recursive: true });
    cpSync(from, to, { recursive: true });
    return to.endsWith('/') ? to : to + '/';
  },
  doc: 'Copies a deploy directory ("/files/foo/", relative to the calling module) to local disk and returns that local path, ending in "/".',
};
