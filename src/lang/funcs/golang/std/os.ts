// golang/os: Go's os package functions (table of wrappers, see table.ts).
// Only side-effect-free ones: nothing that creates, changes or removes files.

import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Value } from '../../../types/value.js';
import { goPathError } from '../../os/go-errors.js';
import { goModule } from './table.js';
import type { GoFunc } from './table.js';

const S = (v: Value): string => v as string;
const getenv = (k: string): string => process.env[k] ?? '';

const isSpecial = (c: string): boolean => '*#$@!?-0123456789'.includes(c);
const isAlphaNum = (c: string): boolean => /[A-Za-z0-9_]/.test(c);

/** Go's getShellName: the variable name after a `$`, and how many bytes it used. */
function shellName(s: string): [string, number] {
  if (s[0] === '{') {
    if (s.length > 2 && isSpecial(s[1]) && s[2] === '}') return [s[1], 3];
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '}') return i === 1 ? ['', 2] : [s.slice(1, i), i + 1];
    }
    return ['', 1];
  }
  if (isSpecial(s[0])) return [s[0], 1];
  let i = 0;
  while (i < s.length && isAlphaNum(s[i])) i++;
  return [s.slice(0, i), i];
}

/** os.Expand with os.Getenv: `$VAR` and `${VAR}`; a bare `$` stays. */
export function expandEnv(s: string): string {
  let out = '';
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === '$' && j + 1 < s.length) {
      out += s.slice(i, j);
      const [name, w] = shellName(s.slice(j + 1));
      if (name === '' && w > 0) {
        // Bad syntax such as `${}`: dropped, as Go does.
      } else if (name === '') out += '$';
      else out += getenv(name);
      j += w;
      i = j + 1;
    }
  }
  return out + s.slice(i);
}

function xdgDir(xdg: string, sub: string): string {
  const d = process.env[xdg];
  if (d) return d;
  const home = process.env.HOME;
  if (!home) throw new Error(`neither $${xdg} nor $HOME are defined`);
  return `${home}/${sub}`;
}

function tryFs<T>(op: string, path: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw new Error(goPathError(op, path, err));
  }
}

const id = (f: (() => number) | undefined): bigint => BigInt(f ? f() : -1);

export const funcs: GoFunc[] = [
  { go: 'Executable', sig: 'func() str', fn: () => process.execPath },
  { go: 'ExpandEnv', sig: 'func(s str) str', fn: ([s]) => expandEnv(S(s)) },
  { go: 'Getegid', sig: 'func() int', fn: () => id(process.getegid) },
  { go: 'Getenv', sig: 'func(key str) str', fn: ([k]) => getenv(S(k)) },
  { go: 'Geteuid', sig: 'func() int', fn: () => id(process.geteuid) },
  { go: 'Getgid', sig: 'func() int', fn: () => id(process.getgid) },
  // Node has no sysconf; every Linux platform we run on uses 4 KiB pages.
  { go: 'Getpagesize', sig: 'func() int', fn: () => 4096n },
  { go: 'Getpid', sig: 'func() int', fn: () => BigInt(process.pid) },
  { go: 'Getppid', sig: 'func() int', fn: () => BigInt(process.ppid) },
  { go: 'Getuid', sig: 'func() int', fn: () => id(process.getuid) },
  { go: 'Getwd', sig: 'func() str', fn: () => process.cwd() },
  { go: 'Hostname', sig: 'func() str', fn: () => hostname() },
  { go: 'ReadFile', sig: 'func(name str) str', fn: ([n]) => tryFs('open', S(n), () => readFileSync(S(n), 'utf8')) },
  { go: 'Readlink', sig: 'func(name str) str', fn: ([n]) => tryFs('readlink', S(n), () => readlinkSync(S(n))) },
  { go: 'TempDir', sig: 'func() str', fn: () => process.env.TMPDIR || '/tmp' },
  { go: 'UserCacheDir', sig: 'func() str', fn: () => xdgDir('XDG_CACHE_HOME', '.cache') },
  { go: 'UserConfigDir', sig: 'func() str', fn: () => xdgDir('XDG_CONFIG_HOME', '.config') },
  {
    go: 'UserHomeDir',
    sig: 'func() str',
    fn: () => {
      if (!process.env.HOME) throw new Error('$HOME is not defined');
      return process.env.HOME;
    },
  },
];

export const module = goModule('os', funcs);
