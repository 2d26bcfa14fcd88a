// Puppet resource → one of our kinds: the type and parameter mapping. Both
// `translate` (mcl source) and the direct graph (the reference the round-trip
// test compares against) use it, so they cannot drift apart. Every parameter
// we cannot carry exactly is named in `notes` (translate prints them as `#`
// comments); a type we have no kind for is refused.

import type { CResource } from './catalog.js';
import { unsupported } from './errors.js';
import { PHash, toStr, type PValue } from './values.js';
import { MapValue, type Value } from '../lang/types/value.js';
import { splitWords } from '../resources/exec/run.js';

export interface Mapped {
  kind: string;
  name: string;
  params: [string, Value][];
  noop: boolean;
  notes: string[];
  /** `file[/a]`: the Puppet resource it came from. */
  from: string;
}

/** Shell metacharacters: a command holding one needs a shell (Ruby's exec would use one too). */
const SHELLY = /[|&;<>()$`\\"'*?[\]#~=%{}\n]/;

/** A command that is itself a shell's `-c` script: `sh -c '…'`, `/bin/bash -c "…"`. */
const SHELL_PROGRAM = /^(\/(usr\/)?bin\/)?(sh|bash|dash|ksh|zsh)$/;

/**
 * How our exec runs a Puppet command the way Puppet's posix provider does:
 * Ruby runs a command string through `/bin/sh -c` only when it holds shell
 * metacharacters (the shell provider always does). A command that already
 * is `SHELL -c SCRIPT` runs SCRIPT in that shell, not in a second one.
 */
export function commandFor(cmd: string, alwaysShell = false): { cmd: string; shell?: string } {
  let words: string[] | undefined;
  try {
    words = splitWords(cmd);
  } catch {
    words = undefined; // an unbalanced quote: the shell will say so
  }
  if (words?.length === 3 && SHELL_PROGRAM.test(words[0]) && words[1] === '-c') return { cmd: words[2], shell: words[0] };
  return alwaysShell || SHELLY.test(cmd) ? { cmd, shell: '/bin/sh' } : { cmd };
}

const str = (v: PValue): string => toStr(v);
const bool = (v: PValue): boolean => v === true || v === 'true' || v === 'yes';

export function mapResource(r: CResource): Mapped {
  const m: Mapped = { kind: '', name: r.title, params: [], noop: false, notes: [], from: `${r.type}[${r.title}]` };
  const p = new Map(r.params);
  const take = (k: string): PValue | undefined => {
    const v = p.get(k);
    p.delete(k);
    return v;
  };
  const noop = take('noop');
  if (noop !== undefined) m.noop = bool(noop);
  for (const k of ['tag', 'alias', 'loglevel', 'audit', 'schedule']) if (take(k) !== undefined) m.notes.push(`metaparameter \`${k}\` has no equivalent: dropped`);
  const set = (k: string, v: Value) => m.params.push([k, v]);
  switch (r.type) {
    case 'file': {
      m.kind = 'file';
      let name = str(take('path') ?? r.title);
      const ensure = take('ensure');
      const e = ensure === undefined ? undefined : str(ensure);
      const content = take('content');
      const source = take('source');
      if (e === 'directory') name = name.endsWith('/') ? name : name + '/';
      else if (name.length > 1) name = name.replace(/\/+$/, '');
      if (e === 'absent') set('state', 'absent');
      else if (e === 'file' || e === 'present' || e === 'directory') set('state', 'exists');
      else if (e === 'link' || (e !== undefined && e.startsWith('/'))) {
        set('state', 'exists');
        set('symlink', true);
        const target = e === 'link' ? take('target') : e;
        if (target !== undefined) set('source', str(target));
        m.notes.push('ensure => link: a symlink (symlink => true, source => target)');
      } else if (e === undefined && (content !== undefined || source !== undefined)) set('state', 'exists');
      else if (e !== undefined) m.notes.push(`ensure => ${e}: not mapped`);
      if (content !== undefined) set('content', str(content));
      if (source !== undefined) {
        const s = str(Array.isArray(source) ? source[0] : source);
        if (/^puppet:/.test(s)) m.notes.push(`source => ${s}: Puppet file server URLs are not available; dropped`);
        else set('source', s.replace(/^file:\/\//, ''));
      }
      const mode = take('mode');
      if (mode !== undefined) set('mode', typeof mode === 'number' ? mode.toString(8).padStart(4, '0') : str(mode));
      for (const k of ['owner', 'group']) {
        const v = take(k);
        if (v !== undefined) set(k, str(v));
      }
      for (const k of ['force', 'purge']) {
        const v = take(k);
        if (v !== undefined) set(k, bool(v));
      }
      const recurse = take('recurse');
      if (recurse !== undefined) set('recurse', recurse === true || recurse === 'true' || recurse === 'remote');
      m.name = name;
      break;
    }
    case 'exec': {
      m.kind = 'exec';
      const provider = take('provider');
      const useShell = provider === 'shell';
      const command = take('command');
      const run = commandFor(str(command ?? r.title), useShell);
      // The name stands for the command only while it is the command as run.
      if (command !== undefined || run.cmd !== r.title) set('cmd', run.cmd);
      if (run.shell) set('shell', run.shell);
      const simple: [string, string][] = [['creates', 'creates'], ['cwd', 'cwd'], ['user', 'user'], ['group', 'group']];
      for (const [from, to] of simple) {
        const v = take(from);
        if (v !== undefined) set(to, str(Array.isArray(v) ? v[0] : v));
      }
      const env = new Map<string, string>();
      const environment = take('environment');
      for (const kv of environment === undefined ? [] : Array.isArray(environment) ? environment : [environment]) {
        const s = str(kv);
        const i = s.indexOf('=');
        if (i > 0) env.set(s.slice(0, i), s.slice(i + 1));
      }
      const path = take('path');
      if (path !== undefined) {
        env.set('PATH', Array.isArray(path) ? path.map(str).join(':') : str(path));
        m.notes.push('path => …: passed as the PATH environment variable');
      }
      if (env.size) set('env', MapValue.from([...env].sort(([a], [b]) => (a < b ? -1 : 1))));
      // Checks run as the command does (Puppet runs them through the same provider).
      for (const [from, to] of [['onlyif', 'if'], ['unless', 'nif']] as const) {
        const v = take(from);
        if (v === undefined) continue;
        const check = commandFor(str(v), useShell);
        set(`${to}cmd`, check.cmd);
        if (check.shell) set(`${to}shell`, check.shell);
      }
      const refreshonly = take('refreshonly');
      if (refreshonly !== undefined && bool(refreshonly)) set('refresh_only', true);
      const refresh = take('refresh');
      if (refresh !== undefined) m.notes.push(`refresh => ${JSON.stringify(str(refresh))}: not mapped; a refresh runs cmd again`);
      break;
    }
    case 'service': {
      m.kind = 'svc';
      m.name = str(take('name') ?? r.title);
      const ensure = take('ensure');
      if (ensure !== undefined) {
        const e = str(ensure);
        if (e === 'running' || e === 'true') set('state', 'running');
        else if (e === 'stopped' || e === 'false') set('state', 'stopped');
        else m.notes.push(`ensure => ${e}: not mapped`);
      }
      const enable = take('enable');
      if (enable !== undefined) {
        const e = str(enable);
        if (e === 'true') set('startup', 'enabled');
        else if (e === 'false') set('startup', 'disabled');
        else m.notes.push(`enable => ${e}: not mapped`);
      }
      break;
    }
    case 'package': {
      m.kind = 'pkg';
      m.name = str(take('name') ?? r.title);
      const ensure = take('ensure');
      if (ensure !== undefined) {
        const e = str(ensure);
        const state = e === 'present' || e === 'installed' ? 'installed' : e === 'absent' || e === 'purged' ? 'uninstalled' : e === 'latest' ? 'newest' : e;
        if (e === 'purged') m.notes.push('ensure => purged: removed, configuration files are kept');
        set('state', state);
      }
      break;
    }
    case 'notify': {
      m.kind = 'msg';
      const message = take('message');
      const name = take('name');
      set('body', str(message ?? name ?? r.title));
      set('priority', 'Notice');
      take('withpath');
      break;
    }
    case 'user':
    case 'group': {
      m.kind = r.type;
      m.name = str(take('name') ?? r.title);
      const ensure = take('ensure');
      if (ensure !== undefined) set('state', str(ensure) === 'absent' ? 'absent' : 'exists');
      for (const k of r.type === 'user' ? ['uid', 'gid'] : ['gid']) {
        const v = take(k);
        if (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))) set(k, BigInt(v));
        else if (v !== undefined && k === 'gid') set('group', str(v));
      }
      if (r.type === 'user') {
        const groups = take('groups');
        if (groups !== undefined) set('groups', (Array.isArray(groups) ? groups : [groups]).map(str));
        const home = take('home');
        if (home !== undefined) set('homedir', str(home));
        const shell = take('shell');
        if (shell !== undefined) set('shell', str(shell));
      }
      break;
    }
    default:
      throw unsupported(`no mcl kind for the Puppet type \`${r.type}\` (${m.from})`, r.span);
  }
  for (const [k, v] of p) m.notes.push(`${k} => ${v instanceof PHash ? '{…}' : JSON.stringify(toStr(v))}: no equivalent; dropped`);
  return m;
}
