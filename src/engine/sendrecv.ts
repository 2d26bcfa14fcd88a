// Send/recv: after a sender's CheckApply (which called rt.send), each
// receiver's wired params take the sent values before its own CheckApply.
// A value that does not fit the receiving param's type (possible only via
// `variant` params) fails that receiver's apply, never the engine.

import { parseType } from '../lang/types/type.js';
import type { Type } from '../lang/types/type.js';
import { FuncValue, MapValue, StructValue, formatValue, valueEqual, valueKind } from '../lang/types/value.js';
import type { Value } from '../lang/types/value.js';
import { goKindOf } from '../resources/common.js';
import type { KindDef, ResourceSpec } from '../resources/kind.js';
import type { Logger } from '../util/log.js';
import { vertexId } from './graph.js';
import type { Vertex } from './graph.js';

const typeCache = new Map<string, Type>();
function typeOf(src: string): Type {
  let t = typeCache.get(src);
  if (!t) typeCache.set(src, (t = parseType(src)));
  return t;
}

/** Does run-time value `v` fit mcl type `t`? */
export function fitsType(v: Value, t: Type): boolean {
  switch (t.k) {
    case 'bool':
      return typeof v === 'boolean';
    case 'str':
      return typeof v === 'string';
    case 'int':
      return typeof v === 'bigint';
    case 'float':
      return typeof v === 'number';
    case 'list':
      return Array.isArray(v) && v.every((x) => fitsType(x, t.elem));
    case 'map':
      return v instanceof MapValue && v.sorted().every((e) => fitsType(e.key, t.key) && fitsType(e.value, t.val));
    case 'struct':
      return v instanceof StructValue && v.fields.length === t.fields.length && t.fields.every((f, i) => v.fields[i][0] === f.name && fitsType(v.fields[i][1], f.type));
    case 'func':
      return v instanceof FuncValue;
    default:
      return true;
  }
}

/** Where a receiver's sent values come from: the latest value a vertex sent under a key. */
export type SentLookup = (senderId: string, key: string) => Value | undefined;

/**
 * Copy every newly sent value into `spec` (the running resource's params).
 * Returns the names of the params that changed; throws when a value does not fit.
 */
export function applyRecv(vertex: Vertex, spec: ResourceSpec, kind: KindDef | undefined, lookup: SentLookup, log: Logger): string[] {
  if (!vertex.recv?.size) return [];
  const changed: string[] = [];
  for (const [param, { from, key }] of vertex.recv) {
    const v = lookup(vertexId(from), key);
    if (v === undefined) continue;
    const have = spec.params.get(param);
    if (have !== undefined && valueEqual(have, v)) continue;
    const def = kind?.params.find((p) => p.name === param);
    if (def && !fitsType(v, typeOf(def.type))) {
      throw new Error(
        `could not SendRecv: mismatch: ${vertexId(from)}.${key} -> ${vertexId(spec)}.${param} (${goKindOf(def)}): ` +
          `cannot Into() ${formatValue(v)} of type ${valueKind(v)} into ${def.type}`,
      );
    }
    spec.params.set(param, v);
    changed.push(param);
    log.info(`received ${param} from ${vertexId(from)}.${key}: ${formatValue(v)}`);
  }
  return changed;
}
