// The running group resource: a group in /etc/group, made with groupadd,
// changed with groupmod, removed with groupdel.

import type { Resource, ResourceRuntime } from '../../engine/resource.js';
import type { ResourceSpec } from '../kind.js';
import { getInt, getStr, has } from '../common.js';
import { GROUP, readGroups, tool, watchFiles } from './etc.js';

export class GroupResource implements Resource {
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  watch(rt: ResourceRuntime): Promise<void> {
    return watchFiles(rt, [GROUP]);
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const name = this.spec.name;
    const have = (await readGroups()).find((g) => g.name === name);
    const gid = has(this.spec, 'gid') ? Number(getInt(this.spec, 'gid')) : undefined;
    if (getStr(this.spec, 'state') === 'absent') {
      if (!have) return true;
      if (apply) {
        await tool('groupdel', [name]);
        rt.log.info('removed');
      }
      return false;
    }
    if (!have) {
      if (apply) {
        await tool('groupadd', [...(gid !== undefined ? ['-g', String(gid)] : []), name]);
        rt.log.info(`created${gid !== undefined ? ` with gid ${gid}` : ''}`);
      }
      return false;
    }
    if (gid !== undefined && have.gid !== gid) {
      if (apply) {
        await tool('groupmod', ['-g', String(gid), name]);
        rt.log.info(`gid changed from ${have.gid} to ${gid}`);
      }
      return false;
    }
    return true;
  }

  async cleanup(): Promise<void> {}
}
