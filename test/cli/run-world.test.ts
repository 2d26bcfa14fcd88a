// Functions that read the agent's World react to resources: value.get_str
// sees a `value` resource's value once it has run, and world.getval sees a
// kv resource's key — each change is a new graph, swapped in.

import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mgmt, requireDist } from '../helpers/cli.js';

beforeAll(() => requireDist());

function runProgram(src: string): { code: number | null; err: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mgmt-world-'));
  const file = join(dir, 'main.mcl');
  writeFileSync(file, src);
  const r = mgmt(['run', '--tmp-prefix', '--converged-timeout=1', '--lang', file]);
  return { code: r.code, err: r.err };
}

describe('functions that read the World', () => {
  it('value.get_str follows a value resource', () => {
    const { code, err } = runProgram(`import "value"
value "v1" {
	any => "from the value resource",
}
$got = value.get_str("v1")
print "p1" {
	msg => if $got->ready { $got->value } else { "not ready" },
}
`);
    expect(code).toBe(0);
    expect(err).toMatch(/print\[p1\]: Msg: not ready/);
    expect(err).toMatch(/print\[p1\]: Msg: from the value resource/);
  });

  it('world.getval follows a kv resource', () => {
    const { code, err } = runProgram(`import "world"
kv "greeting" {
	value => "hello",
}
$kv = world.getval("greeting")
print "p2" {
	msg => if $kv->exists { "got: " + $kv->value } else { "missing" },
}
`);
    expect(code).toBe(0);
    expect(err).toMatch(/print\[p2\]: Msg: got: hello/);
  });
});
