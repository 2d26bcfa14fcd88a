// The scheduler across real agents: three `mgmt run` processes on one etcd,
// each with a `schedule` resource (max 2, ttl 2) and a file showing
// world.schedule. Exactly two are chosen and all three agree; kill -9 of a
// chosen agent: its entry expires with its lease and the third takes its
// place; a chosen agent that withdraws (its program flips to withdraw => true)
// leaves one.

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentsOnEtcd, read, startAgent, waitFor } from '../helpers/agents.js';
import type { Agent } from '../helpers/agents.js';
import { describeNeeding } from '../helpers/components.js';
import { etcdMissing } from './harness.js';

const fx = agentsOnEtcd('mgmt-schedule-');

function program(base: string): string {
  return `import "golang/strings" as gs
import "os"
import "world"

$want = gs.trim_space(os.readfile("${base}/\${hostname}-in")) == "yes"
if $want {
	schedule "web" {
		strategy => "rr",
		max => 2,
		ttl => 2,
	}
} else {
	schedule "web" {
		withdraw => true,
	}
}
file "${base}/\${hostname}-set" {
	state => "exists",
	content => gs.join(world.schedule("web"), ",") + "\\n",
}
`;
}

describeNeeding('the scheduler across agents', etcdMissing, () => {
  it('three agents, max 2: two chosen and all agree; kill -9 of one → the third in its place; withdraw → one left', { timeout: 90_000 }, async () => {
    const base = fx.base;
    const hosts = ['s1', 's2', 's3'];
    writeFileSync(join(base, 'p.mcl'), program(base));
    for (const h of hosts) writeFileSync(join(base, `${h}-in`), 'yes\n');
    const agents = new Map<string, Agent>();
    for (const h of hosts) {
      const a = startAgent(h, join(base, `prefix-${h}`), ['--lang', join(base, 'p.mcl')], fx.etcd.url);
      agents.set(h, a);
      fx.agents.push(a);
    }
    const set = (h: string) => read(join(base, `${h}-set`))?.trim();
    const logs = () => hosts.map((h) => `--- ${h}\n${agents.get(h)!.log()}`).join('\n');
    const agree = (among: string[], want: (v: string[]) => boolean) => () => {
      const v = among.map(set);
      return v.every((x) => x === v[0]) && v[0] !== undefined && want(v[0].split(',').filter(Boolean));
    };
    await waitFor('two hosts chosen, all three agreeing', agree(hosts, (v) => v.length === 2), 30_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${hosts.map((h) => `${h}: ${set(h)}`).join('\n')}\n${logs()}`);
    });
    const chosen = set('s1')!.split(',');
    const third = hosts.find((h) => !chosen.includes(h))!;
    const etcdGet = (k: string) => execFileSync('etcdctl', ['--endpoints', fx.etcd.url, 'get', k, '--print-value-only'], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' } }).trim();
    expect(etcdGet('/_mgmt/scheduler/schedule/web')).toBe(chosen.join(','));
    expect(etcdGet(`/_mgmt/scheduler/hostname/${third}/web`)).toBe('maxCount=2&persist=false&sessionTTL=2&strategy=rr');

    // kill -9 of a chosen agent (it may be the one deciding): its lease runs out, and the third takes its place.
    const [victim, stays] = chosen;
    const t0 = Date.now();
    agents.get(victim)!.proc.kill('SIGKILL');
    await agents.get(victim)!.exited;
    const alive = hosts.filter((h) => h !== victim);
    const want = [stays, third].sort().join(',');
    await waitFor(`${want} on both live agents`, agree(alive, (v) => v.join(',') === want), 20_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${alive.map((h) => `${h}: ${set(h)}`).join('\n')}\n${logs()}`);
    });
    const replaced = Date.now() - t0;

    // The chosen one that stays withdraws: only the third is left.
    writeFileSync(join(base, `${stays}-in`), 'no\n');
    await waitFor(`${third} alone`, agree(alive, (v) => v.join(',') === third), 15_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${alive.map((h) => `${h}: ${set(h)}`).join('\n')}\n${logs()}`);
    });
    expect(agents.get(stays)!.log()).toMatch(/schedule\[web\]: withdrawn/);
    console.log(`schedule: chosen agent killed → replaced in ${replaced} ms (entry ttl 2 s; the decider's election lease 5 s)`);
  });
});
