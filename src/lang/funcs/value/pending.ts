// Shared body of the value.get* functions.
//
// The value of a `value` resource comes from the resource engine, which is
// not wired to functions yet: until it is, these emit the "not ready" value
// (ready false, the zero value of the type) once and wait.

import type { FuncDef, StreamContext } from '../registry.js';
import { StructValue, zeroValue } from '../../types/value.js';
import type { Type } from '../../types/type.js';

function notReady(_args: unknown[], ctx: StreamContext): void {
  const ret = ctx.type.ret;
  const field = ret.k === 'struct' ? ret.fields.find((f) => f.name === 'value') : undefined;
  const t: Type = field?.type ?? { k: 'str' };
  ctx.emit(new StructValue([['value', zeroValue(t)], ['ready', false]]));
}

export function getFunc(name: string, valueType: string): FuncDef {
  return {
    name,
    sig: `func(key str) struct{value ${valueType}; ready bool}`,
    stream: notReady,
    doc: `The value of the \`value\` resource named key, with ready false until it has one (not wired to the engine yet: always not ready).`,
  };
}
