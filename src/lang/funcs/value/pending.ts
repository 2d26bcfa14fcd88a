// Shared body of the value.get* functions: the current value of the `value`
// resource named `key`, from the World's local values, re-emitted whenever
// it changes. Before the resource has run (and under `mgmt graph`, which
// runs no resources) the value is not ready: ready false, the zero value.

import type { FuncDef, StreamContext } from '../registry.js';
import { StructValue, zeroValue } from '../../types/value.js';
import type { Value } from '../../types/value.js';
import type { Type } from '../../types/type.js';

function stream(args: Value[], ctx: StreamContext): void {
  const key = args[0] as string;
  const ret = ctx.type.ret;
  const field = ret.k === 'struct' ? ret.fields.find((f) => f.name === 'value') : undefined;
  const t: Type = field?.type ?? { k: 'str' };
  const world = ctx.env.world;
  const emit = () => {
    const v = world?.localValues.get(key);
    ctx.emit(new StructValue(v === undefined ? [['value', zeroValue(t)], ['ready', false]] : [['value', v], ['ready', true]]));
  };
  emit();
  if (!world) return;
  const stop = world.watchLocal(key, emit);
  ctx.signal.addEventListener('abort', stop, { once: true });
}

export function getFunc(name: string, valueType: string): FuncDef {
  return {
    name,
    sig: `func(key str) struct{value ${valueType}; ready bool}`,
    stream,
    doc: `The value of the \`value\` resource named key, and whether it has one yet (ready).`,
  };
}
