// `mgmt run --seeds`: bad input is a usage error naming the problem; an etcd
// that cannot be reached is said in the log, and the agent neither crashes
// nor hangs (--max-runtime still ends it).

import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mgmt, requireDist } from '../helpers/cli.js';
import { freePort } from '../helpers/etcd.js';

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
    expect(r.err).toContain('must be an http:// or https:// URL');
    r = mgmt(['run', '--tmp-prefix', '--seeds', 'http://127.0.0.1:1', '--hostname', 'a/b', '--yaml', graph]);
    expect(r.code).toBe(64);
    expect(r.err).toContain('the hostname `a/b` cannot name a host in etcd keys');
  });

  it('says when etcd is unreachable and still stops at --max-runtime', async () => {
    const port = await freePort();
    const t0 = Date.now();
    const r = mgmt(['run', '--tmp-prefix', '--seeds', `http://127.0.0.1:${port}`, '--hostname', 'a', '--yaml', graph, '--max-runtime', '2']);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.err).toContain('etcd is unreachable');
    expect(r.err).toContain('max runtime of 2 s reached');
    expect(r.err).not.toContain('MaxListenersExceeded');
  });
});
