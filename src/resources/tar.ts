// tar: writes a tar archive of files and directories.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'tar',
  doc: 'Writes a tar archive of files and directories.',
  params: [
    param('path', 'str', 'the archive path; default: the resource name'),
    param('inputs', '[]str', 'absolute paths to archive (directories end in `/`)'),
    param('format', 'int', 'the tar format (`$const.res.tar.format.*`)'),
  ],
};
