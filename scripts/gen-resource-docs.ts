// Writes docs/resources.md from the resource KindDefs, so the reference
// never drifts from the code: `npx tsx scripts/gen-resource-docs.ts`.
// test/resources/docs.test.ts checks the checked-in file matches.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KINDS } from '../src/resources/index.js';
import type { KindDef } from '../src/resources/kind.js';
import { META_FIELDS } from '../src/resources/meta.js';

/** What AutoEdge and AutoGroup do per kind, in words (functions cannot describe themselves). */
export const EDGE_NOTES: Record<string, string> = {
  file: 'each `fragments` path that is a managed file comes first; then the nearest managed parent directory (`/a/b/c` looks for `/a/b/`, `/a/`, `/` and takes the first).',
  exec: 'the file holding each program it runs (the `shell`, or the first word of the command, for cmd/watchcmd/ifcmd/nifcmd/donecmd) comes first; so do the nearest managed directory of the file it `creates`, its working directories (`cwd`, …), `user[USER]` and `group[GROUP]`, and the `pkg` that ships the program (see pkg).',
  svc: 'its unit file comes first: `/etc/systemd/system/NAME.service`, else `/usr/lib/systemd/system/NAME.service` (`/etc/systemd/user/…`, `/usr/lib/systemd/user/…` with `session`); so does the `pkg` that ships the unit (see pkg).',
  pkg: 'a `file` whose path, a `svc` whose unit file (`/lib/systemd/system/NAME.service` or `/usr/lib/…`), or an `exec` whose program is in the package\'s file list comes after the pkg. The file list comes from PackageKit (GetFiles) when the engine swaps the graph in, before AutoGroup (so `mgmt graph` does not show these edges); with Debian\'s apt backend only installed packages have one. A package manager that cannot be asked adds no edges and logs a warning.',
  cron: 'the `svc` of its unit comes first (after it when `state` is `absent`).',
  line: 'the file it edits comes first if managed, else that file\'s nearest managed parent directory.',
  user: 'the groups in `group` and `groups` come first.',
  mount: 'the mount point directory comes first if managed, else its nearest managed parent.',
  'docker:container': 'its `docker:image` comes first.',
  'ssh:authorized_key': 'its `user` comes first.',
};

export const GROUP_NOTES: Record<string, string> = {
  test: 'test resources group into a test resource whose `alwaysgroup` is true (the child\'s flag is not consulted).',
  print: 'prints group together unless either has `refresh_only`.',
  noop: 'noops always group together.',
  value: 'never grouped.',
  pkg: 'packages with the same keyword state (not a version) group together.',
  svc: 'services of the same `session` group together.',
  'http:server': '`http:server:file`, `:flag`, `:proxy` and `:ui` resources group into it, if their `server` is empty or its name.',
  'http:server:ui': '`http:server:ui:input` resources group into it, if their `path` is empty or its name.',
  'tftp:server': '`tftp:file` resources group into it, if their `server` is empty or its name.',
  'dhcp:server': '`dhcp:host` and `dhcp:range` resources group into it, if their `server` is empty or its name.',
  'virt:network': '`virt:network:host` and `:range` resources group into it, if their `network` is empty or its name.',
};

