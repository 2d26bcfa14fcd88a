// Host key checking against OpenSSH's known_hosts (plain and hashed names,
// `[host]:port` for other ports, `*`/`?` patterns, `!` negation, @revoked),
// or one key the user pinned with --ssh-hostkey.

import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type HostKeyVerdict =
  | { ok: true }
  | { ok: false; why: string };

/** The key's algorithm name, read from its wire blob. */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const n = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + n).toString('latin1');
}

/** `SHA256:…` as ssh-keygen -l prints it. */
export function fingerprint(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

function glob(pattern: string, name: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
  return re.test(name);
}

function nameMatches(field: string, label: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(label).digest('base64') === hash;
  }
  let hit = false;
  for (const p of field.split(',')) {
    if (p.startsWith('!')) {
      if (glob(p.slice(1), label)) return false;
    } else if (glob(p, label)) hit = true;
  }
  return hit;
}

interface Entry {
  line: number;
  marker?: string;
  type: string;
  key: string;
}

function entriesFor(text: string, label: string): Entry[] {
  const out: Entry[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.trim();
    if (!l || l.startsWith('#')) return;
    const f = l.split(/\s+/);
    const marker = f[0]!.startsWith('@') ? f.shift() : undefined;
    if (f.length < 3 || !nameMatches(f[0]!, label)) return;
    out.push({ line: i + 1, marker, type: f[1]!, key: f[2]! });
  });
  return out;
}

const acceptHint = (host: string, port: number, files: string[]) =>
  `check the fingerprint out of band, then add the key with \`ssh-keyscan${port === 22 ? '' : ` -p ${port}`} ${host} >> ${files[0] ?? '~/.ssh/known_hosts'}\`, or pass --ssh-hostkey '<type> <base64 key>'`;

/**
 * Decide on the key `blob` that host:port offered. `pinned` (--ssh-hostkey:
 * "type base64" or "SHA256:…") replaces known_hosts when given.
 */
export function checkHostKey(blob: Buffer, host: string, port: number, knownHostsFiles: string[], pinned?: string): HostKeyVerdict {
  const label = port === 22 ? host : `[${host}]:${port}`;
  const offered = `${keyType(blob)} ${fingerprint(blob)}`;
  const b64 = blob.toString('base64');
  if (pinned) {
    const p = pinned.trim();
    const match = p.startsWith('SHA256:') ? p.replace(/=+$/, '') === fingerprint(blob) : (p.split(/\s+/).length > 1 ? p.split(/\s+/)[1] : p) === b64;
    return match ? { ok: true } : { ok: false, why: `host key mismatch for ${label}: it offered ${offered}, but --ssh-hostkey pins ${p.length > 60 ? p.slice(0, 60) + '…' : p}; refusing to connect` };
  }
  const same: Entry[] = [];
  const other: { file: string; e: Entry }[] = [];
  for (const file of knownHostsFiles) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const e of entriesFor(text, label)) {
      if (e.marker === '@cert-authority') continue;
      if (e.marker === '@revoked') {
        if (e.key === b64) return { ok: false, why: `the host key of ${label} (${offered}) is marked @revoked in ${file}:${e.line}; refusing to connect` };
        continue;
      }
      if (e.key === b64) same.push(e);
      else other.push({ file, e });
    }
  }
  if (same.length) return { ok: true };
  if (other.length) {
    const o = other[0]!;
    return {
      ok: false,
      why:
        `HOST KEY MISMATCH for ${label}: it offered ${offered}, but ${o.file}:${o.e.line} has a different ${o.e.type} key. ` +
        `Someone could be intercepting the connection, or the host key was changed. Refusing to connect. ` +
        `If the change is expected, remove the old key with \`ssh-keygen -R '${label}'${o.file.endsWith('/.ssh/known_hosts') ? '' : ` -f ${o.file}`}\` and accept the new one: ${acceptHint(host, port, [o.file])}`,
    };
  }
  return { ok: false, why: `unknown host ${label} (it offered ${offered}; not in ${knownHostsFiles.join(' or ')}); refusing to connect. To accept it, ${acceptHint(host, port, knownHostsFiles)}` };
}
