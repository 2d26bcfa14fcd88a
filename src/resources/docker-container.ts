// docker:container: manages a Docker container.

import type { KindDef, ResourceSpec } from './kind.js';
import { getStr, param } from './common.js';

export const kind: KindDef = {
  kind: 'docker:container',
  doc: 'Manages a Docker container.',
  params: [
    param('state', 'str', '`running`, `stopped` or `removed`'),
    param('image', 'str', 'the image to run'),
    param('cmd', '[]str', 'the command to run in the container'),
    param('env', '[]str', 'environment entries `NAME=value`'),
    param('ports', 'map{str: map{int: int}}', 'published ports: protocol → {host port → container port}'),
    param('apiversion', 'str', 'the Docker API version to speak', { field: 'APIVersion' }),
    param('force', 'bool', 'replace a container whose settings differ; default false'),
  ],
  validate(res: ResourceSpec) {
    const state = getStr(res, 'state');
    if (!['running', 'stopped', 'removed', ''].includes(state)) return 'state must be running, stopped or removed';
    return undefined;
  },
  // The image comes first when it is managed too.
  autoEdges(res) {
    const image = getStr(res, 'image');
    return image === '' ? [] : [{ uids: [{ kind: 'docker:image', key: image }], direction: 'before-me', firstOnly: true }];
  },
};
