// The cluster flags of `mgmt run`: their definitions (spread into the
// command's flag list, so `mgmt run --help` shows them) and their parsing and
// validation into ClusterOptions. No cluster flag at all means no cluster:
// the embedded World, and no etcd.

import { readFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { resolve } from 'node:path';
import type { FlagDef, ParsedArgs } from '../cli/command.js';
import { UsageError } from '../cli/command.js';

/** Upstream's defaults (etcd's own): clients on 127.0.0.1:2379, peers on 127.0.0.1:2380. */
export const DEFAULT_CLIENT_URL = 'http://127.0.0.1:2379';
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:2380';
export const DEFAULT_IDEAL_CLUSTER_SIZE = 5;

export const clusterFlags: FlagDef[] = [
  { name: 'cluster', help: 'use an etcd cluster as the World; without --seeds, start its first etcd member here' },
  { name: 'seeds', value: 'URL,...', help: 'client URLs of a running cluster to join (start the first host with --cluster)' },
  { name: 'client-urls', value: 'URL,...', help: 'where this host\'s etcd member listens for clients', default: DEFAULT_CLIENT_URL },
  { name: 'server-urls', value: 'URL,...', help: 'where this host\'s etcd member listens for peers (with --seeds: offer to be a member)', default: DEFAULT_SERVER_URL },
  { name: 'peer-urls', value: 'URL,...', help: 'the same as --server-urls' },
  { name: 'advertise-client-urls', value: 'URL,...', help: 'client URLs other hosts use to reach this member', default: 'the --client-urls' },
  { name: 'advertise-server-urls', value: 'URL,...', help: 'peer URLs other members use to reach this member', default: 'the --server-urls' },
  { name: 'no-server', help: 'with --seeds: be a client of the cluster only, never an etcd member' },
  { name: 'stay-on-seeds', help: 'with --seeds: use only the seeds, not the client URLs the members advertise (a remote agent behind a tunnel)' },
  { name: 'cert-file', value: 'FILE', help: 'TLS certificate (PEM) of this host, for etcd\'s client and peer traffic: all URLs become https' },
  { name: 'key-file', value: 'FILE', help: 'the TLS key (PEM) of --cert-file' },
  { name: 'ca-file', value: 'FILE', help: 'the CA (PEM) that signed every host\'s certificate: only its holders may connect' },
  { name: 'ideal-cluster-size', value: 'N', help: 'how many etcd members the cluster keeps (changeable at run time: /_mgmt/idealClusterSize)', default: String(DEFAULT_IDEAL_CLUSTER_SIZE) },
];

/** The hostnames a cluster accepts (they name etcd members and keys). */
export const MEMBER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const CLUSTER_FLAG_NAMES = clusterFlags.map((f) => f.name);

/** Paths of the PEM files for TLS on client and peer traffic (mutual: each side shows a certificate of the CA). */
export interface ClusterTls {
  cert: string;
  key: string;
  ca: string;
}

export interface ClusterOptions {
  hostname: string;
  /** The agent's state directory: etcd's data and log live under it. */
  prefix: string;
  /** Client URLs of a running cluster; empty: this host starts the cluster. */
  seeds: string[];
  clientUrls: string[];
  serverUrls: string[];
  advertiseClientUrls: string[];
  advertiseServerUrls: string[];
  /** This host offers to run an etcd member (volunteers); false with --no-server. */
  server: boolean;
  /** Keep the client on the seeds instead of following /_mgmt/endpoints (--stay-on-seeds). */
  stayOnSeeds?: boolean;
  idealClusterSize: number;
  /** TLS files, when given: every URL is https. */
  tls?: ClusterTls;
}

/** Parse a comma-separated list of http(s) URLs with a port. */
export function parseUrls(flag: string, value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(',').map((s) => s.trim())) {
    if (!part) continue;
    let u: URL;
    try {
      u = new URL(part);
    } catch {
      throw new UsageError(`--${flag}: \`${part}\` is not a URL (want http://HOST:PORT)`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--${flag}: \`${part}\` must start with http:// or https://`);
    if (!u.port) throw new UsageError(`--${flag}: \`${part}\` needs a port (http://HOST:PORT)`);
    if (u.pathname !== '/' || u.search || u.hash) throw new UsageError(`--${flag}: \`${part}\` must be only a scheme, host and port`);
    out.push(`${u.protocol}//${u.host}`);
  }
  if (!out.length) throw new UsageError(`--${flag} needs at least one URL`);
  return out;
}

const WILDCARD = new Set(['0.0.0.0', '[::]', '']);

/** Two listen URLs collide when the ports agree and the hosts agree or either is a wildcard. */
function collide(a: string, b: string): boolean {
  const ua = new URL(a);
  const ub = new URL(b);
  return ua.port === ub.port && (ua.hostname === ub.hostname || WILDCARD.has(ua.hostname) || WILDCARD.has(ub.hostname));
}

/**
 * --cert-file, --key-file, --ca-file (all three or none; each must be
 * readable), for every command that talks to etcd (run, deploy).
 */
export function parseTlsFlags(str: (flag: string) => string | undefined): ClusterTls | undefined {
  const given = ['cert-file', 'key-file', 'ca-file'].filter((n) => str(n) !== undefined);
  if (!given.length) return undefined;
  if (given.length < 3) throw new UsageError(`TLS needs all of --cert-file, --key-file and --ca-file (got only ${given.map((n) => `--${n}`).join(', ')})`);
  const tls = { cert: resolve(str('cert-file')!), key: resolve(str('key-file')!), ca: resolve(str('ca-file')!) };
  for (const [flag, file] of [['cert-file', tls.cert], ['key-file', tls.key], ['ca-file', tls.ca]]) {
    try {
      readFileSync(file);
    } catch (e) {
      throw new UsageError(`--${flag} ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  }
  return tls;
}

/** The cluster options the flags ask for, or undefined when no cluster flag was given. */
export function parseClusterFlags(args: ParsedArgs, ctx: { hostname?: string; prefix: string }): ClusterOptions | undefined {
  const given = CLUSTER_FLAG_NAMES.filter((n) => args.flags.has(n) && args.flags.get(n) !== false);
  if (!given.length) return undefined;
  const str = (n: string) => args.flags.get(n) as string | undefined;
  if (str('server-urls') !== undefined && str('peer-urls') !== undefined) throw new UsageError('give --server-urls or --peer-urls, not both (they are the same flag)');
  const tls = parseTlsFlags(str);
  const scheme = tls ? 'https:' : 'http:';
  const checkScheme = (flag: string, urls: string[]) => {
    for (const u of urls) {
      if (new URL(u).protocol !== scheme) throw new UsageError(tls ? `--${flag} ${u}: with --cert-file every URL is https://` : `--${flag} ${u}: https:// needs --cert-file, --key-file and --ca-file`);
    }
    return urls;
  };
  const defUrl = (u: string) => (tls ? u.replace('http:', 'https:') : u);
  const seeds = str('seeds') !== undefined ? parseUrls('seeds', str('seeds')!) : [];
  const serverFlag = str('server-urls') !== undefined ? 'server-urls' : 'peer-urls';
  const serverGiven = str(serverFlag) !== undefined;
  const clientUrls = str('client-urls') !== undefined ? parseUrls('client-urls', str('client-urls')!) : [defUrl(DEFAULT_CLIENT_URL)];
  const serverUrls = serverGiven ? parseUrls(serverFlag, str(serverFlag)!) : [defUrl(DEFAULT_SERVER_URL)];
  checkScheme('seeds', seeds);
  checkScheme('client-urls', clientUrls);
  checkScheme(serverFlag, serverUrls);
  const noServer = args.flags.get('no-server') === true;
  if (noServer && !seeds.length) throw new UsageError('--no-server needs --seeds: a host that runs no etcd member must join one that does');
  const stayOnSeeds = args.flags.get('stay-on-seeds') === true;
  if (stayOnSeeds && !seeds.length) throw new UsageError('--stay-on-seeds needs --seeds');

  for (const c of clientUrls) {
    for (const s of serverUrls) {
      if (collide(c, s)) throw new UsageError(`--client-urls ${c} and --${serverFlag} ${s} are on the same host and port: etcd needs one port for clients and another for peers`);
    }
  }
  const advertise = (flag: string, listen: string[]) => {
    if (str(flag) !== undefined) return parseUrls(flag, str(flag)!);
    const wild = listen.find((u) => WILDCARD.has(new URL(u).hostname));
    if (wild) throw new UsageError(`${wild} listens on every address: give --${flag} with the address other hosts reach`);
    return listen;
  };
  const advertiseClientUrls = checkScheme('advertise-client-urls', advertise('advertise-client-urls', clientUrls));
  const advertiseServerUrls = checkScheme('advertise-server-urls', advertise('advertise-server-urls', serverUrls));

  let idealClusterSize = DEFAULT_IDEAL_CLUSTER_SIZE;
  const ideal = str('ideal-cluster-size');
  if (ideal !== undefined) {
    idealClusterSize = Number(ideal);
    if (!/^\s*\d+\s*$/.test(ideal) || !Number.isInteger(idealClusterSize) || idealClusterSize < 1) throw new UsageError(`--ideal-cluster-size needs a whole number of at least 1, got \`${ideal}\``);
  }
  const hostname = ctx.hostname ?? osHostname();
  if (!MEMBER_NAME.test(hostname)) throw new UsageError(`the hostname \`${hostname}\` cannot name an etcd member (use letters, digits, '.', '_' and '-'; --hostname NAME)`);

  // With --seeds a host offers to be a member only when told where to listen
  // for peers, as upstream: the default peer port would collide with the
  // first host's on one machine, and is not reachable from others.
  const server = !seeds.length || (!noServer && serverGiven);
  return { hostname, prefix: ctx.prefix, seeds, clientUrls, serverUrls, advertiseClientUrls, advertiseServerUrls, server, idealClusterSize, ...(stayOnSeeds ? { stayOnSeeds } : {}), ...(tls ? { tls } : {}) };
}
