// Paths inside the deploy file system. The deploy's `/` is env.deployRoot on
// the local disk; each module has a base directory in it (`/` or `/mod1/`).

import { join, posix } from 'node:path';
import { FatalError } from '../registry.js';
import type { CallContext } from '../registry.js';

/** deploy.abspath: the base without its trailing `/`, then the path ("" gives the base). */
export function deployAbs(path: string, base: string): string {
  if (path === '') return base;
  if (!path.startsWith('/')) throw new FatalError(`path was not absolute: ${path}`);
  return base.replace(/\/+$/, '') + path;
}

/** Where a deploy path lives on the local disk; `..` can never climb out of the deploy. */
export function localPath(deployPath: string, ctx: CallContext): string {
  return join(ctx.env.deployRoot, posix.normalize('/' + deployPath));
}
