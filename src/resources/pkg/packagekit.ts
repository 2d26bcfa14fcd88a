// A client for PackageKit on the system bus (org.freedesktop.PackageKit).
// Each operation is one transaction: CreateTransaction, listen for Package /
// Files / ErrorCode / Finished on its path *before* calling the method (the
// signals can overtake the reply), SetHints, call, wait for Finished.
// Enum values are PackageKit 1.2's (components.md §3).

import type { Message } from 'dbus-next';
import { Bus, matchRule } from '../../util/dbus.js';

export const PK = 'org.freedesktop.PackageKit';
const PK_PATH = '/org/freedesktop/PackageKit';
const TX = 'org.freedesktop.PackageKit.Transaction';

/** Filter bits: `1 << enum`. */
export const FILTER = { none: 1n << 1n, installed: 1n << 2n, notInstalled: 1n << 3n, newest: 1n << 16n, arch: 1n << 18n } as const;
/** Transaction flag bits: `1 << enum`. */
export const TXFLAG = { none: 0n, onlyTrusted: 1n << 1n, simulate: 1n << 2n, allowReinstall: 1n << 4n, allowDowngrade: 1n << 6n } as const;
/** Info values of the Package signal that mean "this version is on the system". */
const INFO_INSTALLED = 1;
const EXIT_SUCCESS = 1;
const EXIT_NAMES: Record<number, string> = { 2: 'failed', 3: 'cancelled', 4: 'key-required', 5: 'eula-required', 6: 'killed', 7: 'media-change-required', 8: 'need-untrusted' };

/** How long one transaction may run: installs download from the archive. */
export const TX_TIMEOUT_MS = 300_000;

export interface PkgInfo {
  /** `name;version;arch;data`. */
  id: string;
  name: string;
  version: string;
  arch: string;
  installed: boolean;
}

export function parseId(id: string, info: number): PkgInfo {
  const [name = '', version = '', arch = ''] = id.split(';');
  return { id, name, version, arch, installed: info === INFO_INSTALLED };
}

export class PackageKit {
  private constructor(readonly bus: Bus) {}

  static async connect(): Promise<PackageKit> {
    return new PackageKit(await Bus.connect('system'));
  }

  /**
   * Run one transaction: `method(signature, body)` on a new transaction,
   * collecting its Package and Files signals. A failed transaction throws with
   * PackageKit's error code and details.
   */
  async transaction(method: string, signature: string, body: unknown[], timeoutMs = TX_TIMEOUT_MS): Promise<{ packages: PkgInfo[]; files: Map<string, string[]> }> {
    const [path] = (await this.bus.call(PK, PK_PATH, PK, 'CreateTransaction')) as [string];
    const packages: PkgInfo[] = [];
    const seen = new Set<string>();
    const files = new Map<string, string[]>();
    const errors: string[] = [];
    let finish: (exit: number) => void = () => {};
    const finished = new Promise<number>((r) => (finish = r));
    const f = { path, iface: TX };
    const off = await this.bus.subscribe(matchRule(PK, f), f, (msg: Message) => {
      const b = msg.body as unknown[];
      switch (msg.member) {
        case 'Package': {
          const [info, id] = b as [number, string];
          // Resolve can name the same package twice.
          if (!seen.has(`${info}:${id}`)) packages.push(parseId(id, info));
          seen.add(`${info}:${id}`);
          break;
        }
        case 'Files':
          files.set(b[0] as string, b[1] as string[]);
          break;
        case 'ErrorCode':
          errors.push(`${String(b[1])} (PackageKit error ${String(b[0])})`);
          break;
        case 'Finished':
          finish(b[0] as number);
          break;
      }
    });
    try {
      await this.bus.call(PK, path, TX, 'SetHints', 'as', [['interactive=false']]);
      await this.bus.call(PK, path, TX, method, signature, body);
      const exit = await new Promise<number>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`PackageKit ${method}: no Finished signal within ${timeoutMs} ms`)), timeoutMs);
        const offClose = this.bus.onClose((why) => reject(new Error(`PackageKit ${method}: ${why}`)));
        finished.then((e) => {
          clearTimeout(t);
          offClose();
          resolve(e);
        });
      });
      if (exit !== EXIT_SUCCESS || errors.length > 0) {
        throw new Error(`PackageKit ${method} ${EXIT_NAMES[exit] ?? `exit ${exit}`}${errors.length ? `: ${errors.join('; ')}` : ''}`);
      }
    } catch (e) {
      // Do not leave a transaction running (e.g. after our timeout).
      this.bus.call(PK, path, TX, 'Cancel', '', [], 2000).catch(() => {});
      throw e;
    } finally {
      off();
    }
    return { packages, files };
  }

  /**
   * Every version PackageKit knows of each name (installed and available), for
   * this machine's arch. A `name:arch` gets that name's packages of that
   * architecture (`name:any`: of every one), as dpkg means the qualifier.
   */
  async resolve(names: string[]): Promise<Map<string, PkgInfo[]>> {
    const out = new Map<string, PkgInfo[]>(names.map((n) => [n, []]));
    if (names.length === 0) return out;
    const { packages } = await this.transaction('Resolve', 'tas', [FILTER.arch, names]);
    for (const n of names) {
      const i = n.indexOf(':');
      const base = i < 0 ? n : n.slice(0, i);
      const arch = i < 0 ? undefined : n.slice(i + 1);
      for (const p of packages) if (p.name === base && (arch === undefined || arch === 'any' || p.arch === arch)) out.get(n)!.push(p);
    }
    return out;
  }

  async install(ids: string[], flags: bigint): Promise<void> {
    await this.transaction('InstallPackages', 'tas', [flags, ids]);
  }

  async update(ids: string[], flags: bigint): Promise<void> {
    await this.transaction('UpdatePackages', 'tas', [flags, ids]);
  }

  /** Remove, taking packages that depend on these along (allow_deps), keeping unused dependencies (no autoremove). */
  async remove(ids: string[], flags: bigint): Promise<void> {
    await this.transaction('RemovePackages', 'tasbb', [flags, ids, true, false]);
  }

  /** The file lists of installed packages, by package id. */
  async files(ids: string[]): Promise<Map<string, string[]>> {
    if (ids.length === 0) return new Map();
    return (await this.transaction('GetFiles', 'as', [ids])).files;
  }

  close(): void {
    this.bus.close();
  }
}
