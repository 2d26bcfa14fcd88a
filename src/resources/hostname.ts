// hostname: sets the machine's hostnames through systemd-hostnamed.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'hostname',
  doc: 'Sets the machine\'s hostnames through systemd-hostnamed.',
  params: [
    param('hostname', 'str', 'sets all three hostnames unless they are given; default: the resource name'),
    param('pretty_hostname', 'str', 'the free-form pretty hostname'),
    param('static_hostname', 'str', 'the static hostname (/etc/hostname)'),
    param('transient_hostname', 'str', 'the transient (kernel) hostname'),
  ],
};
