// deploy:tar: writes the running deploy's code out as a tar archive.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'deploy:tar',
  doc: 'Writes the running deploy\'s code out as a tar archive.',
  params: [
    param('path', 'str', 'the archive path; default: the resource name'),
    param('format', 'int', 'the tar format (`$const.res.tar.format.*`)'),
  ],
};
