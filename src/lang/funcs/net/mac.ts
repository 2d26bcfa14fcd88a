// Go's net.ParseMAC: IEEE 802 MAC-48, EUI-48, EUI-64 or 20-octet InfiniBand
// addresses, written with `:` or `-` between octets, or `.` between groups of
// four hex digits.

const HEX2 = /^[0-9a-fA-F]{2}$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The octets, or undefined when Go would say `address X: invalid MAC address`. */
export function parseMac(s: string): number[] | undefined {
  if (s.length < 14) return undefined;
  if (s[2] === ':' || s[2] === '-') {
    if ((s.length + 1) % 3 !== 0) return undefined;
    const n = (s.length + 1) / 3;
    if (n !== 6 && n !== 8 && n !== 20) return undefined;
    const parts = s.split(s[2]);
    if (parts.length !== n || !parts.every((p) => HEX2.test(p))) return undefined;
    return parts.map((p) => parseInt(p, 16));
  }
  if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0) return undefined;
    const n = (2 * (s.length + 1)) / 5;
    if (n !== 6 && n !== 8 && n !== 20) return undefined;
    const parts = s.split('.');
    if (!parts.every((p) => HEX4.test(p))) return undefined;
    return parts.flatMap((p) => [parseInt(p.slice(0, 2), 16), parseInt(p.slice(2), 16)]);
  }
  return undefined;
}

export function macError(s: string): string {
  return `address ${s}: invalid MAC address`;
}
