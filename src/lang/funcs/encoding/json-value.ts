// Turning parsed JSON into the mcl value of a given type (decode_json).

import { CatchableError } from '../registry.js';
import { typeString } from '../../types/type.js';
import type { Type } from '../../types/type.js';
import { MapValue, StructValue, zeroValue } from '../../types/value.js';
import type { Value } from '../../types/value.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function jsonKind(j: Json): string {
  if (j === null) return 'null';
  if (Array.isArray(j)) return 'array';
  return typeof j === 'object' ? 'object' : typeof j;
}

function mismatch(j: Json, t: Type, path: string): never {
  const where = path ? ` at ${path}` : '';
  throw new CatchableError(`json: cannot unmarshal ${jsonKind(j)} into value of type ${typeString(t)}${where}`);
}

/** A map key arrives as a JSON object key, so it is always a string first. */
function mapKey(k: string, t: Type, path: string): Value {
  switch (t.k) {
    case 'str':
      return k;
    case 'int':
      if (/^-?[0-9]+$/.test(k)) return BigInt.asIntN(64, BigInt(k));
      break;
    case 'float':
      if (k.trim() !== '' && !Number.isNaN(Number(k))) return Number(k);
      break;
    case 'bool':
      if (k === 'true' || k === 'false') return k === 'true';
      break;
  }
  return mismatch(k, t, path);
}

/** The untyped reading, used when inference left the result open. */
function untyped(j: Json): Value {
  if (j === null) return '';
  if (Array.isArray(j)) return j.map(untyped);
  switch (typeof j) {
    case 'boolean':
    case 'string':
      return j;
    case 'number':
      return Number.isInteger(j) ? BigInt(j) : j;
    default:
      return MapValue.from(Object.entries(j).map(([k, v]) => [k, untyped(v)]));
  }
}

/**
 * Convert `j` to type `t`. JSON null gives the zero value. With `flexible`,
 * struct fields missing from the data get their zero value instead of failing.
 */
export function jsonToValue(j: Json, t: Type, flexible: boolean, path = ''): Value {
  if (j === null && t.k !== 'var' && t.k !== 'variant') return zeroValue(t);
  switch (t.k) {
    case 'bool':
      return typeof j === 'boolean' ? j : mismatch(j, t, path);
    case 'str':
      return typeof j === 'string' ? j : mismatch(j, t, path);
    case 'int':
      return typeof j === 'number' && Number.isInteger(j) ? BigInt.asIntN(64, BigInt(j)) : mismatch(j, t, path);
    case 'float':
      return typeof j === 'number' ? j : mismatch(j, t, path);
    case 'list':
      if (!Array.isArray(j)) return mismatch(j, t, path);
      return j.map((x, i) => jsonToValue(x, t.elem, flexible, `${path}[${i}]`));
    case 'map': {
      if (typeof j !== 'object' || j === null || Array.isArray(j)) return mismatch(j, t, path);
      const m = new MapValue();
      for (const [k, v] of Object.entries(j)) m.set(mapKey(k, t.key, path), jsonToValue(v, t.val, flexible, `${path}.${k}`));
      return m;
    }
    case 'struct': {
      if (typeof j !== 'object' || j === null || Array.isArray(j)) return mismatch(j, t, path);
      const obj = j;
      const fields = t.fields.map((f): [string, Value] => {
        // Like Go's encoding/json: an exact key first, else a case-insensitive match.
        const key = f.name in obj ? f.name : Object.keys(obj).find((k) => k.toLowerCase() === f.name.toLowerCase());
        if (key === undefined) {
          if (flexible) return [f.name, zeroValue(f.type)];
          throw new CatchableError(`json: missing struct field \`${f.name}\`${path ? ` at ${path}` : ''}`);
        }
        return [f.name, jsonToValue(obj[key], f.type, flexible, `${path}.${f.name}`)];
      });
      return new StructValue(fields);
    }
    default:
      return untyped(j);
  }
}

/** JSON.parse with the failure as a catchable error. */
export function parseJson(data: string): Json {
  try {
    return JSON.parse(data) as Json;
  } catch (e) {
    throw new CatchableError(`json: invalid data: ${(e as Error).message}`);
  }
}
