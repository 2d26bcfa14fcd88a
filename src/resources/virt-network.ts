// virt:network: manages a libvirt virtual network; its hosts and ranges group into it.

import type { KindDef } from './kind.js';
import { groupChildren, param } from './common.js';

export const kind: KindDef = {
  kind: 'virt:network',
  doc: 'Manages a libvirt virtual network; its hosts and ranges group into it.',
  params: [
    param('uri', 'str', 'the libvirt URI', { field: 'URI' }),
    param('state', 'str', '`running` or `stopped`'),
    param('transient', 'bool', 'a transient network; default false'),
    param('startup', 'str', '`enabled` (autostart) or `disabled`'),
    param('uuid', 'str', 'the network UUID', { field: 'UUID' }),
    param('device', 'str', 'the bridge device'),
    param('mode', 'str', 'the forward mode (`nat`, `route`…)'),
    param('mac', 'str', 'the bridge MAC address'),
    param('ip', 'str', 'the bridge address in CIDR notation', { field: 'IP' }),
    param('purge_hosts', 'bool', 'remove DHCP hosts not managed here; default false'),
    param('purge_ranges', 'bool', 'remove DHCP ranges not managed here; default false'),
    param('auth', 'struct{username str; password str}', 'credentials for the libvirt URI'),
  ],
  groupCmp: groupChildren({ 'virt:network:host': 'network', 'virt:network:range': 'network' }),
};
