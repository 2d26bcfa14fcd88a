// remote: runs mgmt on a remote host over SSH.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'remote',
  doc: 'Runs mgmt on a remote host over SSH.',
  params: [
    param('remote', 'str', 'the SSH URL (`ssh://user@host:22/`)'),
    param('hostname', 'str', 'the hostname the remote should use'),
    param('state', 'str', '`running` or empty'),
    param('ssh_id', 'str', 'the SSH private key file', { field: 'SSHID' }),
    param('hostkey', 'str', 'the expected host key', { field: 'HostKey' }),
    param('interactive', 'bool', 'ask for a password interactively; default false'),
    param('interactive_timeout', 'int', 'seconds to wait for the password'),
    param('max_password_tries', 'int', 'how many password attempts'),
    param('allow_cleartext_password', 'bool', 'allow a password in the URL; default false'),
    param('caching', 'bool', 'cache the mgmt binary on the remote; default false'),
    param('transient', 'bool', 'stop the remote instance when we stop; default false'),
    param('tunnelled', 'bool', 'tunnel the etcd connection through SSH; default false'),
    param('tunnel_addr', 'str', 'the local address of that tunnel'),
    param('install_deps', 'bool', 'install mgmt\'s dependencies on the remote; default false'),
    param('converger_timeout', 'int', 'seconds of convergence after which the remote exits'),
  ],
};
