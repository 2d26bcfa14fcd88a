// iter.reduce: left fold, from the first element (2 args) or from an initial value (3 args).

import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import type { FuncValue, Value } from '../../types/value.js';

function fold(acc: Value, rest: Value[], f: FuncValue): Value {
  for (const x of rest) acc = f.call([acc, x]);
  return acc;
}

export const reduce: FuncDef = {
  name: 'reduce',
  sig: [
    'func(inputs []?a, function func(accumulator ?a, input ?a) ?a) ?a',
    'func(initval ?a, inputs []?a, function func(accumulator ?a, input ?a) ?a) ?a',
  ],
  fn: (args) => {
    if (args.length === 3) return fold(args[0], args[1] as Value[], args[2] as FuncValue);
    const inputs = args[0] as Value[];
    if (inputs.length === 0) throw new FatalError('cannot reduce an empty list without an initial value');
    return fold(inputs[0], inputs.slice(1), args[1] as FuncValue);
  },
  doc: 'Folds inputs from the left with function, starting from initval or else the first element.',
};