/** How each kind behaves when run: what its Watch reports and what CheckApply does. Kinds without `create` cannot run yet. */
export const RUN_NOTES: Record<string, string> = {
  file:
    'Watch: the path (its whole tree with `recurse`), the source and each fragment, through their parent directories, so creation, removal, edits and renames are all seen. CheckApply, property by property: existence (`state`; a file in the way of a directory, or the reverse, is replaced only with `force`; a non-empty directory is removed only with `recurse` or `force`), content (`content`, `source` file, `fragments`, a `source` tree copied with `recurse` and pruned with `purge`, or the `symlink`), `owner`/`group` (names or numeric ids, of the path itself) and `mode` (octal, or symbolic applied to the current mode). Every write is atomic (temp file in the same directory, then rename); a stop mid-write leaves the old file. A process killed mid-write (`kill -9`, a crash, power loss) leaves its temp file, `.mgmt-tmp-NAME.PID-START-BOOT-PLACE.N`: the name says which process wrote it, and the first write of a later run into that directory removes the temp files whose writer is gone (its pid is not running, or is running but started at another time, or it ran before the last boot). A live writer\'s temp file is never removed, nor one from another machine or pid namespace sharing the directory (whose pids we cannot look up); a directory nothing writes into again keeps its leftovers. Logs say what changed: `created`, `content updated`, `removed`, `mode changed to 0644`, `owner changed to …`. In noop it says what would change, property by property: `would create the file (state: absent → exists)`, `would change the content:` followed by the unified diff (from `/dev/null` for a new file; binary or over 1 MiB: the sizes), `would change the mode: 0644 → 0600`, `would change the owner: root → nobody`, `would remove …`.',
  exec:
    'Watch: each line `watchcmd` prints is an event (its exit is a watch error), and so is a change to a `watchfiles` or `mtimes` path or to `creates` (as upstream watches it: removing the file it creates makes it run again). CheckApply runs `cmd` (split into words like a shell does for a simple command, plus `args`; or `shell -c cmd`) in `cwd` with `env` added to the environment, as `user`/`group` (root only), and sends `output`, `stdout` and `stderr`. It is in state, without running, when `creates` exists, `ifcmd` fails or its output (or stdout) differs from `ifequals` (`ifequals_stdout`; one trailing newline is ignored), `nifcmd` succeeds, or no `mtimes` file changed since the last run (remembered in the state directory). Like upstream, a successful run counts as in state until a watch event or a refresh notification, so an unguarded exec runs once per graph. With `refresh_only` (our extension: upstream\'s exec has no such param) it is in state until a refresh notification arrives, and then runs, its guards still checked (Puppet\'s `refreshonly`). In noop it logs ``would run `CMD` `` when it would. A non-zero exit is an error with the exit status and the last lines of stderr; a stop or a Meta:timeout kills the command with `sig` (default SIGKILL). `donecmd` runs after a successful run. When it does not run, it sends the last run\'s output, else the `send_*` values that are set.',
  timer: 'Watch: an event every `interval` seconds (0 is a watch error). CheckApply reports a change (false) once after each tick, so notify edges from the timer carry a refresh; a refresh arriving at the timer restarts its interval.',
  noop: 'Always in state; a refresh notification is logged.',
  remote:
    'with `mgmt run --lang` only: the remote agent runs this same program (upstream\'s agents get the same deploy), under `hostname` (so `if $hostname == …` chooses what runs where), with the machinery of `mgmt run --remote` (docs/remote.md): the host key is checked first, mgmt is copied to the remote cache, the program goes by sftp. state `running`: CheckApply starts the agent; a transient one with a `converger_timeout` (or this run\'s `--converged-timeout`) is waited for until it converged and exited 0 (not with a tunnelled World: its convergence is then cluster-wide and includes this host), otherwise CheckApply returns once it runs. Watch reports when it ends or the connection is lost for good; the next CheckApply fails with the reason (Meta:retry starts it again). A non-transient agent found running from an earlier run is in state. state `stopped`: stops the agent this resource started there (recorded in ~/.cache/mgmt/remote/agents/), in this run or an earlier one: SIGTERM, SIGKILL after 10 s, its directory removed. Cleanup stops a transient agent and removes its directory, and leaves a non-transient one running. `tunnelled` tunnels its World to this run\'s etcd when there is one. `interactive` asks for a password on the terminal (one prompt at a time) when keys fail; `install_deps` does nothing (the shipped mgmt is self-contained).',
  print: 'Nothing to watch. CheckApply logs `Msg: <msg>` once, and again after a refresh notification or when `msg` changes (e.g. by send/recv). With `refresh_only`, only a refresh prints. In noop it prints too (printing changes nothing on the machine) and is in state.',
  msg: 'Nothing to watch. CheckApply logs `Body: <body>` once (again after a refresh or a change), and with `journal` writes it to the journal with `fields` through util-linux `logger --journald` (else `systemd-cat`, without fields), with `syslog` through `logger`; a missing tool is a warning. In noop it logs the body, writes nothing to the journal or syslog (`would send it to the journal`), and is in state.',
  test: 'Nothing to watch; always in state. CheckApply sends `hello` (the `sendvalue`) and `answer` (42), logs a refresh, fails with `the wait for error param was set to: N` after `waitforerror` ms, and fails when a key named in `expectrecv` holds no received value.',
  value: 'Nothing to watch. CheckApply stores `any` in the host\'s local values under the resource name (unset removes it), where `value.get*` read it, and sends it as `any`.',
  kv: 'Watch: its key in the World store, so a change by anyone is seen. CheckApply sets the key to `value`, or deletes it when `value` is unset; `mapped` keeps one value per host under the key (read by `world.kvlookup`). With `skiplessthan`, a stored value not less than ours is kept (compared as integers, or as strings with `skipcmpstyle` 1).',
  schedule: 'Watch: the namespace\'s decision, from the World\'s watch. CheckApply puts this host into the namespace of the cluster scheduler (`/_mgmt/scheduler/hostname/HOST/NAMESPACE` with its options, under a lease of `ttl` seconds, default 10; none with `persist`), or takes it out with `withdraw`; one elected host chooses up to `max` hosts by `strategy` (`rr`: the chosen stay chosen, newcomers queue; `alpha`: the first by name) and `world.schedule` reads the choice. Leaving the graph does not withdraw: the entry goes when the agent stops (at once without `ttl`, after it with `ttl`), or when its lease expires after a crash. On one machine (no cluster) the host itself is the only one chosen. Logs: `scheduled`, `withdrawn`. See docs/cluster.md.',
  exit: 'Nothing to watch. CheckApply asks the program to exit with `code` (it throws an `ExitRequest` the engine handles); in noop it only reports.',
  svc:
    'Through systemd\'s D-Bus API (org.freedesktop.systemd1 on the system bus, or the user manager on the session bus with `session`). Watch: `Subscribe`, then the unit\'s PropertiesChanged (ActiveState, UnitFileState, LoadState) and the manager\'s JobRemoved (for this unit), UnitFilesChanged and Reloading, so a service stopped or killed behind mgmt\'s back is started again at once. CheckApply: `startup` through GetUnitFileState and EnableUnitFiles/DisableUnitFiles plus Reload; `state` through StartUnit/StopUnit, waiting for the job\'s JobRemoved; a refresh notification restarts (RestartUnit) a running service. Errors, each retried per Meta:retry/delay: a unit that does not exist (`the unit `NAME.service` does not exist`), a job that does not end `done` or a unit that fails right after starting (with its Result), a bus that is down (`cannot connect to the system bus at …`). Every D-Bus call has a timeout (10 s; 90 s for a job), so nothing hangs. Logs: `started`, `stopped`, `restarted (refresh)`, `enabled`, `disabled`.',
  pkg:
    'Through PackageKit on the system bus (org.freedesktop.PackageKit). Watch: PackageKit\'s UpdatesChanged signal and dpkg\'s status file (plain `dpkg` tells PackageKit nothing), so a package removed behind mgmt\'s back is put back. CheckApply: one Resolve (arch filter) lists every installed and available version; `installed` is in state with any version installed (an update is never taken by accident) and otherwise installs the newest available; `newest` upgrades (UpdatePackages) or installs; a version installs exactly that version, a downgrade only with `allowdowngrade`; `uninstalled` removes (RemovePackages, taking dependents along, without autoremove). Transactions are only-trusted unless `allowuntrusted`; `allownonfree` and `allowunsupported` change nothing with PackageKit. A grouped vertex resolves all its members at once and installs them in one transaction (one per kind of change), each member logging under its own name: `installed sl 5.02-1+b1`, `removed …`, `upgraded … → …`. A name the package manager does not know is an error (`package `x` was not found by the package manager`), as is a failed transaction (with PackageKit\'s error text).',
  user:
    'Watch: /etc/passwd and /etc/group (through /etc, since the tools rename new copies over them). CheckApply: `absent` runs `userdel`; a missing user is made with `useradd` and the params that are set (`-u` with `-o` for `allowduplicateuid`, `-g` from `gid` or `group`, `-G` for `groups`, `-d`, `-s`); an existing one is brought in line with `usermod` for only what differs (`groups` is the exact supplementary set). A `group` or `groups` entry that does not exist is an error. Logs: `created with …`, `changed: shell /bin/sh`, `removed`.',
  group:
    'Watch: /etc/group (through /etc). CheckApply: `groupadd` (with `-g` when `gid` is set), `groupmod -g` when the gid differs, `groupdel` for `absent`. Logs: `created`, `gid changed from A to B`, `removed`.',
  cron:
    'A systemd timer `NAME.timer`, over systemd\'s D-Bus API like svc. Watch: the timer unit\'s D-Bus signals and its unit file (through its directory). CheckApply with `state` `exists`: writes the unit file (in /etc/systemd/system, or ~/.config/systemd/user with `session`) from the params that are set (`trigger`=`time`, AccuracySec, RandomizedDelaySec, Persistent, WakeSystem, RemainAfterElapse, `Unit=` the `unit` or `NAME.service`, `WantedBy=timers.target`), reloads, and starts the timer (restarts it when the file changed); `absent` stops the timer and removes the file; `startup` enables or disables it.',
  line: 'Watch: the file, through its parent directory. CheckApply appends the line when missing (creating the file), or removes every copy with `absent`; `trim` matches ignoring surrounding whitespace. The file is rewritten atomically.',
};

