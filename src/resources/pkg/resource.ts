// The running pkg resource: CheckApply through PackageKit transactions and
// Watch through PackageKit's UpdatesChanged plus dpkg's status file (plain
// dpkg tells nobody). A grouped vertex checks and applies all its members
// together: one Resolve, then at most one transaction per kind of change.
// Members that dpkg's database shows in state for certain (dpkg.ts) need no
// PackageKit at all: a check of installed packages reads one file.

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
import { dpkgInState, readDpkgStatus } from './dpkg.js';

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
  /** Bumped by cleanup: a connection that arrives afterwards is closed at once. */
  private generation = 0;
  /** Set once a check of this resource needed PackageKit; Watch then subscribes to it too. */
  private archiveMatters = false;
  private onArchiveMatters: (() => void) | undefined;

  constructor(public spec: ResourceSpec) {}

  /** The shared connection, made again after the bus went away. */
  private async packagekit(): Promise<PackageKit> {
    if (this.pk && !this.pk.bus.isClosed) return this.pk;
    this.pk?.close();
    this.pk = undefined;
    const gen = this.generation;
    this.connecting ??= PackageKit.connect().finally(() => (this.connecting = undefined));
    const pk = await this.connecting;
    if (gen !== this.generation) {
      pk.close();
      throw new Error('the pkg resource was stopped while connecting to PackageKit');
    }
    this.pk = pk;
    return pk;
  }

  async init(_rt: ResourceRuntime): Promise<void> {
    // Connect lazily: a bus that is down is a retried error, not a failed start.
  }

  /** This resource's state depends on what PackageKit says (see watch). */
  markArchiveMatters(): void {
    if (this.archiveMatters) return;
    this.archiveMatters = true;
    this.onArchiveMatters?.();
  }

  async watch(rt: ResourceRuntime): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let off: (() => void) | undefined;
    let stopped = false;
    const poke = () => {
      if (isOwnChange()) return;
      clearTimeout(timer);
      timer = setTimeout(() => rt.event(), DEBOUNCE_MS);
    };
    const subscribe = async (): Promise<PackageKit> => {
      const pk = await this.packagekit();
      const f = { path: '/org/freedesktop/PackageKit', iface: PK, member: 'UpdatesChanged' };
      const unsubscribe = await pk.bus.subscribe(matchRule(PK, f), f, (_m: Message) => poke());
      if (stopped) unsubscribe();
      else off = unsubscribe;
      return pk;
    };
    // Every change to what is installed passes through dpkg's status file.
    // PackageKit's UpdatesChanged adds news of the archive (a refresh), which
    // only matters for `newest` (subscribed before its first check) and for a
    // package dpkg does not show in state (its check talks to PackageKit
    // anyway). A package already in state needs no bus at all.
    const early = pkgState(this.spec) === 'newest';
    const pk0 = early ? await subscribe() : undefined;
    const dpkg = fsWatch(DPKG_DIR, (_ev, file) => {
      if (file === 'status') poke();
    });
    try {
      rt.running();
      await new Promise<void>((resolve, reject) => {
        if (rt.signal.aborted) return resolve();
        let offClose = () => {};
        const watchBus = (pk: PackageKit) => {
          if (rt.signal.aborted) return;
          offClose = pk.bus.onClose((why) => reject(new Error(why)));
        };
        const later = () => {
          this.onArchiveMatters = undefined;
          if (!rt.signal.aborted) subscribe().then(watchBus, (e: unknown) => (rt.signal.aborted ? resolve() : reject(e)));
        };
        if (pk0) watchBus(pk0);
        else if (this.archiveMatters) later();
        else this.onArchiveMatters = later;
        dpkg.on('error', (e) => reject(new Error(`watching ${DPKG_DIR}/status failed: ${e.message}`)));
        rt.signal.addEventListener('abort', () => {
          offClose();
          resolve();
        });
      });
    } finally {
      stopped = true;
      this.onArchiveMatters = undefined;
      clearTimeout(timer);
      dpkg.close();
      off?.();
    }
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const [ok] = await this.checkApplyGroup([{ resource: this, rt }], apply);
    return ok;
  }

  /**
   * Members dpkg shows in state are done; the rest are resolved at once
   * through PackageKit, then one transaction per action and flag set.
   */
  async checkApplyGroup(members: GroupMember[], apply: boolean): Promise<boolean[]> {
    const dpkg = readDpkgStatus(members.map((m) => m.resource.spec.name));
    const result = members.map((m) => (dpkg ? dpkgInState(m.resource.spec, dpkg) === true : false));
    const rest = members.map((m, i) => ({ m, i })).filter(({ i }) => !result[i]);
    if (rest.length === 0) return result;
    for (const { m } of rest) if (m.resource instanceof PkgResource) m.resource.markArchiveMatters();
    const pk = await this.packagekit();
    const names = [...new Set(rest.map(({ m }) => m.resource.spec.name))];
    const known = await pk.resolve(names);
    const plans = rest.map(({ m }) => plan(m.resource.spec, known.get(m.resource.spec.name) ?? []));
    plans.forEach((p, j) => (result[rest[j].i] = p.ok));
    if (!apply) return result;
    const batches = new Map<string, { action: Action; flags: bigint; ids: Set<string>; who: number[] }>();
    plans.forEach((p, j) => {
      if (p.ok || !p.action) return;
      const key = `${p.action}:${p.flags}`;
      let b = batches.get(key);
      if (!b) batches.set(key, (b = { action: p.action, flags: p.flags, ids: new Set(), who: [] }));
      for (const id of p.ids) b.ids.add(id);
      b.who.push(j);
    });
    // Removals first, so an install never fights a removal in the same group.
    const order: Action[] = ['remove', 'install', 'update'];
    for (const b of [...batches.values()].sort((x, y) => order.indexOf(x.action) - order.indexOf(y.action))) {
      const ids = [...b.ids];
      await ownTransaction(() => (b.action === 'install' ? pk.install(ids, b.flags) : b.action === 'update' ? pk.update(ids, b.flags) : pk.remove(ids, b.flags)));
      for (const j of b.who) rest[j].m.rt.log.info(plans[j].what);
    }
    return result;
  }

  async cleanup(): Promise<void> {
    this.generation++;
    this.pk?.close();
    this.pk = undefined;
  }
}
