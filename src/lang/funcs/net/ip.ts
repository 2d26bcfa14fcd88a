// IP addresses and CIDRs the way Go's net package parses and prints them
// (net.ParseIP, net.ParseCIDR, IP.String), for the cidr_* functions.
// Addresses are byte arrays: 4 bytes for IPv4, 16 for IPv6, as in Go.

export type IP = number[];

function parseV4(s: string): IP | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: IP = [];
  for (const p of parts) {
    // Go (netip) rejects leading zeros, which other parsers read as octal.
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): IP | undefined {
  let head = s;
  let tail = '';
  const dbl = s.indexOf('::');
  if (dbl >= 0) {
    if (s.indexOf('::', dbl + 1) >= 0) return undefined;
    head = s.slice(0, dbl);
    tail = s.slice(dbl + 2);
  }
  const groups = (part: string, allowV4: boolean): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const fields = part.split(':');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (allowV4 && i === fields.length - 1 && f.includes('.')) {
        const v4 = parseV4(f);
        if (!v4) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(f)) return undefined;
        out.push(parseInt(f, 16));
      }
    }
    return out;
  };
  const h = groups(head, dbl < 0);
  const t = groups(tail, true);
  if (!h || !t) return undefined;
  let all: number[];
  if (dbl < 0) {
    if (h.length !== 8) return undefined;
    all = h;
  } else {
    // `::` stands for at least one zero group.
    if (h.length + t.length > 7) return undefined;
    all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  }
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

const V4_IN_V6 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** A 4-byte address for dotted input, 16 bytes for IPv6 input; zones are rejected. */
export function parseAddr(s: string): IP | undefined {
  if (s.includes('.') && !s.includes(':')) return parseV4(s);
  if (s.includes(':')) return parseV6(s);
  return undefined;
}

/** Go's IP.To4: the 4-byte form of an IPv4 or IPv4-mapped address. */
export function to4(ip: IP): IP | undefined {
  if (ip.length === 4) return ip;
  if (ip.length === 16 && V4_IN_V6.every((b, i) => ip[i] === b)) return ip.slice(12);
  return undefined;
}

/** Go's IP.String. */
export function ipString(ip: IP): string {
  const v4 = to4(ip);
  if (v4) return v4.join('.');
  if (ip.length !== 16) return '?' + ip.map((b) => b.toString(16).padStart(2, '0')).join('');
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((ip[i] << 8) | ip[i + 1]);
  // The longest run of two or more zero groups becomes `::` (first one on ties).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return g.map((x) => x.toString(16)).join(':');
  const left = g.slice(0, best).map((x) => x.toString(16)).join(':');
  const right = g.slice(best + bestLen).map((x) => x.toString(16)).join(':');
  return `${left}::${right}`;
}

export interface IPNet {
  /** The address as written (16 bytes, Go's ParseCIDR result). */
  ip: IP;
  /** The network address: 4 bytes for IPv4, 16 for IPv6. */
  network: IP;
  mask: IP;
  ones: number;
}

export class CidrError extends Error {}

/** Go's net.ParseCIDR; throws CidrError(`invalid CIDR address: s`). */
export function parseCidr(s: string): IPNet {
  const bad = (): CidrError => new CidrError(`invalid CIDR address: ${s}`);
  const slash = s.indexOf('/');
  if (slash < 0) throw bad();
  const addr = parseAddr(s.slice(0, slash));
  const maskText = s.slice(slash + 1);
  if (!addr || !/^\d+$/.test(maskText) || maskText.length > 6) throw bad();
  const bits = addr.length * 8;
  const ones = Number(maskText);
  if (ones > bits) throw bad();
  const mask: IP = [];
  for (let i = 0; i < addr.length; i++) {
    const n = Math.max(0, Math.min(8, ones - i * 8));
    mask.push((0xff00 >> n) & 0xff);
  }
  const ip16 = addr.length === 4 ? [...V4_IN_V6, ...addr] : addr;
  return { ip: ip16, network: addr.map((b, i) => b & mask[i]), mask, ones };
}

/** Go's IPNet.Contains. */
export function netContains(net: IPNet, ip: IP): boolean {
  let nn = net.network;
  let m = net.mask;
  const n4 = to4(nn);
  if (n4) {
    nn = n4;
    if (m.length === 16) m = m.slice(12);
  }
  const x = to4(ip) ?? ip;
  if (x.length !== nn.length) return false;
  return x.every((b, i) => (b & m[i]) === (nn[i] & m[i]));
}

/** The last address of the network: every host bit set. */
export function lastAddr(net: IPNet): IP {
  return net.network.map((b, i) => b | (~net.mask[i] & 0xff));
}

/** Adds a signed small offset to an address, carrying across bytes. */
export function addOffset(ip: IP, delta: number): IP {
  const out = [...ip];
  let carry = delta;
  for (let i = out.length - 1; i >= 0 && carry !== 0; i--) {
    const v = out[i] + carry;
    out[i] = ((v % 256) + 256) % 256;
    carry = Math.floor(v / 256);
  }
  return out;
}
