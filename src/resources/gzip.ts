// gzip: writes a gzip-compressed file from another file or a string.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'gzip',
  doc: 'Writes a gzip-compressed file from another file or a string.',
  params: [
    param('path', 'str', 'the output path; default: the resource name'),
    param('input', 'str', 'the file to compress'),
    param('content', 'str', 'a string to compress instead of input'),
    param('level', 'int', 'the compression level (`$const.res.gzip.level.*`)'),
  ],
};
