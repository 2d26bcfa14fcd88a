// The running pkg resource: CheckApply through PackageKit transactions and
// Watch through PackageKit's UpdatesChanged plus dpkg's status file (plain
// dpkg tells nobody). A grouped vertex checks and applies all its members
// together: one Resolve, then at most one transaction per kind of change.

import { watch as fsWatch } from 'node:fs';
import type { Message } from 'dbus-next';
import type { GroupMember, Resource, ResourceRuntime } from '../../engine/resource.js';
import type { ResourceSpec } from '../kind.js';
import { getBool } from '../common.js';
import { pkgState } from '../pkg.js';
import { matchRule } from '../../util/dbus.js';
import { PackageKit, PK, TXFLAG } from './packagekit.js';
import type { PkgInfo } from './packagekit.js';
import { compareDebVersions } from './version.js';

/** dpkg rewrites this file (via status-new + rename) after every change. */
export const DPKG_DIR = '/var/lib/dpkg';
/** Bursts of dpkg writes become one event. */
const DEBOUNCE_MS = 200;

export type Action = 'install' | 'update' | 'remove';

/**
 * Our own transactions rewrite dpkg's status too. Those writes are not drift:
 * without this, every install would be followed by a second, pointless
 * Resolve. PackageKit holds dpkg's lock meanwhile, so nobody else can change
 * packages in that window. Shared by every pkg resource of the process.
 */
const own = { running: 0, until: 0 };
const OWN_GRACE_MS = 150;
const isOwnChange = () => own.running > 0 || Date.now() < own.until;

async function ownTransaction(run: () => Promise<void>): Promise<void> {
  own.running++;
  try {
    await run();
  } finally {
    own.running--;
    own.until = Date.now() + OWN_GRACE_MS;
  }
}

/** What one member needs: nothing (in state), or an action on package ids. */
export interface Plan {
  ok: boolean;
  action?: Action;
  ids: string[];
  /** What the log says once done: `installed sl 5.02-1`. */
  what: string;
  flags: bigint;
}

const newestOf = (l: PkgInfo[]): PkgInfo | undefined => [...l].sort((a, b) => compareDebVersions(b.version, a.version))[0];

/**
 * Decide what `spec` needs, given every version PackageKit knows of its name.
 * `installed` never upgrades an installed package, and installs the newest
 * available one when absent; `newest` upgrades; a version is installed
 * exactly, downgrading only with allowdowngrade.
 */
export function plan(spec: ResourceSpec, known: PkgInfo[]): Plan {
  const name = spec.name;
  const state = pkgState(spec);
  const installed = known.filter((p) => p.installed);
  const available = known.filter((p) => !p.installed);
  let flags = getBool(spec, 'allowuntrusted') ? TXFLAG.none : TXFLAG.onlyTrusted;
  const have = newestOf(installed);
  const ok: Plan = { ok: true, ids: [], what: '', flags };
  switch (state) {
    case 'uninstalled':
      if (installed.length === 0) return ok;
      return { ok: false, action: 'remove', ids: installed.map((p) => p.id), what: `removed ${name} ${have!.version}`, flags };
    case 'installed': {
      if (have) return ok;
      const cand = newestOf(available);
      if (!cand) throw new Error(`package \`${name}\` was not found by the package manager`);
      return { ok: false, action: 'install', ids: [cand.id], what: `installed ${name} ${cand.version}`, flags };
    }
    case 'newest': {
      const cand = newestOf(known);
      if (!cand) throw new Error(`package \`${name}\` was not found by the package manager`);
      if (have && compareDebVersions(have.version, cand.version) >= 0) return ok;
      if (have) return { ok: false, action: 'update', ids: [cand.id], what: `upgraded ${name} ${have.version} → ${cand.version}`, flags };
      return { ok: false, action: 'install', ids: [cand.id], what: `installed ${name} ${cand.version}`, flags };
    }
    default: {
      // An exact version.
      if (installed.some((p) => p.version === state)) return ok;
      const want = available.find((p) => p.version === state);
      if (!want) {
        const versions = [...new Set(known.map((p) => p.version))].join(', ') || 'none';
        throw new Error(`version ${state} of package \`${name}\` is not available (known versions: ${versions})`);
      }
      if (have && compareDebVersions(have.version, state) > 0) {
        if (!getBool(spec, 'allowdowngrade')) throw new Error(`installing ${name} ${state} would downgrade it from ${have.version}: set allowdowngrade to allow it`);
        flags |= TXFLAG.allowDowngrade;
      }
      return { ok: false, action: 'install', ids: [want.id], what: `installed ${name} ${state}${have ? ` (was ${have.version})` : ''}`, flags };
    }
  }
}

