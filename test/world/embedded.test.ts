import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedWorld } from '../../src/world/embedded.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'mgmt-world-'));
  dirs.push(d);
  return d;
};
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('EmbeddedWorld', () => {
  it('gets, sets, deletes and lists by prefix', async () => {
    const w = new EmbeddedWorld();
    await w.set('a/1', 'x');
    await w.set('a/2', 'y');
    await w.set('b', 'z');
    expect(await w.get('a/1')).toBe('x');
    expect([...(await w.list('a/'))]).toEqual([['a/1', 'x'], ['a/2', 'y']]);
    await w.delete('a/1');
    expect(await w.get('a/1')).toBeUndefined();
  });

  it('calls watchers of a prefix on real changes only, until unsubscribed', async () => {
    const w = new EmbeddedWorld();
    let a = 0;
    let b = 0;
    const stop = w.watch('a/', () => a++);
    w.watch('b', () => b++);
    await w.set('a/1', 'x');
    await w.set('a/1', 'x'); // unchanged: no call
    await w.delete('nope');
    await tick();
    expect([a, b]).toEqual([1, 0]);
    stop();
    await w.set('a/1', 'y');
    await tick();
    expect(a).toBe(1);
  });

  it('persists keys and exports across instances, writing atomically', async () => {
    const d = tmp();
    const w = new EmbeddedWorld(d);
    await w.set('k', 'v');
    await w.exportResources('h1', [{ kind: 'file', name: '/tmp/x', host: 'h1', to: ['h2'], params: { content: 'c' } }]);
    await w.exportResources('h3', [{ kind: 'file', name: '/tmp/y', host: 'h3', to: ['*'], params: {} }]);
    await w.close();
    expect(readdirSync(d)).toEqual(['world.json']); // no temp file left behind
    const again = new EmbeddedWorld(d);
    expect(await again.get('k')).toBe('v');
    expect((await again.collectResources('file', 'h2')).map((r) => r.name)).toEqual(['/tmp/x', '/tmp/y']);
    expect((await again.collectResources('file', 'h9')).map((r) => r.name)).toEqual(['/tmp/y']);
    expect(await again.collectResources('exec', 'h2')).toEqual([]);
    await again.close();
    await expect(again.set('k', 'w')).rejects.toThrow('closed');
  });

  it('a corrupt store is a clear error, not lost data', () => {
    const d = tmp();
    writeFileSync(join(d, 'world.json'), '{not json');
    expect(() => new EmbeddedWorld(d)).toThrow(/world store .*world.json is corrupt/);
    expect(existsSync(join(d, 'world.json'))).toBe(true);
  });
});
