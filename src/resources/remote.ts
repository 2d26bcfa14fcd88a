// remote: starts (or stops) an mgmt agent on another host over SSH, with the
// machinery of `mgmt run --remote` (src/remote/). The params are upstream's;
// what runs is src/remote/resource.ts, loaded only when a graph has one.

import type { KindDef, ResourceSpec } from './kind.js';
import { getBool, getInt, getStr, has, param } from './common.js';
import { parseTarget, type Target } from '../remote/url.js';
import { RemoteResource } from '../remote/resource.js';

/** The URL: the `remote` param, else the name; `host` and `host:22` mean ssh://host. */
export function remoteTarget(spec: ResourceSpec): Target {
  const raw = getStr(spec, 'remote') || spec.name;
  return parseTarget(raw.includes('://') ? raw : `ssh://${raw}`);
}

function validate(spec: ResourceSpec): string | undefined {
  let t: Target;
  try {
    t = remoteTarget(spec);
  } catch (e) {
    return `can't parse the Remote: ${(e as Error).message}`;
  }
  if (t.password !== undefined && !getBool(spec, 'allow_cleartext_password')) return 'cleartext password found in the Remote URL: use a key, or set allow_cleartext_password => true (it ends up in logs and the process list)';
  if (t.path) return `the Remote URL has a path (${t.path}): the remote agent runs this same program, so give ssh://user@host:port/ only`;
  const transient = getBool(spec, 'transient', true);
  const tunnelled = getBool(spec, 'tunnelled', true);
  if (!transient && tunnelled) return 'the Transient param must be true when Tunnelled is true (the tunnel closes when this resource stops); set tunnelled => false';
  if (has(spec, 'converger_timeout')) {
    if (getInt(spec, 'converger_timeout') < 0n) return 'the ConvergerTimeout cannot be negative';
    if (!transient) return 'the Transient param must be true when ConvergerTimeout is set (the agent exits on its own)';
  }
  const addr = getStr(spec, 'tunnel_addr');
  if (tunnelled && addr && !/^(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/.test(addr)) return `can't parse the TunnelAddr \`${addr}\`: expected 127.0.0.1:PORT (the port on the remote host's loopback; 0 for any)`;
  const key = getStr(spec, 'hostkey').trim();
  if (key && !/^SHA256:[A-Za-z0-9+/]+=*$/.test(key) && !/^([a-z0-9@.-]+\s+)?[A-Za-z0-9+/]+=*$/.test(key)) return 'invalid known_hosts key in HostKey: give the base64 key as ssh-keyscan prints it (optionally after its type), or SHA256:…';
  return undefined;
}

export const kind: KindDef = {
  kind: 'remote',
  doc: 'Starts (or stops) an mgmt agent on another host over SSH; it runs this same program under its own hostname.',
  params: [
    param('remote', 'str', 'the SSH URL, `ssh://user@host:port/`; default: the resource\'s name'),
    param('hostname', 'str', 'the hostname the remote agent uses (its `$hostname`); default: the URL\'s host, as with `mgmt run --remote`'),
    param('state', 'str', '`running` (default) or `stopped`', { oneOf: ['running', 'stopped', ''] }),
    param('ssh_id', 'str', 'the private key to log in with; default: ssh-agent and ~/.ssh/id_*', { field: 'SSHID', ptr: true }),
    param('hostkey', 'str', 'the host key to accept instead of known_hosts (base64 as ssh-keyscan prints it, or SHA256:…)', { field: 'HostKey' }),
    param('interactive', 'bool', 'ask for a password on the terminal when keys fail; default false'),
    param('interactive_timeout', 'int', 'with interactive: seconds to log in while a password may be typed (default 120)', { int: 'uint' }),
    param('max_password_tries', 'int', 'how many typed passwords to try (default 3, as `mgmt run --remote`)'),
    param('allow_cleartext_password', 'bool', 'allow a password in the URL; default false'),
    param('caching', 'bool', 'keep mgmt in the remote cache (~/.cache/mgmt/remote) between runs; default true'),
    param('transient', 'bool', 'stop the remote agent when this resource stops; default true'),
    param('tunnelled', 'bool', 'tunnel the remote agent\'s World back to this run\'s etcd over SSH; default true'),
    param('tunnel_addr', 'str', 'where the tunnel listens on the remote host; default 127.0.0.1:2379'),
    param('install_deps', 'bool', 'accepted; nothing to install: the shipped mgmt is self-contained'),
    param('converger_timeout', 'int', 'the remote agent exits this many seconds after it converged, and this resource waits for that; default: this run\'s --converged-timeout when transient', { ptr: true }),
  ],
  validate,
  create: (spec) => new RemoteResource(spec),
};
