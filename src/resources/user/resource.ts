// The running user resource: a user in /etc/passwd (and its groups in
// /etc/group), made with useradd, changed with usermod, removed with userdel.
// Only the params that are set are managed.

import type { Resource, ResourceRuntime } from '../../engine/resource.js';
import type { ResourceSpec } from '../kind.js';
import { getBool, getInt, getStr, getStrList, has } from '../common.js';
import { GROUP, PASSWD, readGroups, readPasswd, tool, watchFiles } from './etc.js';
import type { GroupEntry } from './etc.js';

export class UserResource implements Resource {
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  watch(rt: ResourceRuntime): Promise<void> {
    return watchFiles(rt, [PASSWD, GROUP]);
  }

  /** The primary group the params ask for, as a gid; undefined when not managed. */
  private wantedGid(groups: GroupEntry[]): number | undefined {
    if (has(this.spec, 'gid')) return Number(getInt(this.spec, 'gid'));
    const g = getStr(this.spec, 'group');
    if (g === '') return undefined;
    const found = groups.find((x) => x.name === g);
    if (!found) throw new Error(`the group \`${g}\` does not exist`);
    return found.gid;
  }

  /** The flags shared by useradd and usermod for what differs (everything, for a new user). */
  private flags(groups: GroupEntry[], have?: { uid: number; gid: number; home: string; shell: string; groups: string[] }): { args: string[]; what: string[] } {
    const args: string[] = [];
    const what: string[] = [];
    if (has(this.spec, 'uid')) {
      const uid = Number(getInt(this.spec, 'uid'));
      if (!have || have.uid !== uid) {
        args.push('-u', String(uid));
        if (getBool(this.spec, 'allowduplicateuid')) args.push('-o');
        what.push(`uid ${uid}`);
      }
    }
    const gid = this.wantedGid(groups);
    if (gid !== undefined && (!have || have.gid !== gid)) {
      args.push('-g', String(gid));
      what.push(`gid ${gid}`);
    }
    if (has(this.spec, 'groups')) {
      const want = [...new Set(getStrList(this.spec, 'groups'))].sort();
      for (const g of want) if (!groups.some((x) => x.name === g)) throw new Error(`the group \`${g}\` does not exist`);
      if (!have || want.join(',') !== [...have.groups].sort().join(',')) {
        args.push('-G', want.join(','));
        what.push(`groups [${want.join(', ')}]`);
      }
    }
    const home = getStr(this.spec, 'homedir');
    if (home !== '' && (!have || have.home !== home)) {
      args.push('-d', home);
      what.push(`home ${home}`);
    }
    const shell = getStr(this.spec, 'shell');
    if (shell !== '' && (!have || have.shell !== shell)) {
      args.push('-s', shell);
      what.push(`shell ${shell}`);
    }
    return { args, what };
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const name = this.spec.name;
    const [users, groups] = await Promise.all([readPasswd(), readGroups()]);
    const user = users.find((u) => u.name === name);
    if (getStr(this.spec, 'state') === 'absent') {
      if (!user) return true;
      if (apply) {
        await tool('userdel', [name]);
        rt.log.info('removed');
      }
      return false;
    }
    if (!user) {
      const { args, what } = this.flags(groups);
      if (apply) {
        await tool('useradd', [...args, name]);
        rt.log.info(`created${what.length ? ` with ${what.join(', ')}` : ''}`);
      }
      return false;
    }
    const member = groups.filter((g) => g.members.includes(name)).map((g) => g.name);
    const { args, what } = this.flags(groups, { ...user, groups: member });
    if (args.length === 0) return true;
    if (apply) {
      await tool('usermod', [...args, name]);
      rt.log.info(`changed: ${what.join(', ')}`);
    }
    return false;
  }

  async cleanup(): Promise<void> {}
}
