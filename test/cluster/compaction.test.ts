// A watch that comes back behind a compaction: etcd cancels it (its start
// revision is gone). The agent must watch again from now and read everything
// again, or it would never see another change. The agent is frozen (SIGSTOP)
// while etcd restarts, takes writes and compacts them, then thawed.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsOnEtcd, read, startAgent, waitFor } from '../helpers/agents.js';

const fx = agentsOnEtcd('mgmt-compaction-');

function etcdctl(...args: string[]): string {
  return execFileSync('etcdctl', ['--endpoints', fx.etcd.url, ...args], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' } });
}

describe('a World watch behind a compaction', () => {
  it('watches again and keeps following the values', { timeout: 90_000 }, async () => {
    const seen = join(fx.base, 'seen');
    writeFileSync(join(fx.base, 'p.mcl'), `import "world"\n$g = world.getval("greeting")\nfile "${seen}" {\n\tstate => "exists",\n\tcontent => $g->value + "\\n",\n}\n`);
    const a = startAgent('a', join(fx.base, 'pa'), ['--lang', join(fx.base, 'p.mcl')], fx.etcd.url);
    fx.agents.push(a);
    etcdctl('put', '/_mgmt/strings/greeting', 'v1');
    await waitFor('v1', () => read(seen) === 'v1\n', 30_000);

    a.proc.kill('SIGSTOP');
    await fx.etcd.stop();
    await fx.etcd.restart();
    for (let i = 0; i < 5; i++) etcdctl('put', '/_mgmt/strings/other', String(i));
    etcdctl('put', '/_mgmt/strings/greeting', 'v2');
    const rev = JSON.parse(etcdctl('get', '/_mgmt/strings/greeting', '-w', 'json')).header.revision as number;
    etcdctl('compact', String(rev));
    a.proc.kill('SIGCONT');

    await waitFor('v2 after the compaction', () => read(seen) === 'v2\n', 30_000);
    // The watch is live again: a later change arrives too.
    etcdctl('put', '/_mgmt/strings/greeting', 'v3');
    await waitFor('v3', () => read(seen) === 'v3\n', 15_000);
    expect(a.log()).toMatch(/watch error: .*canceled/i);
    expect(a.proc.exitCode).toBeNull();
  });
});
