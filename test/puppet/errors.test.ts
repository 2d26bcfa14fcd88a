// Puppet manifests with one mistake each, through manifestGraph (what `run
// --puppet` and `graph --puppet` use): each error is placed on the attribute
// it is about (or the resource), with mcl's stage names — errLexParse only
// when the manifest does not parse — and a suggestion where the intent is
// clear. The CLI renders them like mcl's errors.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LangError } from '../../src/lang/errors.js';
import { manifestGraph } from '../../src/puppet/index.js';
import { mgmt, requireDist } from '../helpers/cli.js';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-pp-err-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (text: string) => {
  const f = join(dir, `m${++n}.pp`);
  writeFileSync(f, text);
  return f;
};

/** `STAGE LINE:COL` of the error a manifest makes, its message and help. */
async function failure(text: string): Promise<{ at: string; message: string; help?: string }> {
  const f = write(text);
  try {
    await manifestGraph(f, { facts: {} });
  } catch (e) {
    expect(e).toBeInstanceOf(LangError);
    const err = e as LangError;
    expect(err.span?.file).toBe(f);
    return { at: `${err.stage} ${err.span!.line}:${err.span!.col}`, message: err.detail, help: err.help };
  }
  throw new Error('expected an error');
}

describe('Puppet errors are placed on the offending attribute, with a stage that says what failed', () => {
  it('an unknown attribute: its line, errInterpret, and the attribute meant', async () => {
    const r = await failure("file { '/tmp/mgmt-pp-err/a':\n  ensure  => file,\n  contnet => 'hi',\n}\n");
    expect(r).toEqual({ at: 'errInterpret 3:3', message: "Evaluation Error: no parameter named 'contnet' for File[/tmp/mgmt-pp-err/a]", help: 'did you mean `content`?' });
  });

  it('a bad value Puppet refuses: the attribute, with the valid values', async () => {
    const r = await failure("service { 'nginx':\n  enable => true,\n  ensure => runing,\n}\n");
    expect(r).toEqual({ at: 'errInterpret 3:3', message: 'Parameter ensure failed on Service[nginx]: Invalid value "runing". Valid values are stopped, running, false, true.', help: 'did you mean `running`?' });
  });

  it('a bad value only the translated mcl rejects: moved back to the manifest line it came from', async () => {
    const r = await failure("file { '/tmp/mgmt-pp-err/b':\n  ensure => file,\n  content => 'x',\n  mode   => '0999',\n}\n");
    expect(r.at).toBe('errInterpret 4:3');
    expect(r.message).toBe('file[/tmp/mgmt-pp-err/b] did not Validate: Mode should be an octal number or symbolic mode (0999)');
  });

  it('a mistyped class parameter: the attribute that passes it', async () => {
    const r = await failure("class app (Integer $port) {}\nclass { 'app':\n  port => 'x',\n}\n");
    expect(r.at).toBe('errInterpret 3:3');
    expect(r.message).toMatch(/parameter 'port' expects an Integer value, got String/);
  });

  it('an unsupported type: the resource, errInterpret, not errLexParse', async () => {
    expect((await failure("notify { 'hi': }\nzfs { 'tank/x':\n  ensure => present,\n}\n")).at).toBe('errInterpret 2:1');
    const cron = await failure("notify { 'hi': }\ncron { 'backup':\n  command => '/bin/true',\n}\n");
    expect(cron.at).toBe('errInterpret 2:8');
    expect(cron.message).toMatch(/^not supported: no mcl kind for the Puppet type `cron`/);
    // Valid Puppet outside the subset is found while parsing, but nothing failed to parse.
    const node = await failure("node 'web1' {\n  notify { 'hi': }\n}\n");
    expect(node.at).toBe('errInterpret 1:1');
    expect(node.message).toMatch(/^not supported: /);
  });

  it('a real syntax error stays errLexParse, at the token, with the missing comma named', async () => {
    const r = await failure("file { '/tmp/mgmt-pp-err/c':\n  ensure => file\n  mode => '0644',\n}\n");
    expect(r).toEqual({ at: 'errLexParse 3:3', message: "Syntax error at 'mode' (expected })", help: 'end each attribute with a comma: `name => value,`' });
    expect((await failure("file { '/tmp/x': ensure => }\n")).at).toMatch(/^errLexParse 1:/);
  });
});

describe('run --puppet and graph --puppet render them like mcl errors', () => {
  const text = "file { '/tmp/mgmt-pp-err/d':\n  ensure  => file,\n  contnet => 'hi',\n}\n";
  const rendered = (f: string) =>
    `${f}:3:3: errInterpret: Evaluation Error: no parameter named 'contnet' for File[/tmp/mgmt-pp-err/d]\n\n      contnet => 'hi',\n      ^^^^^^^^^^^^^^^\n  help: did you mean \`content\`?\n`;
  beforeAll(() => requireDist());

  it('run --puppet: exit 1, the place, the line and a caret', () => {
    const f = write(text);
    const r = mgmt(['run', '--tmp-prefix', '--converged-timeout', '1', '--max-runtime', '20', '--puppet', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(rendered(f));
  }, 30_000);

  it('graph --puppet: the stage on stdout, the rendering on stderr', () => {
    const f = write(text);
    const r = mgmt(['graph', '--puppet', f]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`# err: errInterpret: Evaluation Error: no parameter named 'contnet' for File[/tmp/mgmt-pp-err/d]: ${f} @ 3:3-3:18\n`);
    expect(r.err).toBe(rendered(f));
  });
});
