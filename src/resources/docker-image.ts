// docker:image: manages a Docker image.

import type { KindDef, ResourceSpec } from './kind.js';
import { getStr, param } from './common.js';

export const kind: KindDef = {
  kind: 'docker:image',
  doc: 'Manages a Docker image.',
  params: [
    param('state', 'str', '`exists` or `absent`'),
    param('apiversion', 'str', 'the Docker API version to speak', { field: 'APIVersion' }),
  ],
  validate(res: ResourceSpec) {
    const state = getStr(res, 'state');
    if (state !== 'exists' && state !== 'absent') return 'state must be exists or absent';
    return undefined;
  },
};
