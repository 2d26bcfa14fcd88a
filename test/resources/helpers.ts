import { DEFAULT_META, type MetaParams, type ResourceSpec } from '../../src/resources/kind.js';
import type { Value } from '../../src/lang/types/value.js';

/** A resource spec as the interpreter would hand it over. */
export function spec(kind: string, name: string, params: Record<string, Value> = {}, meta: Partial<MetaParams> = {}): ResourceSpec {
  return { kind, name, params: new Map(Object.entries(params)), meta: { ...DEFAULT_META, ...meta } };
}
