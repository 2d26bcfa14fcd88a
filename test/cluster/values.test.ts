// Shared values across hosts over a real etcd: mapped `kv` resources on two
// agents and world.kvlookup on each sees both hosts' values; a plain kv set
// on one host is world.getval on the other, and follows a change.

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentsOnEtcd, read, startAgent, waitFor } from '../helpers/agents.js';

const fx = agentsOnEtcd('mgmt-values-');

function program(h: string, greeting?: string): string {
  return `import "fmt"
import "world"

kv "color" {
	mapped => true,
	value => "${h}-blue",
}
${greeting === undefined ? '' : `kv "greeting" {\n\tvalue => "${greeting}",\n}\n`}
$all = world.kvlookup("color")
$g = world.getval("greeting")
file "${fx.base}/${h}-seen" {
	state => "exists",
	content => fmt.printf("%v|%s\\n", $all, $g->value),
}
`;
}

describe('shared values across hosts (etcd)', () => {
  it('mapped kv values of both hosts reach world.kvlookup on each, and getval follows kv', async () => {
    for (const h of ['a', 'b']) writeFileSync(join(fx.base, `${h}.mcl`), program(h, h === 'a' ? 'hello' : undefined));
    for (const h of ['a', 'b']) fx.agents.push(startAgent(h, join(fx.base, `p${h}`), ['--lang', join(fx.base, `${h}.mcl`)], fx.etcd.url));
    const want = '{"a": "a-blue", "b": "b-blue"}|hello\n';
    await waitFor('both hosts to see both values', () => read(join(fx.base, 'a-seen')) === want && read(join(fx.base, 'b-seen')) === want);
    const get = (k: string) => execFileSync('etcdctl', ['--endpoints', fx.etcd.url, 'get', k, '--print-value-only'], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' } }).trim();
    expect(get('/_mgmt/strings/color/b')).toBe('b-blue');
    expect(get('/_mgmt/strings/greeting')).toBe('hello');
    writeFileSync(join(fx.base, 'a.mcl'), program('a', 'bonjour'));
    await waitFor('b to see the new greeting', () => read(join(fx.base, 'b-seen')) === '{"a": "a-blue", "b": "b-blue"}|bonjour\n');
  });
});
