// aws:ec2: manages an AWS EC2 instance.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'aws:ec2',
  doc: 'Manages an AWS EC2 instance.',
  params: [
    param('state', 'str', '`running`, `stopped` or `terminated`'),
    param('region', 'str', 'the AWS region (`us-east-1`)'),
    param('type', 'str', 'the instance type (`t2.micro`)'),
    param('imageid', 'str', 'the AMI id to boot', { field: 'ImageID' }),
    param('watchendpoint', 'str', 'the public endpoint for SNS state-change notifications', { field: 'WatchEndpoint' }),
    param('watchlistenaddr', 'str', 'the local address to receive those notifications on', { field: 'WatchListenAddr' }),
    param('erroronmalformedpost', 'bool', 'fail on a malformed notification instead of ignoring it; default false', { field: 'ErrorOnMalformedPost' }),
    param('userdata', 'str', 'cloud-init user data for the instance', { field: 'UserData' }),
  ],
};
