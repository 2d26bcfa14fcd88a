// msg: sends a message to the systemd journal and/or syslog.

import { childProcess } from '../util/builtins.js';
import { accessSync, constants } from 'node:fs';
import type { KindDef, ResourceSpec } from './kind.js';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import { getBool, getStrMap, getStr, param } from './common.js';
import { watchNothing } from './file/watch.js';

const PRIORITIES = ['Emerg', 'Alert', 'Crit', 'Err', 'Warning', 'Notice', 'Info', 'Debug'];

export const kind: KindDef = {
  kind: 'msg',
  doc: 'Writes a message to the systemd journal and/or syslog when applied.',
  params: [
    param('body', 'str', 'the message text'),
    param('priority', 'str', `one of ${PRIORITIES.join(', ')}; required (the empty default is invalid)`),
    param('fields', 'map{str: str}', 'extra journal fields; keys use [A-Za-z0-9_] and must not start with `_`'),
    param('journal', 'bool', 'send to the systemd journal; default false'),
    param('syslog', 'bool', 'send to syslog; default false'),
  ],
  validate(res: ResourceSpec) {
    for (const key of getStrMap(res, 'fields').keys()) {
      if (/[^a-zA-Z0-9_]/.test(key)) return `invalid character in field ${key}`;
      if (key.startsWith('_')) return 'fields cannot begin with _';
    }
    if (!PRIORITIES.includes(getStr(res, 'priority'))) return 'invalid priority';
    return undefined;
  },
  create: (spec) => new MsgResource(spec),
};

/**
 * Logs the body, and writes it once to the journal (`logger --journald`,
 * which carries the extra fields, else `systemd-cat` without them) and/or
 * syslog (`logger`). Sent again after a refresh or when the body changes.
 * A missing tool is a clear warning, not a failure.
 */
export class MsgResource implements Resource {
  private sent: string | undefined;
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  watch(rt: ResourceRuntime): Promise<void> {
    return watchNothing(rt);
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const refresh = rt.refresh();
    const body = getStr(this.spec, 'body');
    const key = JSON.stringify([body, getStr(this.spec, 'priority'), [...getStrMap(this.spec, 'fields')]]);
    if (!refresh && this.sent === key) return true;
    rt.log.info(`Body: ${body}`);
    if (!apply) {
      // Our log changes nothing; the journal and syslog are left alone, and it is not "out of state".
      const skipped = [getBool(this.spec, 'journal') && 'the journal', getBool(this.spec, 'syslog') && 'syslog'].filter(Boolean);
      if (skipped.length) rt.log.info(`would send it to ${skipped.join(' and ')}`);
      this.sent = key;
      return true;
    }
    if (getBool(this.spec, 'journal')) await this.toJournal(rt, body);
    if (getBool(this.spec, 'syslog')) await this.toSyslog(rt, body);
    this.sent = key;
    return false;
  }

  async cleanup(): Promise<void> {}

  // ---- private helpers ------------------------------------------------------

  private get level(): string {
    return getStr(this.spec, 'priority').toLowerCase(); // syslog's names: emerg … debug
  }

  private async toJournal(rt: ResourceRuntime, body: string): Promise<void> {
    const prio = PRIORITIES.indexOf(getStr(this.spec, 'priority'));
    if (findTool('logger')) {
      const fields = [`MESSAGE=${body.replace(/\n/g, ' ')}`, `PRIORITY=${prio}`, 'SYSLOG_IDENTIFIER=mgmt'];
      for (const [k, v] of getStrMap(this.spec, 'fields')) fields.push(`${k}=${v.replace(/\n/g, ' ')}`);
      await runTool('logger', ['--journald'], fields.join('\n') + '\n');
    } else if (findTool('systemd-cat')) {
      if (getStrMap(this.spec, 'fields').size > 0) rt.log.warn('systemd-cat cannot write extra journal fields; install util-linux `logger` for them');
      await runTool('systemd-cat', ['-t', 'mgmt', '-p', String(prio)], body + '\n');
    } else {
      rt.log.warn('cannot write to the journal: neither `logger` nor `systemd-cat` is installed');
    }
  }

  private async toSyslog(rt: ResourceRuntime, body: string): Promise<void> {
    if (!findTool('logger')) return rt.log.warn('cannot write to syslog: `logger` is not installed');
    await runTool('logger', ['-t', 'mgmt', '-p', `user.${this.level}`, '--', body], '');
  }
}

function findTool(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const p = `${dir}/${name}`;
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

function runTool(cmd: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e) => reject(new Error(`cannot run ${cmd}: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (exit status ${code}): ${err.trim()}`))));
    child.stdin.end(input);
  });
}
