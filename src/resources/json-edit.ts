// json:edit: applies jq-style assignments to a JSON document.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'json:edit',
  doc: 'Applies jq-style assignments to a JSON document.',
  params: [
    param('store', 'str', 'the document: a path, or a `file://` URL'),
    param('edits', '[]str', 'assignments like `.a.b = "x"`, applied in order'),
  ],
};
