import { describe, expect, it } from 'vitest';
import { module as value } from '../../../src/lang/funcs/value/index.js';
import { parseType } from '../../../src/lang/types/type.js';
import type { FuncType } from '../../../src/lang/funcs/registry.js';
import { formatValue } from '../../../src/lang/types/value.js';
import { find, makeEnv, start } from './host-harness.js';

describe('value.get*', () => {
  it('emit "not ready" with the zero value of the fixed type', async () => {
    const cases: [string, string][] = [
      ['get_str', 'struct{value: ""; ready: false}'],
      ['get_int', 'struct{value: 0; ready: false}'],
      ['get_bool', 'struct{value: false; ready: false}'],
      ['get_float', 'struct{value: 0; ready: false}'],
    ];
    for (const [name, want] of cases) {
      const run = start(find(value, name), ['hello1']);
      await run.until(1);
      run.stop();
      expect(formatValue(run.values[0])).toBe(want);
    }
  });

  it('get uses the solved type of the call for its zero value', async () => {
    const solved = parseType('func(key str) struct{value []int; ready bool}') as FuncType;
    const run = start(find(value, 'get'), ['k'], makeEnv(), '/', solved);
    await run.until(1);
    run.stop();
    expect(formatValue(run.values[0])).toBe('struct{value: []; ready: false}');
  });
});
