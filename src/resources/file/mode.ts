// File modes as the `mode` param writes them: octal (`0644`, `755`, `4755`)
// or symbolic like chmod(1) (`u=rw,go=r`, `a+x`, `g=u`, `+X`). A symbolic
// mode is applied to the current mode, so the wanted mode depends on it.

const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 };

/** The mode `spec` asks for, given the file's current permission bits. Throws on a bad spec. */
export function wantedMode(spec: string, current: number, isDir: boolean): number {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = current & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) throw new Error(`invalid mode: ${spec}`);
    const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    let mask = 0;
    for (const w of who) mask |= WHO[w];
    for (const op of m[2].match(/[-+=](?:[rwxXst]*|[ugo])/g) ?? []) {
      const bits = permBits(op.slice(1), mode, isDir) & mask;
      if (op[0] === '+') mode |= bits;
      else if (op[0] === '-') mode &= ~bits;
      // `=` clears the permissions of the named classes, except setuid/setgid on directories as chmod does.
      else mode = (mode & ~(mask & (isDir ? 0o1777 : 0o7777))) | bits;
    }
  }
  return mode;
}

/** The bits a permission list means for every class; the caller masks by class. */
function permBits(perms: string, mode: number, isDir: boolean): number {
  if (perms === 'u' || perms === 'g' || perms === 'o') {
    // Copy one class's rwx to all: u is bits 6-8, g 3-5, o 0-2.
    const shift = perms === 'u' ? 6 : perms === 'g' ? 3 : 0;
    const rwx = (mode >> shift) & 7;
    return (rwx << 6) | (rwx << 3) | rwx;
  }
  let b = 0;
  for (const p of perms) {
    if (p === 'r') b |= 0o444;
    else if (p === 'w') b |= 0o222;
    else if (p === 'x') b |= 0o111;
    else if (p === 'X') b |= isDir || mode & 0o111 ? 0o111 : 0;
    else if (p === 's') b |= 0o6000;
    else if (p === 't') b |= 0o1000;
  }
  return b;
}

/** `0644` style, as logs print modes. */
export const fmtMode = (m: number): string => '0' + (m & 0o7777).toString(8).padStart(3, '0');
