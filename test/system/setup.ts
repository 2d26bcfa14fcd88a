// Starts the real system services the svc/pkg tests talk to, the way
// ../shared/docs/components.md §2–4a says: the system bus, packagekitd, and a
// `systemd --user` manager in a private mount namespace. Each start is guarded
// by a health check (an already running service is reused and left alone) and
// everything we started is stopped by PID. When a binary is missing the
// helpers return a reason, and tests skip with it (fail with it in CI:
// test/helpers/components.ts).

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `ok` every 50 ms for up to `ms`. */
async function waitFor(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ok()) return true;
    await sleep(50);
  }
  return ok();
}

function quiet(cmd: string, args: string[], env?: NodeJS.ProcessEnv): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: env ?? process.env, timeout: 5000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Dead, or a zombie the init of this machine has not reaped yet (components.md's quirk). */
function isDead(pid: number): boolean {
  try {
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    return /^State:\s+Z/m.test(st);
  } catch {
    return true;
  }
}

async function killPid(pid: number, ms = 3000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitFor(() => isDead(pid), ms)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  await waitFor(() => isDead(pid), 1000);
}

const isRoot = () => process.getuid?.() === 0;

// ---- system bus ----------------------------------------------------------------

const systemBusUp = () =>
  quiet('dbus-send', ['--system', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetId']).ok;

export interface Started {
  /** Why it cannot run here (tests skip with it); undefined when it runs. */
  skip?: string;
  /** Stop what this call started (nothing when it was already running). */
  stop(): Promise<void>;
}

const none = async () => {};

/** The real system bus at /run/dbus/system_bus_socket. */
export async function ensureSystemBus(): Promise<Started> {
  if (!existsSync('/usr/bin/dbus-daemon') || !existsSync('/usr/bin/dbus-send')) return { skip: 'dbus-daemon is not installed (apt-get install dbus)', stop: none };
  if (systemBusUp()) return { stop: none };
  if (!isRoot()) return { skip: 'the system bus is down and only root may start it', stop: none };
  // A killed daemon leaves its pid file and socket behind.
  mkdirSync('/run/dbus', { recursive: true });
  rmSync('/run/dbus/pid', { force: true });
  rmSync('/run/dbus/system_bus_socket', { force: true });
  const r = quiet('dbus-daemon', ['--system', '--fork']);
  if (!r.ok || !(await waitFor(systemBusUp, 3000))) return { skip: `could not start the system bus: ${r.out.trim()}`, stop: none };
  const pid = Number(readFileSync('/run/dbus/pid', 'utf8').trim());
  return { stop: () => killPid(pid) };
}

// ---- PackageKit ----------------------------------------------------------------

const PK = 'org.freedesktop.PackageKit';

function busNamePid(name: string): number | undefined {
  const r = quiet('dbus-send', ['--system', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', `string:${name}`]);
  const m = r.ok ? /uint32 (\d+)/.exec(r.out) : null;
  return m ? Number(m[1]) : undefined;
}

/** packagekitd (apt backend) on the system bus, started with --disable-timer so it stays. */
export async function ensurePackageKit(): Promise<Started> {
  if (!existsSync('/usr/libexec/packagekitd')) return { skip: 'packagekitd is not installed (apt-get install packagekit polkitd)', stop: none };
  const bus = await ensureSystemBus();
  if (bus.skip) return bus;
  if (busNamePid(PK) !== undefined) return { stop: bus.stop };
  const log = join(tmpdir(), 'mgmt-packagekitd.log');
  const child = spawn('/usr/libexec/packagekitd', ['--disable-timer'], { detached: true, stdio: ['ignore', 'ignore', 'ignore'] });
  child.unref();
  writeFileSync(log, `started packagekitd as ${child.pid}\n`);
  if (!(await waitFor(() => busNamePid(PK) !== undefined, 10_000))) {
    if (child.pid) await killPid(child.pid);
    await bus.stop();
    return { skip: 'packagekitd did not appear on the system bus within 10 s', stop: none };
  }
  const pid = busNamePid(PK)!;
  return {
    stop: async () => {
      await killPid(pid);
      await bus.stop();
    },
  };
}

// ---- systemd --user in a private mount namespace ------------------------------------

export interface UserManager extends Started {
  /** XDG_RUNTIME_DIR of the manager: the session bus is `<dir>/bus`. */
  runtimeDir: string;
  /** Where user unit files go (`~/.config/systemd/user`). */
  unitDir: string;
  /** `unix:path=<runtimeDir>/bus`, for DBUS_SESSION_BUS_ADDRESS. */
  busAddress: string;
  /** Run `systemctl --user ARGS` against this manager. */
  systemctl(...args: string[]): { ok: boolean; out: string };
}

/**
 * A real user manager (components.md §4a): it refuses to start unless
 * /run/systemd/system exists, so that is faked in a private mount namespace
 * (never on the host, where apt scripts would then call systemctl), and it gets
 * its own cgroup. Each call starts its own manager with its own runtime dir.
 */
export async function startUserManager(): Promise<UserManager> {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'mgmt-xdg-'));
  const unitDir = join(process.env.HOME ?? '/root', '.config/systemd/user');
  const busAddress = `unix:path=${runtimeDir}/bus`;
  const env = { ...process.env, XDG_RUNTIME_DIR: runtimeDir, DBUS_SESSION_BUS_ADDRESS: busAddress };
  const systemctl = (...args: string[]) => quiet('systemctl', ['--user', ...args], env);
  const base = { runtimeDir, unitDir, busAddress, systemctl };
  const skip = (why: string): UserManager => ({ ...base, skip: why, stop: async () => rmSync(runtimeDir, { recursive: true, force: true }) });
  if (!existsSync('/lib/systemd/systemd')) return skip('systemd is not installed (apt-get install systemd dbus-user-session)');
  if (!existsSync('/usr/bin/unshare') || !isRoot()) return skip('a private mount namespace needs root and unshare');
  if (!existsSync('/usr/lib/systemd/user/dbus.socket')) return skip('dbus-user-session is not installed: the user manager would have no bus');
  mkdirSync(unitDir, { recursive: true });
  execFileSync('chmod', ['700', runtimeDir]);
  const cg = `ci-user-${process.pid}-${Date.now() % 100000}`;
  const script = [
    'mount -t tmpfs tmpfs /run/systemd 2>/dev/null || { mkdir -p /run/systemd && mount -t tmpfs tmpfs /run/systemd; }',
    'mkdir -p /run/systemd/system',
    `for h in unified systemd; do if [ -d /sys/fs/cgroup/$h ]; then mkdir -p /sys/fs/cgroup/$h/${cg}; echo $$ > /sys/fs/cgroup/$h/${cg}/cgroup.procs; fi; done`,
    'exec /lib/systemd/systemd --user',
  ].join('\n');
  const child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...env, SYSTEMD_LOG_TARGET: 'console' },
  });
  child.unref();
  const pid = child.pid!;
  const stop = async () => {
    await killPid(pid, 5000);
    for (const h of ['unified', 'systemd']) {
      // Depth-first: the manager's own sub-cgroups first.
      quiet('sh', ['-c', `[ -d /sys/fs/cgroup/${h}/${cg} ] && find /sys/fs/cgroup/${h}/${cg} -depth -type d -exec rmdir {} + 2>/dev/null; true`]);
    }
    rmSync(runtimeDir, { recursive: true, force: true });
  };
  const up = await waitFor(() => existsSync(join(runtimeDir, 'bus')) && systemctl('is-active', 'default.target').ok, 15_000);
  if (!up) {
    await stop();
    return { ...base, skip: 'systemd --user did not come up within 15 s', stop: none };
  }
  return { ...base, stop };
}

