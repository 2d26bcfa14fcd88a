import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/resources/index.js';
import type { Value } from '../../src/lang/types/value.js';
import { spec } from './helpers.js';
import { makeRuntime, startWatch, tempDir, type TestRuntime } from './runtime-helper.js';

const make = (params: Record<string, Value>) => KINDS.get('line')!.create!(spec('line', 'l', params));
let t: TestRuntime;
let dir: string;
afterEach(() => {
  t?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('line', () => {
  it('adds a missing line, is then in state, and repairs a removal seen by watch', async () => {
    t = makeRuntime();
    dir = tempDir();
    const f = join(dir, 'hosts');
    writeFileSync(f, 'first\nsecond'); // no final newline
    const res = make({ file: f, state: 'exists', content: 'added' });
    const { done } = await startWatch(t, res);
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('first\nsecond');
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('first\nsecond\nadded\n');
    expect(t.logs).toContain('line added');
    expect(await res.checkApply(t.rt, true)).toBe(true);
    const n = t.events;
    writeFileSync(f, 'first\n');
    await t.until(() => t.events > n, 3000, 'an event');
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('first\nadded\n');
    t.ctl.abort();
    await done;
  });

  it('creates the file; absent removes every copy; trim ignores surrounding whitespace', async () => {
    t = makeRuntime();
    dir = tempDir();
    const f = join(dir, 'new');
    expect(await make({ file: f, state: 'exists', content: 'x=1' }).checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('x=1\n');
    writeFileSync(f, 'a\n  x=1 \nb\nx=1\n');
    expect(await make({ file: f, state: 'absent', content: 'x=1' }).checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('a\n  x=1 \nb\n');
    expect(await make({ file: f, state: 'absent', content: 'x=1', trim: true }).checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('a\nb\n');
    expect(await make({ file: join(dir, 'missing'), state: 'absent', content: 'x' }).checkApply(t.rt, true)).toBe(true);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
