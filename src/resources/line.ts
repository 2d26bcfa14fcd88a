// line: makes sure a line is present in (or absent from) a file.

import type { KindDef, ResourceSpec } from './kind.js';
import { fileUid, getStr, param, parentDirs } from './common.js';

export const kind: KindDef = {
  kind: 'line',
  doc: 'Ensures that a line of text is present in, or absent from, a file.',
  params: [
    param('file', 'str', 'the file to edit: an absolute path (or `~…`), not a directory'),
    param('state', 'str', '`exists` or `absent`; required'),
    param('content', 'str', 'the line (without its newline)'),
    param('trim', 'bool', 'ignore surrounding whitespace when matching lines; default false'),
  ],
  validate(res: ResourceSpec) {
    const file = getStr(res, 'file');
    if (file === '') return 'file must not be empty';
    if (!file.startsWith('/') && !file.startsWith('~')) return 'file must be an absolute path';
    if (file.endsWith('/')) return 'file must not be a directory';
    const state = getStr(res, 'state');
    if (state !== 'exists' && state !== 'absent') return `state must be exists or absent, got: \`${state}\``;
    return undefined;
  },
  // The file we edit if it is managed, else its nearest managed directory.
  autoEdges(res) {
    const file = getStr(res, 'file');
    if (!file.startsWith('/')) return [];
    return [{ uids: [file, ...parentDirs(file)].map(fileUid), direction: 'before-me', firstOnly: true }];
  },
};
