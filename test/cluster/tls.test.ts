// TLS on client and peer traffic: with --cert-file, --key-file and --ca-file,
// two agents make a cluster over https, etcdctl with a certificate of the CA
// sees it, and a client without one is turned away.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireDist } from '../helpers/cli.js';
import { makeCerts } from '../helpers/certs.js';
import { Harness, etcdMissing, etcdPidsUnder, etcdctl, freePort, until } from './harness.js';
import { describeNeeding } from '../helpers/components.js';

let h: Harness;
beforeAll(() => requireDist());
afterEach(() => h?.teardown());

describeNeeding('TLS', etcdMissing, () => {
  it('makes a cluster over https with mutual TLS', { timeout: 60_000 }, async () => {
    h = new Harness();
    const c = makeCerts(h.dir);
    const tlsFlags = ['--cert-file', c.cert, '--key-file', c.key, '--ca-file', c.ca];
    const urls = async (ip: string) => [`https://${ip}:${await freePort(ip)}`, `https://${ip}:${await freePort(ip)}`];
    const [c1, s1] = await urls('127.0.0.1');
    const h1 = h.spawn('h1', ['--cluster', '--ideal-cluster-size', '2', '--client-urls', c1, '--server-urls', s1, ...tlsFlags], c1, s1);
    await h1.waitFor(/joined the cluster as h1/);
    const [c2, s2] = await urls('127.0.0.2');
    const h2 = h.spawn('h2', ['--seeds', c1, '--client-urls', c2, '--server-urls', s2, ...tlsFlags], c2, s2);
    await h2.waitFor(/etcd member h2 joined the cluster/);

    const withCert = ['--cacert', c.ca, '--cert', c.cert, '--key', c.key];
    await until(() => /h1, https:\/\/127\.0\.0\.1.*\n.*h2, https:\/\/127\.0\.0\.2|h2, https:\/\/127\.0\.0\.2.*\n.*h1, https:\/\/127\.0\.0\.1/.test(etcdctl([c1], [...withCert, 'member', 'list']).out), 10_000, 'no 2-member https cluster');
    expect(etcdctl([c2], [...withCert, 'put', 'k', 'v']).code).toBe(0);
    expect(etcdctl([c1], [...withCert, 'get', 'k', '--print-value-only']).out.trim()).toBe('v');
    // No certificate of the CA: refused.
    expect(etcdctl([c1], ['--cacert', c.ca, 'get', 'k']).code).not.toBe(0);
    expect(etcdctl([c1.replace('https', 'http')], ['get', 'k']).code).not.toBe(0);

    h2.proc.kill('SIGTERM');
    expect(await h2.exited).toBe(143);
    h1.proc.kill('SIGTERM');
    expect(await h1.exited).toBe(143);
    for (const a of [h1, h2]) expect(a.err()).not.toMatch(/DeprecationWarning/);
    await until(() => etcdPidsUnder(h.dir).length === 0, 5000, 'etcd left running');
  });
});
