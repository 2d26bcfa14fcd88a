// Parse failures are catchable by `<|>`.

import { CatchableError } from '../registry.js';
import type { Value } from '../../types/value.js';
import { ParseError } from './strconv.js';

export function catching(parse: () => Value): Value {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ParseError) throw new CatchableError(e.message);
    throw e;
  }
}
