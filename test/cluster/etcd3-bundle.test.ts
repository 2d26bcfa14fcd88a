// dist/bundle/mgmt-etcd3.cjs, the etcd client for a mgmt without
// node_modules (the one shipped to remote hosts), on its own in a directory
// with no node_modules above it: it loads without etcd3's .proto files (they
// are compiled in) and talks to a real etcd: put, get, a watch and a lease.
// Its use by a shipped mgmt is test/remote/exchange.test.ts.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNeeding } from '../helpers/components.js';
import { requireDist, root } from '../helpers/cli.js';
import { startEtcd, type TestEtcd } from '../helpers/etcd.js';
import { etcdMissing } from './harness.js';

describeNeeding('the bundled etcd client (mgmt-etcd3.cjs)', etcdMissing, () => {
  let etcd: TestEtcd;
  let dir: string;
  beforeAll(async () => {
    requireDist();
    etcd = await startEtcd();
    dir = mkdtempSync(join(tmpdir(), 'mgmt-etcd3-bundle-'));
  });
  afterAll(() => {
    etcd?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('works alone, with no node_modules and no .proto files', () => {
    const file = join(dir, 'mgmt-x-etcd3.cjs');
    copyFileSync(join(root, 'dist', 'bundle', 'mgmt-etcd3.cjs'), file);
    expect(readFileSync(file, 'utf8')).not.toMatch(/rpc\.proto/);
    const script = `
      const { etcd3: { Etcd3 }, cockatiel } = require(${JSON.stringify(file)});
      const c = new Etcd3({ hosts: [${JSON.stringify(etcd.url)}], faultHandling: { host: () => cockatiel.noop, global: cockatiel.noop } });
      (async () => {
        const w = await c.watch().key('/t/w').create();
        const seen = new Promise((r) => w.on('put', (kv) => r(kv.value.toString())));
        await c.put('/t/k').value('v1');
        const lease = c.lease(5);
        await lease.put('/t/leased').value('x');
        await c.put('/t/w').value('watched');
        console.log(JSON.stringify({ k: await c.get('/t/k').string(), leased: await c.get('/t/leased').string(), watched: await seen }));
        await lease.revoke();
        await w.cancel();
        c.close();
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NODE_PATH: '' } });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ k: 'v1', leased: 'x', watched: 'watched' });
  });
});
