// Key layout inside the World's key/value space, shared by the kv resource
// and the world.* functions so both agree whatever store is behind it.

/** Mapped kv values (`kv` with `mapped => true`) live apart from plain keys: one key per host. */
const MAPPED = '_mgmt/mapped/';

/** The key a host's value of mapped kv namespace `ns` is stored under. */
export function mappedKey(ns: string, host: string): string {
  return `${MAPPED}${ns}/${host}`;
}

/** The prefix that lists every host's value of mapped namespace `ns`. */
export function mappedPrefix(ns: string): string {
  return `${MAPPED}${ns}/`;
}

/** Watchers of this prefix are called when the exported resources of `kind` change. */
export function exportedPrefix(kind: string): string {
  return `_mgmt/exported/${kind}/`;
}
