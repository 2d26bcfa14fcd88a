// The `encoding` module.

import type { ModuleDef } from '../registry.js';
import { base64Decode } from './base64-decode.js';
import { base64Encode } from './base64-encode.js';
import { decodeJson, decodeJsonFlexible } from './decode-json.js';

export const module: ModuleDef = {
  path: 'encoding',
  funcs: [base64Encode, base64Decode, decodeJson, decodeJsonFlexible],
};
