// Reading a file out of the deploy, shared by readfile and readfileabs. A
// missing file is catchable, like os.readfile's.

import { readFileSync } from 'node:fs';
import { CatchableError } from '../registry.js';
import type { CallContext } from '../registry.js';
import { goPathError } from '../os/go-errors.js';
import { localPath } from './paths.js';

export function readDeployFile(deployPath: string, ctx: CallContext): string {
  const local = localPath(deployPath, ctx);
  try {
    const text = readFileSync(local, 'utf8');
    ctx.env.onDeployRead?.(local, { text });
    return text;
  } catch (err) {
    ctx.env.onDeployRead?.(local, { text: undefined });
    // Name the deploy path, not where the deploy happens to sit on this disk.
    throw new CatchableError(`can't read file \`${deployPath}\`: ${goPathError('open', deployPath, err)}`);
  }
}
