// Language features beyond the shared corpus: each over a hash, unless,
// resource defaults, resource-like class declarations, `~>` through a
// container, cycles, and refused constructs named with their position.

import { describe, expect, it } from 'vitest';
import { PuppetError } from '../../src/puppet/errors.js';
import { catalogOf } from '../../src/puppet/index.js';
import { parseArgs } from '../../src/cli/command.js';

const facts = { os: { family: 'Debian', name: 'Debian', release: { major: '12' } }, networking: { fqdn: 'n.example.com', hostname: 'n' }, hostname: 'n', kernel: 'Linux' };
const lines = (src: string) => catalogOf(src, 'site.pp', { facts }).expectLines();
const fails = (src: string): PuppetError => {
  try {
    catalogOf(src, 'site.pp', { facts });
  } catch (e) {
    if (e instanceof PuppetError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('puppet evaluation', () => {
  it('iterates hashes, applies defaults and unless', () => {
    const out = lines(`
      File { mode => '0600' }
      $users = { 'a' => 1, 'b' => 2 }
      $users.each |$k, $v| { file { "/tmp/\${k}": content => "\${v}" } }
      unless $::hostname == 'x' { notify { "on \${facts['os']['family']}": } }
    `);
    expect(out).toEqual([
      'resource file[/tmp/a] {"content":"1","mode":"0600"}',
      'resource file[/tmp/b] {"content":"2","mode":"0600"}',
      'resource notify[on Debian] {}',
    ]);
  });

  it('binds class parameters from a resource-like declaration and orders through containers', () => {
    const out = lines(`
      class app (Integer $port = 80) { file { '/tmp/app': content => "\${port}" } }
      class { 'app': port => 8080 }
      exec { 'reload': command => '/bin/true' }
      Class['app'] ~> Exec['reload']
    `);
    expect(out).toContain('resource file[/tmp/app] {"content":"8080"}');
    expect(out).toContain('edge file[/tmp/app] ~> exec[reload]');
  });

  it('rejects a wrong parameter type like Puppet', () => {
    expect(fails(`class app (Integer $port) {} \nclass { 'app': port => 'x' }`).message).toMatch(/parameter 'port' expects an Integer value, got String/);
  });

  it('finds dependency cycles', () => {
    const e = fails(`notify { 'a': require => Notify['b'] }\nnotify { 'b': require => Notify['a'] }`);
    expect(e.outcome).toBe('error');
    expect(e.stage).toBe('graph');
    expect(e.message).toMatch(/dependency cycle/);
  });

  it('names refused constructs with file:line:col', () => {
    expect(fails(`\n  stage { 'pre': }`).message).toBe('site.pp:2:3: run stages (`stage`) are outside the subset');
    expect(fails(`$x = lookup('k')`).message).toMatch(/^site\.pp:1:6: the Puppet function `lookup\(\)` is outside the subset/);
    expect(fails(`$x = nosuchfunc('k')`).outcome).toBe('error');
  });

  it('parses -o as --output for commands that declare it', () => {
    const a = parseArgs(['translate', 'x.pp', '-o', 'x.mcl'], [{ name: 'output', value: 'FILE', short: 'o', help: '' }]);
    expect(a.flags.get('output')).toBe('x.mcl');
    expect(a.positional).toEqual(['translate', 'x.pp']);
  });
});
