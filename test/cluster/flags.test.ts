// The cluster flags of `mgmt run`: what they mean, and the clear errors for
// flags that cannot work together. Parsed through the real command's flag
// list, as the CLI does.

import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/command.js';
import { runCommand } from '../../src/cli/run.js';
import { parseClusterFlags } from '../../src/cluster/flags.js';

const parse = (...argv: string[]) => parseClusterFlags(parseArgs(argv, runCommand.flags), { hostname: 'h1', prefix: '/p' });
const fails = (re: RegExp, ...argv: string[]) => {
  expect(() => parse(...argv)).toThrow(UsageError);
  expect(() => parse(...argv)).toThrow(re);
};

describe('cluster flags', () => {
  it('no cluster flag: no cluster (the embedded World)', () => {
    expect(parse('--lang', 'x.mcl')).toBeUndefined();
  });

  it('--cluster starts a member on upstream\'s default URLs with ideal size 5', () => {
    expect(parse('--cluster')).toEqual({
      hostname: 'h1',
      prefix: '/p',
      seeds: [],
      clientUrls: ['http://127.0.0.1:2379'],
      serverUrls: ['http://127.0.0.1:2380'],
      advertiseClientUrls: ['http://127.0.0.1:2379'],
      advertiseServerUrls: ['http://127.0.0.1:2380'],
      server: true,
      idealClusterSize: 5,
    });
  });

  it('any cluster flag asks for a cluster', () => {
    expect(parse('--client-urls', 'http://127.0.0.1:3379')?.clientUrls).toEqual(['http://127.0.0.1:3379']);
    expect(parse('--ideal-cluster-size', '3')?.idealClusterSize).toBe(3);
    expect(parse('--peer-urls', 'http://10.0.0.1:3380')?.serverUrls).toEqual(['http://10.0.0.1:3380']);
  });

  it('with --seeds a host volunteers only when given --server-urls, and never with --no-server', () => {
    expect(parse('--seeds', 'http://127.0.0.1:2379')?.server).toBe(false);
    expect(parse('--seeds', 'http://127.0.0.1:2379', '--server-urls', 'http://127.0.0.2:2380', '--client-urls', 'http://127.0.0.2:2379')?.server).toBe(true);
    expect(parse('--seeds', 'http://a:1,http://b:2', '--server-urls', 'http://127.0.0.2:2380', '--no-server')).toMatchObject({ server: false, seeds: ['http://a:1', 'http://b:2'] });
  });

  it('advertised URLs default to the listen URLs, and are needed for a wildcard address', () => {
    expect(parse('--client-urls', 'http://0.0.0.0:2379', '--advertise-client-urls', 'http://10.0.0.5:2379')?.advertiseClientUrls).toEqual(['http://10.0.0.5:2379']);
    fails(/http:\/\/0\.0\.0\.0:2380 listens on every address: give --advertise-server-urls/, '--server-urls', 'http://0.0.0.0:2380');
  });

  it('refuses client and server URLs on the same host and port', () => {
    fails(/--client-urls http:\/\/127\.0\.0\.1:2379 and --server-urls http:\/\/127\.0\.0\.1:2379 are on the same host and port/, '--client-urls', 'http://127.0.0.1:2379', '--server-urls', 'http://127.0.0.1:2379');
    fails(/same host and port/, '--client-urls', 'http://0.0.0.0:4000', '--peer-urls', 'http://127.0.0.1:4000', '--advertise-client-urls', 'http://h:4000');
  });

  it('gives clear errors for bad values', () => {
    fails(/--seeds: `nope` is not a URL/, '--seeds', 'nope');
    fails(/--client-urls: `ftp:\/\/x:1` must start with http:\/\/ or https:\/\//, '--client-urls', 'ftp://x:1');
    fails(/--server-urls: `http:\/\/x` needs a port/, '--server-urls', 'http://x');
    fails(/--ideal-cluster-size needs a whole number of at least 1, got `0`/, '--ideal-cluster-size', '0');
    fails(/--ideal-cluster-size needs a whole number/, '--ideal-cluster-size', '2.5');
    fails(/--no-server needs --seeds/, '--no-server');
    fails(/--server-urls or --peer-urls, not both/, '--server-urls', 'http://a:1', '--peer-urls', 'http://a:2');
  });

  it('are listed by mgmt run --help', () => {
    const names = runCommand.flags.map((f) => f.name);
    for (const f of ['cluster', 'seeds', 'client-urls', 'server-urls', 'peer-urls', 'advertise-client-urls', 'advertise-server-urls', 'no-server', 'ideal-cluster-size']) expect(names).toContain(f);
  });
});

describe('cluster TLS flags', () => {
  const dir = new URL('.', import.meta.url).pathname;
  const file = `${dir}flags.test.ts`; // any readable file stands for a PEM here
  it('make every URL https, and need all three files', () => {
    expect(parse('--cluster', '--cert-file', file, '--key-file', file, '--ca-file', file)).toMatchObject({
      clientUrls: ['https://127.0.0.1:2379'],
      serverUrls: ['https://127.0.0.1:2380'],
      tls: { cert: file, key: file, ca: file },
    });
    fails(/TLS needs all of --cert-file, --key-file and --ca-file \(got only --cert-file\)/, '--cluster', '--cert-file', file);
    fails(/--cert-file \/nonexistent\.pem: no such file/, '--cluster', '--cert-file', '/nonexistent.pem', '--key-file', file, '--ca-file', file);
    fails(/--seeds http:\/\/127\.0\.0\.1:2379: with --cert-file every URL is https:\/\//, '--seeds', 'http://127.0.0.1:2379', '--cert-file', file, '--key-file', file, '--ca-file', file);
    fails(/--client-urls https:\/\/127\.0\.0\.1:4000: https:\/\/ needs --cert-file, --key-file and --ca-file/, '--client-urls', 'https://127.0.0.1:4000');
  });
});
