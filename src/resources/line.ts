// line: makes sure a line is present in (or absent from) a file.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { KindDef, ResourceSpec } from './kind.js';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import { fileUid, getBool, getStr, param, parentDirs } from './common.js';
import { writeAtomic } from './file/atomic.js';
import { watchUntilAborted } from './file/watch.js';

export const kind: KindDef = {
  kind: 'line',
  doc: 'Ensures that a line of text is present in, or absent from, a file.',
  params: [
    param('file', 'str', 'the file to edit: an absolute path (or `~…`), not a directory'),
    param('state', 'str', '`exists` or `absent`; required'),
    param('content', 'str', 'the line (without its newline)'),
    param('trim', 'bool', 'ignore surrounding whitespace when matching lines; default false'),
  ],
  validate(res: ResourceSpec) {
    const file = getStr(res, 'file');
    if (file === '') return 'file must not be empty';
    if (!file.startsWith('/') && !file.startsWith('~')) return 'file must be an absolute path';
    if (file.endsWith('/')) return 'file must not be a directory';
    const state = getStr(res, 'state');
    if (state !== 'exists' && state !== 'absent') return `state must be exists or absent, got: \`${state}\``;
    return undefined;
  },
  // The file we edit if it is managed, else its nearest managed directory.
  autoEdges(res) {
    const file = getStr(res, 'file');
    if (!file.startsWith('/')) return [];
    return [{ uids: [file, ...parentDirs(file)].map(fileUid), direction: 'before-me', firstOnly: true }];
  },
  create: (spec) => new LineResource(spec),
};

/**
 * Watches the file; CheckApply adds the line at the end when it is missing
 * (creating the file if needed) or removes every copy of it, rewriting the
 * file atomically. With `trim`, lines match ignoring surrounding whitespace.
 */
export class LineResource implements Resource {
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  async watch(rt: ResourceRuntime): Promise<void> {
    await watchUntilAborted([{ path: await this.path() }], rt);
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const path = await this.path();
    const content = getStr(this.spec, 'content');
    const trim = getBool(this.spec, 'trim');
    const same = (l: string): boolean => (trim ? l.trim() === content.trim() : l === content);
    const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    const lines = text === undefined || text === '' ? [] : text.replace(/\n$/, '').split('\n');
    if (getStr(this.spec, 'state') === 'absent') {
      if (!lines.some(same)) return true;
      if (!apply) return false;
      const kept = lines.filter((l) => !same(l));
      await writeAtomic(path, kept.length > 0 ? kept.join('\n') + '\n' : '', { signal: rt.signal });
      rt.log.info('line removed');
      return false;
    }
    if (lines.some(same)) return true;
    if (!apply) return false;
    const prefix = text === undefined || text === '' ? '' : text.endsWith('\n') ? text : text + '\n';
    await writeAtomic(path, prefix + content + '\n', { signal: rt.signal });
    rt.log.info(text === undefined ? 'file created with the line' : 'line added');
    return false;
  }

  async cleanup(): Promise<void> {}

  /** `~` and `~user` expand to home directories. */
  private async path(): Promise<string> {
    const file = getStr(this.spec, 'file');
    const m = /^~([^/]*)(.*)$/.exec(file);
    if (!m) return file;
    if (m[1] === '') return homedir() + m[2];
    const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '');
    const row = passwd.split('\n').find((l) => l.split(':')[0] === m[1]);
    if (!row) throw new Error(`cannot expand \`${file}\`: user \`${m[1]}\` does not exist`);
    return row.split(':')[5] + m[2];
  }
}
