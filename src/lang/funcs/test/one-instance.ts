// test.one_instance_a … one_instance_h: each returns "hello", and fails if it
// is instantiated a second time within one program run. The conformance cases
// use them to check that a bound value or a class argument is computed once
// and shared, not copied per use.
//
// "One program run" is one RuntimeEnv: upstream keeps a process-wide flag,
// but a per-env record lets one process (the test runner) run the same case
// more than once.

import { FatalError } from '../registry.js';
import type { FuncDef, RuntimeEnv } from '../registry.js';

const made = new WeakMap<RuntimeEnv, Set<string>>();

function oneInstance(letter: string): FuncDef {
  const name = `one_instance_${letter}`;
  return {
    name,
    sig: 'func() str',
    fn: (_args, ctx) => {
      const seen = made.get(ctx.env) ?? new Set<string>();
      made.set(ctx.env, seen);
      if (seen.has(name)) throw new FatalError(`function ${name} was instantiated more than once`);
      seen.add(name);
      return 'hello';
    },
    doc: 'Returns "hello"; a fatal error if instantiated twice in one run (for tests).',
  };
}

export const oneInstanceFuncs: FuncDef[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(oneInstance);