// ---- PackageKit's dummy backend on a private bus --------------------------------------

export interface PrivateBus extends Started {
  /** For DBUS_SYSTEM_BUS_ADDRESS. */
  address: string;
}

const PRIVATE_BUS_CONF = (socket: string) => `<busconfig><type>system</type><listen>unix:path=${socket}</listen><auth>EXTERNAL</auth>
 <policy context="default"><allow user="*"/><allow own="*"/><allow send_type="method_call"/><allow send_type="signal"/>
  <allow send_requested_reply="true" send_type="method_return"/><allow send_requested_reply="true" send_type="error"/>
  <allow receive_type="method_call"/><allow receive_type="method_return"/><allow receive_type="error"/><allow receive_type="signal"/></policy></busconfig>
`;

/**
 * A fake, deterministic PackageKit (components.md §3, "test mode without
 * network"): a private bus that allows everything, polkitd and
 * `packagekitd --backend=dummy` on it. Nothing touches the real system. The
 * dummy backend is stateless: it knows glib2, powertop, gtkhtml2, kernel as
 * installed and vips-doc as available, "installs" without changing that, and
 * fails removals with "No network connection available".
 */
export async function startDummyPackageKit(): Promise<PrivateBus> {
  const dir = mkdtempSync(join(tmpdir(), 'mgmt-pbus-'));
  const socket = join(dir, 'socket');
  const address = `unix:path=${socket}`;
  const gone = async () => (process.env.MGMT_KEEP_PBUS ? undefined : rmSync(dir, { recursive: true, force: true }));
  const skip = (why: string): PrivateBus => ({ address, skip: why, stop: gone });
  const backend = '/usr/lib/x86_64-linux-gnu/packagekit-backend/libpk_backend_dummy.so';
  if (!existsSync('/usr/bin/dbus-daemon')) return skip('dbus-daemon is not installed');
  if (!existsSync('/usr/libexec/packagekitd') || !existsSync('/usr/lib/polkit-1/polkitd')) return skip('packagekitd or polkitd is not installed');
  if (!existsSync(backend)) return skip(`PackageKit's dummy backend is not installed (${backend})`);
  if (!isRoot()) return skip('packagekitd needs root');
  // polkitd drops to its own user: it must reach the socket.
  execFileSync('chmod', ['755', dir]);
  writeFileSync(join(dir, 'bus.conf'), PRIVATE_BUS_CONF(socket));
  const r = quiet('dbus-daemon', [`--config-file=${join(dir, 'bus.conf')}`, '--fork', '--print-pid=1']);
  const busPid = Number(r.out.trim().split('\n')[0]);
  if (!r.ok || !busPid) return skip(`could not start a private bus: ${r.out.trim()}`);
  const env = { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: address };
  const owner = (name: string) => {
    const o = quiet('dbus-send', [`--bus=${address}`, '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', `string:${name}`]);
    const m = o.ok ? /uint32 (\d+)/.exec(o.out) : null;
    return m ? Number(m[1]) : undefined;
  };
  for (const [cmd, args] of [
    ['/usr/lib/polkit-1/polkitd', ['--no-debug']],
    ['/usr/libexec/packagekitd', ['--backend=dummy', '--keep-environment', '--disable-timer']],
  ] as const) {
    spawn(cmd, [...args], { detached: true, stdio: ['ignore', openSync(join(dir, 'daemons.log'), 'a'), openSync(join(dir, 'daemons.log'), 'a')], env }).unref();
  }
  const pids = () => [owner(PK), owner('org.freedesktop.PolicyKit1')];
  const stop = async () => {
    for (const pid of pids()) if (pid) await killPid(pid);
    await killPid(busPid);
    await gone();
  };
  if (!(await waitFor(() => pids().every((p) => p !== undefined), 10_000))) {
    await stop();
    return skip('the dummy PackageKit did not come up on the private bus within 10 s');
  }
  return { address, stop };
}