const esc = (s: string): string => s.replace(/\|/g, '\\|');

function section(k: KindDef): string {
  const out: string[] = [`## \`${k.kind}\``, '', k.doc, ''];
  if (k.params.length > 0) {
    out.push('| param | type | Go field | notes |', '|---|---|---|---|');
    for (const p of k.params) {
      const type = p.type === 'variant' ? 'any' : p.type;
      const extra = [p.ptr ? 'pointer: unset differs from the zero value' : '', p.int && p.int !== 'int' ? `Go \`${p.int}\`` : ''].filter(Boolean);
      out.push(`| \`${p.name}\` | \`${esc(type)}\` | ${p.field} | ${esc([p.doc ?? '', ...extra].filter(Boolean).join('; '))} |`);
    }
  } else {
    out.push('No params.');
  }
  out.push('');
  const facts: string[] = [];
  if (k.sends?.length) facts.push(`- Sends: ${k.sends.map((s) => `\`${s.key}\` (${s.type === 'variant' ? 'any' : s.type})`).join(', ')}.`);
  facts.push(k.recv ? '- Receives: any param can be the target of send/recv.' : '- Receives: no.');
  if (k.merge) facts.push('- Duplicates: compatible duplicates merge (`installed` + `newest` → `newest`); others are an error.');
  facts.push(`- AutoEdges: ${EDGE_NOTES[k.kind] ?? 'none.'}`);
  facts.push(`- AutoGroup: ${GROUP_NOTES[k.kind] ?? 'never.'}`);
  facts.push(`- Runs: ${RUN_NOTES[k.kind] ?? 'not yet: the engine reports that this kind cannot run in this version.'}`);
  out.push(...facts, '');
  return out.join('\n');
}

export function renderResourceDocs(): string {
  const kinds = [...KINDS.values()].filter((k) => !k.kind.startsWith('_')).sort((a, b) => (a.kind < b.kind ? -1 : 1));
  const head = [
    '# Resources',
    '',
    '<!-- Generated by `npx tsx scripts/gen-resource-docs.ts` from src/resources/; do not edit by hand. -->',
    '',
    'Every resource kind mcl knows, with its params. A resource is written',
    '`KIND "name" { param => value, }`; params not written keep their defaults.',
    'Pointer params are "unset" until written, which differs from writing the zero value.',
    '',
    'This reference covers what the language checks: params and their types, validation,',
    'send/recv keys, automatic edges and grouping; and, under "Runs", what a running',
    'resource watches for and what its CheckApply does. A kind that cannot run yet says so.',
    '',
    '## Meta params (every kind)',
    '',
    '`Meta:name => value,` or `Meta => struct{…}` with all of these fields, in this order:',
    '',
    '| name | type |',
    '|---|---|',
    ...META_FIELDS.map((f) => `| \`${f.name}\` | \`${f.type}\` |`),
    '',
    'Limits: `retry` fits int16 (-1 = forever); `delay`, `timeout`, `poll` and `burst` are not',
    'negative; `poll` fits int32; a `limit` other than +Inf needs `burst` > 0; each `sema` entry is',
    '`id` or `id:N` with N ≥ 1 (not empty, not a bare number).',
    '',
    '## Kinds',
    '',
    kinds.map((k) => `[\`${k.kind}\`](#${k.kind.replace(/[:_]/g, '')})`).join(' · '),
    '',
  ];
  return [...head, ...kinds.map(section)].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = fileURLToPath(new URL('../docs/resources.md', import.meta.url));
  writeFileSync(target, renderResourceDocs());
  console.log(`wrote ${target}`);
}
