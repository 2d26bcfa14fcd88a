// dpkg's own database as a fast, exact answer to "is this package in state?".
// A PackageKit Resolve costs a transaction (~150–200 ms with the apt backend);
// reading /var/lib/dpkg/status (the file pkg's Watch follows anyway) costs a
// few ms. The answer is only ever "in state, certainly" or "ask PackageKit":
// every change, every `newest`, and anything unusual (a package half-installed,
// dpkg's journal not yet folded into the status file, no native architecture)
// still goes to PackageKit.

import { readdirSync, readFileSync } from 'node:fs';
import type { ResourceSpec } from '../kind.js';
import { pkgState } from '../pkg.js';

/** Where dpkg keeps its database; '' turns the fast path off (tests against PackageKit's dummy backend do). */
export const dpkgDb = { dir: '/var/lib/dpkg' };

/** One stanza of the status file, only the fields a check needs. */
export interface DpkgEntry {
  name: string;
  arch: string;
  version: string;
  /** The three words of `Status:`: want, error flag, state (`install ok installed`). */
  want: string;
  flag: string;
  state: string;
}

export interface DpkgStatus {
  /** dpkg's native architecture (that of the `dpkg` package itself), when known. */
  native?: string;
  /** Entries by package name (one per architecture on multi-arch systems). */
  byName: Map<string, DpkgEntry[]>;
}

/** The value of field `name` in the stanza text[start, end), or undefined. Single-line fields only. */
function field(text: string, start: number, end: number, name: string): string | undefined {
  let at: number;
  if (text.startsWith(name, start) && text.charCodeAt(start + name.length) === 58 /* : */) at = start;
  else {
    // Continuation lines start with a space, so "\nName:" is always a field.
    at = text.indexOf(`\n${name}:`, start);
    if (at < 0 || at >= end) return undefined;
    at++;
  }
  const from = at + name.length + 1;
  let to = text.indexOf('\n', from);
  if (to < 0 || to > end) to = end;
  return text.slice(from, to).trim();
}

/**
 * Parse dpkg's status file, keeping only the packages in `names` (all when
 * undefined) plus `dpkg` for the native architecture. Stanzas are split on
 * blank lines; only Package, Status, Architecture and Version are read.
 */
export function parseDpkgStatus(text: string, names?: ReadonlySet<string>): DpkgStatus {
  const byName = new Map<string, DpkgEntry[]>();
  let native: string | undefined;
  const len = text.length;
  let pos = 0;
  while (pos < len) {
    // Skip blank lines between stanzas.
    while (pos < len && (text.charCodeAt(pos) === 10 || text.charCodeAt(pos) === 13)) pos++;
    if (pos >= len) break;
    let end = text.indexOf('\n\n', pos);
    if (end < 0) end = len;
    const name = field(text, pos, end, 'Package');
    if (name !== undefined && (names === undefined || names.has(name) || name === 'dpkg')) {
      const [want = '', flag = '', state = ''] = (field(text, pos, end, 'Status') ?? '').split(/\s+/);
      const entry: DpkgEntry = { name, arch: field(text, pos, end, 'Architecture') ?? '', version: field(text, pos, end, 'Version') ?? '', want, flag, state };
      if (name === 'dpkg' && flag === 'ok' && state === 'installed') native = entry.arch;
      if (names === undefined || names.has(name)) {
        const l = byName.get(name);
        if (l) l.push(entry);
        else byName.set(name, [entry]);
      }
    }
    pos = end + 2;
  }
  return { native, byName };
}

/**
 * Read the status file for `names`. Undefined when the fast path is off or
 * cannot be trusted: the file is missing or unreadable, or dpkg's journal
 * (updates/) holds changes the status file does not show yet (dpkg is
 * running, or was interrupted).
 */
export function readDpkgStatus(names: Iterable<string>): DpkgStatus | undefined {
  const dir = dpkgDb.dir;
  if (!dir) return undefined;
  try {
    if (readdirSync(`${dir}/updates`).length > 0) return undefined;
    // latin1 decodes fastest, and the fields read here are ASCII by Debian policy.
    const text = readFileSync(`${dir}/status`, 'latin1');
    const st = parseDpkgStatus(text, new Set([...names].map((n) => splitArch(n)[0])));
    return st.native ? st : undefined;
  } catch {
    return undefined;
  }
}

/** `name:arch` → [name, arch]; a plain name has no qualifier. */
export function splitArch(name: string): [string, string | undefined] {
  const i = name.indexOf(':');
  return i < 0 ? [name, undefined] : [name.slice(0, i), name.slice(i + 1)];
}

/**
 * The entries `name` means, as PackageKit resolves it with its arch filter:
 * a plain name is the native architecture's package or an `all` one;
 * `name:arch` that architecture's; `name:any` every one.
 */
export function entriesFor(st: DpkgStatus, name: string): DpkgEntry[] {
  const [base, arch] = splitArch(name);
  const all = st.byName.get(base) ?? [];
  if (arch === 'any') return all;
  if (arch !== undefined) return all.filter((e) => e.arch === arch);
  return all.filter((e) => e.arch === st.native || e.arch === 'all');
}

export const isInstalled = (e: DpkgEntry): boolean => e.flag === 'ok' && e.state === 'installed';
/** Not on the system: never installed, removed (config files may stay) or purged. */
const isAbsent = (e: DpkgEntry): boolean => e.flag === 'ok' && (e.state === 'not-installed' || e.state === 'config-files');

/**
 * True when dpkg's database shows `spec` in state for certain; undefined when
 * PackageKit must decide (it is out of state, `newest`, or anything unclear).
 */
export function dpkgInState(spec: ResourceSpec, st: DpkgStatus): true | undefined {
  const state = pkgState(spec);
  if (state === 'newest') return undefined;
  const entries = entriesFor(st, spec.name);
  if (state === 'uninstalled') return entries.every(isAbsent) ? true : undefined;
  if (state === 'installed') return entries.some(isInstalled) ? true : undefined;
  // An exact version (epoch included, as PackageKit and dpkg both write it).
  return entries.some((e) => isInstalled(e) && e.version === state) ? true : undefined;
}
