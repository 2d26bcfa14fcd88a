// The etcd client the cluster agent uses for administration, and the keys of
// the clustering protocol, in upstream mgmt's layout under /_mgmt/.
//
// etcd3's default fault handling opens a per-host circuit breaker after three
// errors, and then fails every call for 5 s: wrong for a client that must
// follow members coming and going. We turn it off (cockatiel's noop) and
// retry ourselves, each attempt with a short deadline, because a write that
// lands while the cluster has no leader otherwise blocks for ~7 s.

import { readFileSync } from 'node:fs';
import type { Etcd3 as Etcd3Type } from 'etcd3';
import { etcdLibs } from './etcd3-load.js';
import type { ClusterTls } from './flags.js';

export const NS = '/_mgmt';
export const KEYS = {
  /** Hosts that offer to run a member: value = their peer URLs, comma-separated; under the host's lease. */
  volunteers: `${NS}/volunteers/`,
  /** Hosts the elected agent told to run a member: value = their peer URLs. */
  nominated: `${NS}/nominated/`,
  /** Client URLs of running members; under the host's lease. */
  endpoints: `${NS}/endpoints/`,
  /** The number of members the cluster keeps (decimal). */
  ideal: `${NS}/idealClusterSize`,
  /** The agent that decides membership: value = its hostname; under its lease. */
  leader: `${NS}/leader`,
} as const;

export type Etcd3 = Etcd3Type;

/**
 * An etcd3 client with our fault handling (above), for the cluster agent and
 * the etcd World alike. etcd3 is loaded on first use only (etcd3-load.ts).
 * `callDeadlineMs` gives every unary call a deadline of its own.
 */
export function makeClient(hosts: string[], tls?: ClusterTls, opts: { dialTimeout?: number; callDeadlineMs?: number; watchMaxDelay?: number } = {}): Etcd3 {
  if (tls) quietIpServername();
  const { etcd3: { Etcd3 }, cockatiel: { ExponentialBackoff, noop } } = etcdLibs();
  const deadline = opts.callDeadlineMs;
  return new Etcd3({
    hosts,
    ...(tls ? { credentials: { rootCertificate: readFileSync(tls.ca), privateKey: readFileSync(tls.key), certChain: readFileSync(tls.cert) } } : {}),
    dialTimeout: opts.dialTimeout ?? 2000,
    ...(deadline ? { defaultCallOptions: (ctx: { isStream: boolean }) => (ctx.isStream ? {} : { deadline: Date.now() + deadline }) } : {}),
    faultHandling: {
      host: () => noop,
      global: noop,
      // etcd3 types this as a backoff, and calls its next(): a cockatiel factory does both.
      watchBackoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: opts.watchMaxDelay ?? 1000 }) as never,
    },
  });
}

let quieted = false;
/**
 * gRPC passes the host of an https://IP:PORT URL to TLS as the server name,
 * and Node warns (DEP0123) on every connection that this is ignored. The
 * certificate is still checked against the IP: drop that one warning only.
 */
function quietIpServername(): void {
  if (quieted) return;
  quieted = true;
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: string }).code : rest[1];
    if (code === 'DEP0123') return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Options for one attempt of a call: a deadline `ms` from now (generous: TLS handshakes on a loaded machine are slow). */
export const within = (ms = 2000) => ({ deadline: Date.now() + ms });

/**
 * Run `fn` until it succeeds or `totalMs` pass, pausing briefly between
 * attempts (each attempt brings its own deadline via `within()`).
 * `fatal` errors are thrown at once.
 */
export async function retry<T>(fn: () => Promise<T>, totalMs = 5000, fatal: (e: Error) => boolean = () => false): Promise<T> {
  const end = Date.now() + totalMs;
  let last: Error | undefined;
  for (let pause = 20; ; pause = Math.min(pause * 2, 300)) {
    try {
      return await fn();
    } catch (e) {
      last = e as Error;
      if (fatal(last) || Date.now() + pause >= end) throw last;
    }
    await sleep(pause);
  }
}

/** A URL list as upstream stores it: comma-separated. */
export const joinUrls = (urls: string[]) => urls.join(',');
export const splitUrls = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/** host → URLs of every key under a prefix. */
export async function readMap(client: Etcd3, prefix: string): Promise<Map<string, string[]>> {
  const kv = await client.getAll().prefix(prefix).options(within()).strings();
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(kv)) if (v) out.set(k.slice(prefix.length), splitUrls(v));
  return out;
}
