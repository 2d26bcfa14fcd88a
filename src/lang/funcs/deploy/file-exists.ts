// deploy.file_exists: whether a path exists in the deploy, relative to the calling module.

import { existsSync } from 'node:fs';
import type { FuncDef } from '../registry.js';
import { deployAbs, localPath } from './paths.js';

export const fileExists: FuncDef = {
  name: 'file_exists',
  sig: 'func(filename str) bool',
  fn: ([filename], ctx) => {
    const local = localPath(deployAbs(filename as string, ctx.base), ctx);
    const exists = existsSync(local);
    // A missing file is watched for its creation; an existing one for any change.
    ctx.env.onDeployRead?.(local, exists ? undefined : { text: undefined });
    return exists;
  },
  doc: 'Whether a file or directory exists in the deploy, the path taken from the calling module\'s directory.',
};
