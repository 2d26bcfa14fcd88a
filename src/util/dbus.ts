// A thin D-Bus client over dbus-next for the system resources (svc, pkg):
// plain method calls with a timeout on every one (a bus or a service that
// hangs must fail the call, never the resource), match rules for signals, and
// one place that notices when the connection ends. Raw messages rather than
// dbus-next's proxy objects: no introspection round trip per object, and one
// message handler, so a signal that overtakes the reply to the call that
// caused it is still seen (callers register before they call).

import type { Message as DBusMessage, MessageBus } from 'dbus-next';

type DBusModule = typeof import('dbus-next');
let loaded: DBusModule | undefined;

/** dbus-next is loaded on first use: most runs of mgmt never touch a bus. */
async function dbusNext(): Promise<DBusModule> {
  if (!loaded) {
    const m = (await import('dbus-next')) as DBusModule & { default?: DBusModule };
    loaded = m.default ?? m;
  }
  return loaded;
}

/** How long one method call may take unless the caller says otherwise. */
export const CALL_TIMEOUT_MS = 10_000;
/** How long connecting (socket + Hello) may take. */
export const CONNECT_TIMEOUT_MS = 5_000;

export type BusKind = 'system' | 'session';

export interface SignalFilter {
  path?: string;
  iface?: string;
  member?: string;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}

/** The address a bus kind connects to, for error messages. */
export function busAddress(kind: BusKind): string {
  if (kind === 'system') return process.env.DBUS_SYSTEM_BUS_ADDRESS ?? 'unix:path=/var/run/dbus/system_bus_socket';
  if (process.env.DBUS_SESSION_BUS_ADDRESS) return process.env.DBUS_SESSION_BUS_ADDRESS;
  const xdg = process.env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`;
  return `unix:path=${xdg}/bus`;
}

function errText(e: unknown): string {
  if (e && typeof e === 'object' && 'text' in e && 'type' in e) return `${String((e as { type: string }).type)}: ${String((e as { text: string }).text)}`;
  return e instanceof Error ? e.message : String(e);
}

/** One connection to a bus. */
export class Bus {
  private closed = false;
  private closeReason = '';
  private readonly closeListeners = new Set<(why: string) => void>();
  private readonly signalListeners = new Set<{ f: SignalFilter; cb: (msg: DBusMessage) => void }>();

  private constructor(
    private readonly dbus: DBusModule,
    private readonly bus: MessageBus,
    readonly kind: BusKind,
    readonly address: string,
  ) {
    bus.on('message', (msg: DBusMessage) => {
      if (msg.type !== dbus.MessageType.SIGNAL) return;
      for (const l of [...this.signalListeners]) {
        const f = l.f;
        if (f.path && f.path !== msg.path) continue;
        if (f.iface && f.iface !== msg.interface) continue;
        if (f.member && f.member !== msg.member) continue;
        l.cb(msg);
      }
    });
    bus.on('error', (e: unknown) => this.markClosed(`the connection to the ${kind} bus failed: ${errText(e)}`));
    // dbus-next does not forward the stream's end: listen on its connection.
    const conn = (bus as unknown as { _connection?: NodeJS.EventEmitter })._connection;
    conn?.on('end', () => this.markClosed(`the ${kind} bus closed the connection`));
  }

  /** Connect and say Hello; fails with a clear error when the bus is down. */
  static async connect(kind: BusKind, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Bus> {
    const address = busAddress(kind);
    const dbus = await dbusNext();
    const raw = kind === 'system' ? dbus.systemBus() : dbus.sessionBus({ busAddress: address });
    const ready = new Promise<void>((resolve, reject) => {
      raw.once('connect', () => resolve());
      raw.once('error', (e: unknown) => reject(new Error(`cannot connect to the ${kind} bus at ${address}: ${errText(e)}`)));
    });
    try {
      await withTimeout(ready, timeoutMs, `connecting to the ${kind} bus at ${address}`);
    } catch (e) {
      try {
        raw.disconnect();
      } catch {
        /* already gone */
      }
      throw e;
    }
    return new Bus(dbus, raw, kind, address);
  }

  private markClosed(why: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closeReason = why;
    for (const cb of [...this.closeListeners]) cb(why);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Called once when the connection ends or fails (not after close()). */
  onClose(cb: (why: string) => void): () => void {
    if (this.closed) {
      queueMicrotask(() => cb(this.closeReason));
      return () => {};
    }
    this.closeListeners.add(cb);
    return () => this.closeListeners.delete(cb);
  }

  /** Call a method; returns the reply body. D-Bus errors keep their name in the message. */
  async call(dest: string, path: string, iface: string, member: string, signature = '', body: unknown[] = [], timeoutMs = CALL_TIMEOUT_MS): Promise<unknown[]> {
    if (this.closed) throw new Error(this.closeReason);
    const msg = new this.dbus.Message({ destination: dest, path, interface: iface, member, signature, body });
    try {
      const reply = await withTimeout(this.bus.call(msg), timeoutMs, `${iface}.${member}`);
      return reply?.body ?? [];
    } catch (e) {
      throw new Error(`${member} failed: ${errText(e)}`);
    }
  }

  /** Receive signals matching `rule` (a D-Bus match rule) and `f`. Returns an unsubscribe function. */
  async subscribe(rule: string, f: SignalFilter, cb: (msg: DBusMessage) => void): Promise<() => void> {
    const l = { f, cb };
    this.signalListeners.add(l);
    try {
      await this.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'AddMatch', 's', [rule]);
    } catch (e) {
      this.signalListeners.delete(l);
      throw e;
    }
    return () => {
      this.signalListeners.delete(l);
      if (!this.closed) this.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'RemoveMatch', 's', [rule]).catch(() => {});
    };
  }

  /** Properties.Get, unwrapped from its variant. */
  async getProperty(dest: string, path: string, iface: string, prop: string, timeoutMs = CALL_TIMEOUT_MS): Promise<unknown> {
    const [v] = await this.call(dest, path, 'org.freedesktop.DBus.Properties', 'Get', 'ss', [iface, prop], timeoutMs);
    return unwrap(v);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeReason = `the connection to the ${this.kind} bus was closed`;
    this.closeListeners.clear();
    this.signalListeners.clear();
    try {
      this.bus.disconnect();
    } catch {
      /* already gone */
    }
  }
}

/** A Variant's value (dbus-next gives `{ signature, value }`), or the value itself. */
export function unwrap(v: unknown): unknown {
  if (v && typeof v === 'object' && 'signature' in v && 'value' in v) return (v as { value: unknown }).value;
  return v;
}

/** A match rule for signals from `sender` (a well-known name is fine: the bus resolves it). */
export function matchRule(sender: string, f: SignalFilter): string {
  const parts = [`type='signal'`, `sender='${sender}'`];
  if (f.path) parts.push(`path='${f.path}'`);
  if (f.iface) parts.push(`interface='${f.iface}'`);
  if (f.member) parts.push(`member='${f.member}'`);
  return parts.join(',');
}
