import { describe, expect, it } from 'vitest';
import { module as world } from '../../../src/lang/funcs/world/index.js';
import { module as collect } from '../../../src/lang/funcs/world/collect/index.js';
import { formatValue } from '../../../src/lang/types/value.js';
import { find, start } from './host-harness.js';

// Without a World (`mgmt graph`, `check`): each function reports "nothing" once.
describe('world and world/collect without a World store', () => {
  it('emit their empty values', async () => {
    const cases: [typeof world, string, string][] = [
      [world, 'getval', 'struct{value: ""; exists: false}'],
      [world, 'kvlookup', '{}'],
      [world, 'schedule', '[]'],
      [collect, 'res', '[]'],
    ];
    for (const [mod, name, want] of cases) {
      const run = start(find(mod, name), ['x']);
      await run.until(1);
      run.stop();
      expect(run.values.map(formatValue)).toEqual([want]);
    }
  });
});
