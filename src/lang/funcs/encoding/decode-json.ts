// encoding.decode_json and decode_json_flexible: JSON text to an mcl value.
// The optional static second argument is a type string that fixes the result type.

import { InferError } from '../registry.js';
import type { FuncDef, FuncType, InferArg } from '../registry.js';
import { T, TypeParseError, parseType } from '../../types/type.js';
import type { Type } from '../../types/type.js';
import { jsonToValue, parseJson } from './json-value.js';

function infer(args: InferArg[], fresh: () => Type): FuncType {
  if (args.length < 1 || args.length > 2) throw new InferError(`expected one or two args, got: ${args.length}`);
  const data = { name: 'data', type: T.str };
  if (args.length === 1) return T.func([data], fresh()) as FuncType;
  const spec = args[1].value;
  let ret: Type;
  if (typeof spec !== 'string') {
    ret = fresh();
  } else {
    try {
      ret = parseType(spec, { lenient: true, newVar: () => fresh() });
    } catch (e) {
      if (e instanceof TypeParseError) throw new InferError('invalid type specification');
      throw e;
    }
  }
  return T.func([data, { name: 'type', type: T.str }], ret) as FuncType;
}

function decoder(name: string, flexible: boolean, doc: string): FuncDef {
  return {
    name,
    infer,
    fn: ([data], ctx) => jsonToValue(parseJson(data as string), ctx.type.ret, flexible),
    doc,
  };
}

export const decodeJson = decoder(
  'decode_json',
  false,
  'Decodes JSON into the type given by the optional static type string; missing struct fields are a catchable error.',
);

export const decodeJsonFlexible = decoder(
  'decode_json_flexible',
  true,
  'Decodes JSON like decode_json, but struct fields missing from the data get their zero value.',
);
