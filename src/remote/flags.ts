// The flags `mgmt run` takes for remote execution; kept apart from the SSH code
// so that loading `mgmt run` does not load ssh2 (src/remote/index.ts is imported on demand).

import type { FlagDef } from '../cli/command.js';

export const remoteFlags: FlagDef[] = [
  { name: 'remote', value: 'URL|FILE', help: 'run on a remote host over SSH: ssh://user@host:port/path/to/site.mcl, or a metadata.yaml or YAML file naming its `remote:` (repeatable)' },
  { name: 'cconns', value: 'N', help: 'with --remote: at most N SSH connections at once (0: no limit)', default: '0' },
  { name: 'ssh-id', value: 'FILE', help: 'with --remote: the private key to log in with (default: ssh-agent and ~/.ssh/id_*)' },
  { name: 'ssh-hostkey', value: 'KEY', help: 'with --remote: accept only this host key ("type base64" or SHA256:…) instead of known_hosts' },
  { name: 'no-caching', help: 'with --remote: copy mgmt into the temporary directory each run instead of the remote cache' },
  { name: 'remote-sea', help: 'with --remote: ship the self-contained executable even where the remote has node' },
];
