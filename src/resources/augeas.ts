// augeas: edits a configuration file through an Augeas lens.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'augeas',
  doc: 'Edits a configuration file through an Augeas lens.',
  params: [
    param('file', 'str', 'the file to edit; default: the resource name'),
    param('lens', 'str', 'the Augeas lens to parse the file with (`Sshd.lns`)'),
    param('sets', '[]struct{path str; value str}', 'values to set: Augeas paths (relative to the file) and their values'),
  ],
};
