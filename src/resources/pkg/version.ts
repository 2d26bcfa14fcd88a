// Debian version ordering (deb-version(7)): `[epoch:]upstream[-revision]`,
// compared part by part; within a part, runs of non-digits compare by
// character with `~` before everything (even the end) and letters before
// other symbols, and runs of digits compare as numbers.

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[0-9]/.test(c)) return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function cmpPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // The non-digit run.
    while ((i < a.length && !/[0-9]/.test(a[i])) || (j < b.length && !/[0-9]/.test(b[j]))) {
      const ca = i < a.length && !/[0-9]/.test(a[i]) ? a[i] : undefined;
      const cb = j < b.length && !/[0-9]/.test(b[j]) ? b[j] : undefined;
      const d = order(ca) - order(cb);
      if (d !== 0) return d < 0 ? -1 : 1;
      if (ca !== undefined) i++;
      if (cb !== undefined) j++;
    }
    // The digit run, as numbers (leading zeros do not count).
    let na = '';
    let nb = '';
    while (i < a.length && /[0-9]/.test(a[i])) na += a[i++];
    while (j < b.length && /[0-9]/.test(b[j])) nb += b[j++];
    const x = BigInt(na || '0');
    const y = BigInt(nb || '0');
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function split(v: string): [bigint, string, string] {
  const colon = v.indexOf(':');
  const epoch = colon > 0 && /^[0-9]+$/.test(v.slice(0, colon)) ? BigInt(v.slice(0, colon)) : 0n;
  const rest = colon > 0 ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return dash >= 0 ? [epoch, rest.slice(0, dash), rest.slice(dash + 1)] : [epoch, rest, ''];
}

/** <0, 0 or >0 as Debian orders versions `a` and `b`. */
export function compareDebVersions(a: string, b: string): number {
  const [ea, ua, ra] = split(a);
  const [eb, ub, rb] = split(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return cmpPart(ua, ub) || cmpPart(ra, rb);
}