// ---- a real PID-1 system manager: systemd-nspawn --boot (components.md §4b) ------------

export interface Container extends Started {
  /** DBUS_SYSTEM_BUS_ADDRESS for the container's system bus. */
  busAddress: string;
  /** The container's root: unit files go in `<root>/etc/systemd/system`. */
  root: string;
  /** Run a shell command inside the container's PID and mount namespaces. */
  exec(cmd: string): { ok: boolean; out: string };
}

/** Where the debootstrapped rootfs is kept between runs (building it takes ~35 s). */
export const CT_ROOT = process.env.MGMT_CT_ROOT ?? '/var/tmp/mgmt-ct-root';

/**
 * Boot a minimal Debian in systemd-nspawn, with its system bus bind-mounted
 * onto the host. In CI (which installs systemd-container and debootstrap) and
 * with WITH_NSPAWN=1; elsewhere it is opt-in, since the first run builds the
 * rootfs (measured: ~90 s with debootstrap on a loaded 2-core machine, ~5 s
 * once it is there).
 */
export async function startContainer(): Promise<Container> {
  const busDir = mkdtempSync(join(tmpdir(), 'mgmt-ct-bus-'));
  const busAddress = `unix:path=${busDir}/system_bus_socket`;
  const base = { busAddress, root: CT_ROOT, exec: (_: string) => ({ ok: false, out: 'not running' }) };
  const skip = (why: string): Container => ({ ...base, skip: why, stop: async () => rmSync(busDir, { recursive: true, force: true }) });
  if (process.env.WITH_NSPAWN !== '1' && !process.env.CI) return skip('set WITH_NSPAWN=1 to boot a systemd-nspawn container');
  if (!isRoot()) return skip('systemd-nspawn needs root');
  if (!existsSync('/usr/bin/systemd-nspawn') || !existsSync('/usr/sbin/debootstrap')) return skip('apt-get install systemd-container debootstrap');
  if (!existsSync(join(CT_ROOT, 'lib/systemd/systemd'))) {
    const mirror = quiet('sh', ['-c', "awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources"]).out.trim() || 'http://deb.debian.org/debian';
    const r = spawnSync('debootstrap', ['--variant=minbase', '--include=systemd,dbus,systemd-sysv', 'bookworm', CT_ROOT, mirror], { encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) return skip(`debootstrap failed: ${(r.stderr ?? '').slice(-500)}`);
  }
  const cg = `ci-nspawn-${process.pid}`;
  const script = [
    `for h in unified systemd; do if [ -d /sys/fs/cgroup/$h ]; then mkdir -p /sys/fs/cgroup/$h/${cg}; echo $$ > /sys/fs/cgroup/$h/${cg}/cgroup.procs; fi; done`,
    `exec systemd-nspawn -D ${CT_ROOT} --boot --register=no --keep-unit --private-network --console=passive --bind=${busDir}:/run/dbus --machine=mgmt-ct${process.pid}`,
  ].join('\n');
  // detached is setsid(); sh execs nspawn, so the child's PID is nspawn's.
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  const nspawnPid = (): number | undefined => (child.pid && !isDead(child.pid) ? child.pid : undefined);
  const leader = (): number | undefined => {
    const n = nspawnPid();
    if (!n) return undefined;
    const kids = quiet('pgrep', ['-P', String(n)]).out.trim().split('\n').filter(Boolean).map(Number);
    return kids[0];
  };
  const exec = (cmd: string) => {
    const l = leader();
    if (!l) return { ok: false, out: 'the container is not running' };
    return quiet('nsenter', ['-t', String(l), '-p', '-m', '/bin/sh', '-c', cmd]);
  };
  const stop = async () => {
    const n = nspawnPid();
    if (n) await killPid(n, 10_000);
    quiet('sh', ['-c', `for h in unified systemd; do [ -d /sys/fs/cgroup/$h/${cg} ] && find /sys/fs/cgroup/$h/${cg} -depth -type d -exec rmdir {} + 2>/dev/null; done; true`]);
    rmSync(busDir, { recursive: true, force: true });
  };
  const ping = () =>
    quiet('dbus-send', [`--bus=${busAddress}`, '--print-reply', '--dest=org.freedesktop.systemd1', '/org/freedesktop/systemd1', 'org.freedesktop.DBus.Peer.Ping']).ok;
  if (!(await waitFor(() => existsSync(join(busDir, 'system_bus_socket')) && ping(), 30_000))) {
    await stop();
    return skip('the container did not boot within 30 s');
  }
  return { busAddress, root: CT_ROOT, exec, stop };
}
