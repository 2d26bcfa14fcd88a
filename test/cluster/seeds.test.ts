// `mgmt run --seeds`: bad input is a usage error naming the problem; an etcd
// that cannot be reached is said in the log, and the agent neither crashes
// nor hangs (--max-runtime still ends it).

import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mgmt, requireDist } from '../helpers/cli.js';
import { freePort } from '../helpers/net.js';

let graph: string;

beforeAll(() => {
  requireDist();
  const dir = mkdtempSync(join(tmpdir(), 'mgmt-seeds-'));
  graph = join(dir, 'g.yaml');
  writeFileSync(graph, `resources:\n  file:\n  - name: f\n    path: "${dir}/f"\n    content: "x"\n    state: exists\ncollect:\n- kind: file\n  pattern: "${dir}/c/"\n`);
});

describe('mgmt run --seeds', () => {
  it('refuses what is not a client URL, and a hostname etcd keys cannot hold', () => {
    let r = mgmt(['run', '--tmp-prefix', '--seeds', 'notaurl', '--yaml', graph]);
    expect(r.code).toBe(64);
    expect(r.err).toContain('--seeds: `notaurl` is not a URL');
    r = mgmt(['run', '--tmp-prefix', '--seeds', 'ftp://127.0.0.1:1', '--yaml', graph]);
    expect(r.code).toBe(64);
    expect(r.err).toContain('must start with http:// or https://');
    r = mgmt(['run', '--tmp-prefix', '--seeds', 'http://127.0.0.1:1', '--hostname', 'a/b', '--yaml', graph]);
    expect(r.code).toBe(64);
    expect(r.err).toContain('the hostname `a/b` cannot name an etcd member');
  });

  it('ends at once, saying how to start a cluster, when --seeds reach no etcd', async () => {
    const port = await freePort();
    const t0 = Date.now();
    const r = mgmt(['run', '--tmp-prefix', '--seeds', `http://127.0.0.1:${port}`, '--hostname', 'a', '--yaml', graph, '--max-runtime', '30']);
    // A hang guard, not a speed claim: the cluster gives up on the seeds after ~5 s.
    expect(Date.now() - t0).toBeLessThan(25_000);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`no etcd answered at --seeds http://127.0.0.1:${port}`);
    expect(r.err).toContain('start the first host of the cluster with --cluster');
    expect(r.err).not.toContain('MaxListenersExceeded');
  });
});
