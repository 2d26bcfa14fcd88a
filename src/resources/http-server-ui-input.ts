// http:server:ui:input: an input widget on an http:server:ui page; sends what the user enters.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'http:server:ui:input',
  doc: 'An input widget on an http:server:ui page; sends what the user enters.',
  params: [
    param('path', 'str', 'the http:server:ui to group into; default: any'),
    param('id', 'str', 'the widget id; default: the resource name', { field: 'ID' }),
    param('value', 'str', 'the initial value'),
    param('store', 'str', 'where the value lives: empty (memory) or `world://`'),
    param('type', 'str', 'the widget: `text://` (default) or `range://?min=0&max=5&step=1`'),
    param('sort', 'str', 'a key to order widgets on the page'),
  ],
  sends: [{ key: 'value', type: 'str', goKind: 'ptr' }],
};
