// The remote agent's way back to the initiator's etcd: a remote port forward
// (ssh2 forwardIn) on the remote host's 127.0.0.1, each connection to it
// piped to the etcd client URL over the same SSH connection.

import { connect as netConnect } from 'node:net';
import type { Client } from 'ssh2';

/** Open the forward (on `remotePort`, or any free one); resolves to the port on the remote host's 127.0.0.1. */
export function openTunnel(c: Client, etcd: string, remotePort = 0): Promise<number> {
  const u = new URL(etcd);
  const port = Number(u.port || 2379);
  c.on('tcp connection', (_info, accept) => {
    const ch = accept();
    const sock = netConnect(port, u.hostname);
    ch.pipe(sock).pipe(ch);
    sock.on('error', () => ch.close());
    ch.on('error', () => sock.destroy());
  });
  return new Promise((res, rej) => c.forwardIn('127.0.0.1', remotePort, (e, p) => (e ? rej(new Error(`remote port forward refused (is AllowTcpForwarding on?): ${e.message}`)) : res(p))));
}
