// Which temp files a later writer removes: those of writers that are gone,
// judged with real processes (one that has exited, this live one, a pid
// that lives but started at another time), and never a live writer's.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAtomic } from '../../src/resources/file/atomic.js';
import { parseTemp, pidStart, removeLeftovers, TEMP_PREFIX, thisWriter, writerTag } from '../../src/resources/file/leftovers.js';
import type { Writer } from '../../src/resources/file/leftovers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-leftovers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const me = (): Writer => {
  const w = thisWriter();
  if (!w) throw new Error('no /proc: these tests need Linux');
  return w;
};
const temp = (w: Writer, target = 'out') => `${TEMP_PREFIX}${target}.${writerTag(w)}.0`;
const put = (name: string) => writeFileSync(join(dir, name), 'partial');

/** A real process that has exited: its pid and start time, as its temp name would say. */
async function goneWriter(): Promise<Writer> {
  const child = spawn('sleep', ['30']);
  const pid = child.pid!;
  const start = pidStart(pid)!;
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await exited;
  return { ...me(), pid, start };
}

describe('the temp files of gone writers', () => {
  it('reads back the writer of a temp name, even when the target name holds dots and dashes', () => {
    const w = me();
    expect(parseTemp(temp(w, 'a.b-c.tar.gz'))).toEqual(w);
    expect(parseTemp(`${TEMP_PREFIX}out.1a2b3c4d0`)).toBeUndefined(); // the old random tag: not ours to judge
    expect(parseTemp(`out.${writerTag(w)}.0`)).toBeUndefined();
  });

  it('removes what an exited process or a reused pid left, and keeps a live writer\'s and what it cannot judge', async () => {
    const self = me();
    const gone = await goneWriter();
    expect(pidStart(gone.pid)).not.toBe(gone.start);
    const names = {
      live: temp(self),
      exited: temp(gone),
      // Our pid, but a start time that is not ours: the pid was reused since.
      reused: temp({ ...self, start: self.start - 1 }),
      earlierBoot: temp({ ...self, boot: self.boot === '000000' ? '000001' : '000000' }),
      // Another machine or pid namespace sharing the directory: its pids are not ours to look up.
      elsewhere: temp({ ...gone, place: self.place === '000000' ? '000001' : '000000' }),
      oldStyle: `${TEMP_PREFIX}out.1a2b3c4d0`,
      notOurs: 'out',
    };
    for (const n of Object.values(names)) put(n);
    const removed = await removeLeftovers(dir, self);
    expect(removed.sort()).toEqual([names.exited, names.reused, names.earlierBoot].sort());
    expect(readdirSync(dir).sort()).toEqual([names.live, names.elsewhere, names.oldStyle, names.notOurs].sort());
  });

  it('the first write into a directory removes the leftovers there before it writes', async () => {
    const gone = await goneWriter();
    put(temp(gone, 'target'));
    await writeAtomic(join(dir, 'target'), 'whole\n');
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('whole\n');
    expect(existsSync(join(dir, temp(gone, 'target')))).toBe(false);
  });
});
