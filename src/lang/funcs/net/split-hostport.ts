// net.split_hostport: Go's net.SplitHostPort, as a struct.

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { StructValue } from '../../types/value.js';

/** Go's net.SplitHostPort; throws with Go's message on bad input. */
export function splitHostPort(hostport: string): { host: string; port: string } {
  const fail = (why: string): never => {
    throw new CatchableError(`address ${hostport}: ${why}`);
  };
  const i = hostport.lastIndexOf(':');
  if (i < 0) fail('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) fail("missing ']' in address");
    if (end + 1 === hostport.length) fail('missing port in address');
    if (end + 1 !== i) fail(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) fail('too many colons in address');
  }
  if (hostport.indexOf('[', j) >= 0) fail("unexpected '[' in address");
  if (hostport.indexOf(']', k) >= 0) fail("unexpected ']' in address");
  return { host, port: hostport.slice(i + 1) };
}

export const splitHostport: FuncDef = {
  name: 'split_hostport',
  sig: 'func(hostport str) struct{host str; port str}',
  fn: ([hp]) => {
    const { host, port } = splitHostPort(hp as string);
    return new StructValue([
      ['host', host],
      ['port', port],
    ]);
  },
  doc: 'Splits "host:port" or "[v6]:port" into host and port; a catchable error if malformed.',
};
