// The World's etcd client follows the cluster's members: h4, a client-only
// agent that joined when h1 was the only member (its World started on h1's
// URL alone), keeps reading and writing the World after h1 is killed while
// h2 and h3 serve — its getval follows a change, its mapped kv value and
// its exports are still there, and its converged state is still published;
// and it takes a deploy made through h2 (`--deploy` follows them too).

import { afterEach, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launcher, requireDist } from '../helpers/cli.js';
import { describeNeeding } from '../helpers/components.js';
import { Harness, etcdMissing, etcdctl, memberNames, until } from './harness.js';

let h: Harness;
beforeAll(() => requireDist());
afterEach(() => h?.teardown());

function read(f: string): string | undefined {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
}

describeNeeding('the World follows the cluster\'s endpoints', etcdMissing, () => {
  it('a client that started with one member keeps working after that member is killed', { timeout: 120_000 }, async () => {
    h = new Harness();
    writeFileSync(
      h.program,
      `import "world"
$g = world.getval("greeting")
kv "seen" {
	mapped => true,
	value => $g->value,
}
file "${h.dir}/\${hostname}-greeting" {
	state => "exists",
	content => $g->value + "\\n",
	Meta:export => ["*"],
}
`,
    );
    const h1 = await h.start(1, ['--cluster', '--ideal-cluster-size', '3']);
    await h1.waitFor(/joined the cluster as h1/);
    // h4 joins while h1 is the only member: its World starts on h1's URL alone.
    const h4 = await h.start(4, ['--seeds', h1.client, '--no-server', '--deploy']);
    await h4.waitFor(/joined the cluster as h4 \(client only\)/);
    const h2 = await h.start(2, ['--seeds', h1.client]);
    const h3 = await h.start(3, ['--seeds', h1.client]);
    await until(() => JSON.stringify(memberNames([h1.client])) === '["h1","h2","h3"]', 30_000, () => `members ${JSON.stringify(memberNames([h1.client]))}\n${h1.err()}`);
    expect(etcdctl([h1.client], ['put', '/_mgmt/strings/greeting', 'before']).code).toBe(0);
    const file = join(h.dir, 'h4-greeting');
    await until(() => read(file) === 'before\n', 15_000, () => `h4's file: ${read(file)}\n${h4.err()}`);

    h1.proc.kill('SIGKILL');
    const live = [h2.client, h3.client];
    await until(() => JSON.stringify(memberNames(live)) === '["h2","h3"]', 30_000, () => `members ${JSON.stringify(memberNames(live))}\n${h2.err()}`);
    const from = h4.err().length;
    expect(etcdctl(live, ['put', '/_mgmt/strings/greeting', 'after']).code).toBe(0);
    // h4 sees it (its watch), and writes back (its kv): both through h2 and h3 only.
    await until(() => read(file) === 'after\n', 20_000, () => `h4's file: ${read(file)}\n${h4.err()}`);
    await until(() => etcdctl(live, ['get', '/_mgmt/strings/seen/h4', '--print-value-only']).out.trim() === 'after', 10_000, 'h4\'s mapped kv value');
    // Its export is there, updated; its converged state is held by a live lease.
    expect(etcdctl(live, ['get', '--prefix', '/_mgmt/exported/*/h4/', '--keys-only']).out.trim()).toBe(`/_mgmt/exported/*/h4/file/${file}`);
    await until(() => etcdctl(live, ['get', '/_mgmt/converged/h4', '--print-value-only']).out.trim() === 'true', 10_000, 'h4 converged');
    expect(h4.proc.exitCode).toBeNull();
    expect(h4.err().slice(from)).not.toMatch(/could not follow/);

    // Its deploy follower moved to h2 and h3 as well: a deploy made there reaches it.
    const code = join(h.dir, 'deploy');
    mkdirSync(code);
    writeFileSync(join(code, 'main.mcl'), `file "${h.dir}/\${hostname}-deployed" {\n\tstate => "exists",\n\tcontent => "2\\n",\n}\n`);
    const d = spawnSync(launcher, ['deploy', '--seeds', live.join(','), '--lang', code, '--no-git'], { encoding: 'utf8', timeout: 60_000 });
    expect(d.status, d.stderr).toBe(0);
    await until(() => read(join(h.dir, 'h4-deployed')) === '2\n', 20_000, () => `h4 after the deploy\n${h4.err().slice(from)}`);
  });
});
