// exec: runs a command when its checks say it is needed, optionally guarded
// by if/nif commands, a watch command, `creates`, or file mtimes.

import type { AutoEdgeRequest, KindDef, ResourceSpec } from './kind.js';
import { ExecResource } from './exec/resource.js';
import { fileUid, firstWord, getStr, getStrList, getStrMap, isEnvName, param, parentDirs } from './common.js';

const params = [
  param('cmd', 'str', 'the command to run; default: the resource name'),
  param('args', '[]str', 'arguments, passed without a shell; not with `shell` or a multi-word cmd'),
  param('cwd', 'str', 'the working directory; default: the current one'),
  param('shell', 'str', 'run cmd through this shell (`/bin/bash`); default: run it directly'),
  param('env', 'map{str: str}', 'extra environment variables'),
  param('sig', 'str', 'the signal sent to stop the command on shutdown (`SIGTERM`, `SIGINT`…); default: kill'),
  param('watchcmd', 'str', 'a long-running command whose output lines are change events', { field: 'WatchCmd' }),
  param('watchcwd', 'str', 'the working directory of watchcmd', { field: 'WatchCwd' }),
  param('watchshell', 'str', 'the shell for watchcmd', { field: 'WatchShell' }),
  param('watchfiles', '[]str', 'absolute paths whose changes are events', { field: 'WatchFiles' }),
  param('ifcmd', 'str', 'run cmd only if this exits 0', { field: 'IfCmd' }),
  param('ifcwd', 'str', 'the working directory of ifcmd', { field: 'IfCwd' }),
  param('ifshell', 'str', 'the shell for ifcmd', { field: 'IfShell' }),
  param('ifequals', 'str', 'run cmd only if the output of ifcmd equals this', { field: 'IfEquals', ptr: true }),
  param('ifequals_stdout', 'str', 'run cmd only if the stdout of ifcmd equals this', { field: 'IfEqualsStdout', ptr: true }),
  param('nifcmd', 'str', 'run cmd only if this exits non-zero', { field: 'NIfCmd' }),
  param('nifcwd', 'str', 'the working directory of nifcmd', { field: 'NIfCwd' }),
  param('nifshell', 'str', 'the shell for nifcmd', { field: 'NIfShell' }),
  param('creates', 'str', 'an absolute path: skip cmd when it exists (watched: cmd runs again when it goes)', { field: 'Creates' }),
  param('mtimes', '[]str', 'absolute paths: run cmd again when one of their mtimes changes', { field: 'Mtimes' }),
  param('donecmd', 'str', 'run after cmd ran successfully', { field: 'DoneCmd' }),
  param('donecwd', 'str', 'the working directory of donecmd', { field: 'DoneCwd' }),
  param('doneshell', 'str', 'the shell for donecmd', { field: 'DoneShell' }),
  param('user', 'str', 'run as this user (needs root)'),
  param('group', 'str', 'run as this group (needs root)'),
  // Ours, not upstream's (which has no such param): Puppet's `refreshonly` translates to it.
  param('refresh_only', 'bool', 'run cmd only when a refresh notification arrives (an extension: upstream has no such param); default false'),
  param('send_output', 'str', 'send this instead of the combined output', { ptr: true }),
  param('send_stdout', 'str', 'send this instead of stdout', { ptr: true }),
  param('send_stderr', 'str', 'send this instead of stderr', { ptr: true }),
];

/** Signal names Node can deliver, with or without the SIG prefix. */
const SIGNALS = new Set([
  'SIGABRT', 'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCONT', 'SIGFPE', 'SIGHUP', 'SIGILL', 'SIGINT', 'SIGIO', 'SIGIOT', 'SIGKILL', 'SIGPIPE',
  'SIGPOLL', 'SIGPROF', 'SIGPWR', 'SIGQUIT', 'SIGSEGV', 'SIGSTKFLT', 'SIGSTOP', 'SIGSYS', 'SIGTERM', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN',
  'SIGTTOU', 'SIGURG', 'SIGUSR1', 'SIGUSR2', 'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ',
]);