export class PkgResource implements Resource {
  private pk: PackageKit | undefined;
  private connecting: Promise<PackageKit> | undefined;

  constructor(public spec: ResourceSpec) {}

  /** The shared connection, made again after the bus went away. */
  private async packagekit(): Promise<PackageKit> {
    if (this.pk && !this.pk.bus.isClosed) return this.pk;
    this.pk?.close();
    this.pk = undefined;
    this.connecting ??= PackageKit.connect().finally(() => (this.connecting = undefined));
    this.pk = await this.connecting;
    return this.pk;
  }

  async init(_rt: ResourceRuntime): Promise<void> {
    // Connect lazily: a bus that is down is a retried error, not a failed start.
  }

  async watch(rt: ResourceRuntime): Promise<void> {
    const pk = await this.packagekit();
    let timer: NodeJS.Timeout | undefined;
    const poke = () => {
      if (isOwnChange()) return;
      clearTimeout(timer);
      timer = setTimeout(() => rt.event(), DEBOUNCE_MS);
    };
    const f = { path: '/org/freedesktop/PackageKit', iface: PK, member: 'UpdatesChanged' };
    const off = await pk.bus.subscribe(matchRule(PK, f), f, (_m: Message) => poke());
    const dpkg = fsWatch(DPKG_DIR, (_ev, file) => {
      if (file === 'status') poke();
    });
    try {
      rt.running();
      await new Promise<void>((resolve, reject) => {
        if (rt.signal.aborted) return resolve();
        const offClose = pk.bus.onClose((why) => reject(new Error(why)));
        dpkg.on('error', (e) => reject(new Error(`watching ${DPKG_DIR}/status failed: ${e.message}`)));
        rt.signal.addEventListener('abort', () => {
          offClose();
          resolve();
        });
      });
    } finally {
      clearTimeout(timer);
      dpkg.close();
      off();
    }
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const [ok] = await this.checkApplyGroup([{ resource: this, rt }], apply);
    return ok;
  }

  /** Resolve every member at once, then one transaction per action and flag set. */
  async checkApplyGroup(members: GroupMember[], apply: boolean): Promise<boolean[]> {
    const pk = await this.packagekit();
    const names = [...new Set(members.map((m) => m.resource.spec.name))];
    const known = await pk.resolve(names);
    const plans = members.map((m) => plan(m.resource.spec, known.get(m.resource.spec.name) ?? []));
    if (!apply) return plans.map((p) => p.ok);
    const batches = new Map<string, { action: Action; flags: bigint; ids: Set<string>; who: number[] }>();
    plans.forEach((p, i) => {
      if (p.ok || !p.action) return;
      const key = `${p.action}:${p.flags}`;
      let b = batches.get(key);
      if (!b) batches.set(key, (b = { action: p.action, flags: p.flags, ids: new Set(), who: [] }));
      for (const id of p.ids) b.ids.add(id);
      b.who.push(i);
    });
    // Removals first, so an install never fights a removal in the same group.
    const order: Action[] = ['remove', 'install', 'update'];
    for (const b of [...batches.values()].sort((x, y) => order.indexOf(x.action) - order.indexOf(y.action))) {
      const ids = [...b.ids];
      await ownTransaction(() => (b.action === 'install' ? pk.install(ids, b.flags) : b.action === 'update' ? pk.update(ids, b.flags) : pk.remove(ids, b.flags)));
      for (const i of b.who) members[i].rt.log.info(plans[i].what);
    }
    return plans.map((p) => p.ok);
  }

  async cleanup(): Promise<void> {
    this.pk?.close();
    this.pk = undefined;
  }
}
