import { describe, expect, it } from 'vitest';
import { kind as exec } from '../../src/resources/exec.js';
import { MapValue } from '../../src/lang/types/value.js';
import { spec } from './helpers.js';

const validate = (name: string, params: Parameters<typeof spec>[2] = {}) => exec.validate!(spec('exec', name, params));

describe('exec', () => {
  it('defaults cmd to the name and needs a command', () => {
    expect(validate('/usr/bin/true')).toBeUndefined();
    expect(validate('x', { cmd: '  ' })).toBe("command can't be empty");
  });

  it('keeps args away from shells and multi-word commands', () => {
    expect(validate('hi', { cmd: '/usr/bin/sleep', args: ['60s'], sig: 'SIGCONT' })).toBeUndefined();
    expect(validate('hi', { cmd: 'sleep', args: ['1'], shell: '/bin/bash' })).toBe("can't use Args with Shell");
    expect(validate('hi', { cmd: 'sleep 1', args: ['1'] })).toBe("can't use Args with a Cmd that has arguments");
  });

  it('checks env names, signals and absolute paths', () => {
    expect(validate('e', { env: MapValue.from([['PATH', '/bin']]) })).toBeUndefined();
    expect(validate('e', { env: MapValue.from([['BAD-NAME', 'x']]) })).toBe('invalid environment variable name: BAD-NAME');
    expect(validate('e', { sig: 'TERM' })).toBeUndefined();
    expect(validate('e', { sig: 'SIGNOPE' })).toBe('invalid signal: SIGNOPE');
    expect(validate('e', { creates: 'rel' })).toBe('the Creates param must be an absolute path');
    expect(validate('e', { mtimes: ['/tmp/foo', 'bar'] })).toBe('the Mtimes path `bar` must be absolute');
  });

  it('seeks the files of the programs it runs, and its user and group', () => {
    const reqs = exec.autoEdges!(
      spec('exec', 'x', { cmd: 'date > /tmp/w', shell: '/bin/bash', ifcmd: '/usr/bin/test -d /x', donecmd: 'echo done', user: 'bob', group: 'wheel' }),
    );
    expect(reqs.map((r) => `${r.uids[0].kind}[${r.uids[0].key}] ${r.direction}`)).toEqual([
      'file[/bin/bash] before-me',
      'file[/usr/bin/test] before-me',
      'user[bob] before-me',
      'group[wheel] before-me',
    ]);
    expect(exec.autoEdges!(spec('exec', '/usr/bin/env FOO=1'))[0].uids).toEqual([{ kind: 'file', key: '/usr/bin/env' }]);
  });

  it('seeks the directory of the file it creates and its working directory, nearest first', () => {
    const reqs = exec.autoEdges!(spec('exec', 'x', { cmd: 'touch /srv/app/data/.init', creates: '/srv/app/data/.init', cwd: '/srv/app' }));
    const dirs = reqs.filter((r) => r.uids.length > 1).map((r) => r.uids.map((u) => u.key));
    expect(dirs).toEqual([
      ['/srv/app/data/', '/srv/app/', '/srv/', '/'],
      ['/srv/app/', '/srv/', '/'],
    ]);
    expect(reqs.every((r) => r.firstOnly && r.direction === 'before-me')).toBe(true);
  });

  it('sends its output but receives nothing', () => {
    expect(exec.recv).toBeFalsy();
    expect(exec.sends?.map((s) => s.key)).toEqual(['output', 'stdout', 'stderr']);
  });
});