export const isSignalName = (s: string): boolean => SIGNALS.has(s.startsWith('SIG') ? s : 'SIG' + s);

export function execCmd(res: ResourceSpec): string {
  return getStr(res, 'cmd') || res.name;
}

/** The program a cmd/shell pair runs: the shell when set, else the command's first word. */
function program(res: ResourceSpec, cmdParam: string, shellParam: string, defCmd = ''): string {
  const shell = getStr(res, shellParam);
  if (shell !== '') return shell;
  return firstWord(getStr(res, cmdParam) || defCmd);
}

export const kind: KindDef = {
  kind: 'exec',
  doc: 'Runs a command, guarded by optional checks; sends its output.',
  params,
  // Upstream sends these as *string fields.
  sends: [
    { key: 'output', type: 'str', goKind: 'ptr' },
    { key: 'stdout', type: 'str', goKind: 'ptr' },
    { key: 'stderr', type: 'str', goKind: 'ptr' },
  ],
  validate(res: ResourceSpec) {
    const cmd = execCmd(res);
    if (cmd.trim() === '') return "command can't be empty";
    const args = getStrList(res, 'args');
    if (args.length > 0 && getStr(res, 'shell') !== '') return "can't use Args with Shell";
    if (args.length > 0 && cmd.trim().split(/\s+/).length > 1) return "can't use Args with a Cmd that has arguments";
    for (const name of getStrMap(res, 'env').keys()) if (!isEnvName(name)) return `invalid environment variable name: ${name}`;
    const sig = getStr(res, 'sig');
    if (sig !== '' && !isSignalName(sig)) return `invalid signal: ${sig}`;
    for (const f of getStrList(res, 'watchfiles')) if (!f.startsWith('/')) return `the WatchFiles path \`${f}\` must be absolute`;
    const creates = getStr(res, 'creates');
    if (creates !== '' && !creates.startsWith('/')) return 'the Creates param must be an absolute path';
    for (const f of getStrList(res, 'mtimes')) if (!f.startsWith('/')) return `the Mtimes path \`${f}\` must be absolute`;
    // user/group other than the current ones need root: checked when run, `check` has no host access.
    return undefined;
  },
  // Each program it runs comes after the file that holds it; user and group come first.
  // (The pkg that owns each program is found through the package manager: left to the engine.)
  autoEdges(res): AutoEdgeRequest[] {
    const progs = [
      program(res, 'cmd', 'shell', res.name),
      program(res, 'watchcmd', 'watchshell'),
      program(res, 'ifcmd', 'ifshell'),
      program(res, 'nifcmd', 'nifshell'),
      program(res, 'donecmd', 'doneshell'),
    ];
    const reqs: AutoEdgeRequest[] = [];
    const seen = new Set<string>();
    for (const p of progs) {
      if (!p.startsWith('/') || seen.has(p)) continue;
      seen.add(p);
      reqs.push({ uids: [fileUid(p)], direction: 'before-me', firstOnly: true });
    }
    // The file it creates needs its directory first, and so does its working directory.
    const creates = getStr(res, 'creates');
    if (creates.startsWith('/')) reqs.push({ uids: parentDirs(creates).map(fileUid), direction: 'before-me', firstOnly: true });
    for (const cwd of new Set([getStr(res, 'cwd'), getStr(res, 'ifcwd'), getStr(res, 'nifcwd'), getStr(res, 'donecwd'), getStr(res, 'watchcwd')])) {
      if (!cwd.startsWith('/')) continue;
      const dir = cwd.endsWith('/') ? cwd : `${cwd}/`;
      reqs.push({ uids: [dir, ...parentDirs(dir)].map(fileUid), direction: 'before-me', firstOnly: true });
    }
    const user = getStr(res, 'user');
    if (user !== '') reqs.push({ uids: [{ kind: 'user', key: user }], direction: 'before-me', firstOnly: true });
    const group = getStr(res, 'group');
    if (group !== '') reqs.push({ uids: [{ kind: 'group', key: group }], direction: 'before-me', firstOnly: true });
    return reqs;
  },
  create: (spec) => new ExecResource(spec),
};
