// `mgmt run --puppet` leaves the same files as `puppet apply` (issue 4): every
// corpus manifest marked `apply-safe: yes` is applied by both, each from the
// same starting state of /tmp/puppet-corpus (where those manifests write), and
// the trees they leave (paths, types, content, mode, owner) must be equal.
//
// Puppet gets the corpus's fixed facts through its yaml facts terminus (a
// Puppet::Node::Facts document under a private clientyamldir, looked up by
// --certname), so nothing is read from this host and nothing touches the
// host's Puppet state: every Puppet directory points into a temp dir.
// Skips, saying why, only where `puppet` is missing and cannot be installed
// (fails, in CI: test/helpers/components.ts).

import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { launcher, requireDist, root } from '../helpers/cli.js';
import { describeNeeding } from '../helpers/components.js';

const shared = new URL('../../../shared/puppet/', import.meta.url).pathname;
const corpus = join(shared, 'corpus');
const factsFile = join(shared, 'facts.json');
const workDir = '/tmp/puppet-corpus';
const isRoot = process.getuid?.() === 0;

function havePuppet(): boolean {
  return spawnSync('puppet', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Find `puppet`, installing Debian's package when we may; why not, otherwise. */
function ensurePuppet(): string | undefined {
  if (havePuppet()) return undefined;
  if (!isRoot || spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return 'puppet is not installed and apt-get cannot be used here';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', 'puppet'], { env, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { env, timeout: 300_000 });
    r = spawnSync('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', 'puppet'], { env, encoding: 'utf8', timeout: 600_000 });
  }
  return havePuppet() ? undefined : `puppet could not be installed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`;
}

const haveCorpus = existsSync(corpus);
const skipWhy = !haveCorpus ? `no corpus at ${corpus}` : !isRoot ? 'the corpus sets owner root: run as root' : ensurePuppet();
if (skipWhy) console.warn(`apply-safe: skipped: ${skipWhy}`);

const manifests = haveCorpus ? readdirSync(corpus).filter((f) => f.endsWith('.pp') && /^# apply-safe: yes\b/m.test(readFileSync(join(corpus, f), 'utf8'))).sort() : [];

/** State some manifests act on, made before each of the two runs (so `absent`/`force` remove something). */
const seeds: Record<string, Record<string, string>> = {
  'file_03_absent.pp': { 'file_03-stale.txt': 'stale\n', 'file_03-olddir/inner.txt': 'old\n' },
};

/**
 * Manifests whose result differs from Puppet's for a reason outside the
 * compared code paths' reach (none at present; class_03, whose exec writes
 * into a directory declared just before it, works through exec's automatic
 * edge to the directory of the file it creates).
 */
const known: Record<string, string> = {};

type Entry = { type: string; mode: string; uid: number; gid: number; content?: string; target?: string };

/** Every path under `dir` with what a user would check. */
function snapshot(dir: string): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const walk = (rel: string) => {
    const p = rel ? join(dir, rel) : dir;
    for (const name of readdirSync(p).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      const e: Entry = { type: st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : st.isFile() ? 'file' : 'other', mode: (st.mode & 0o7777).toString(8).padStart(4, '0'), uid: st.uid, gid: st.gid };
      if (st.isFile()) e.content = readFileSync(join(dir, r), 'utf8');
      if (st.isSymbolicLink()) e.target = readlinkSync(join(dir, r));
      out[r] = e;
      if (st.isDirectory()) walk(r);
    }
  };
  walk('');
  return out;
}

function fresh(manifest: string): void {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { mode: 0o755 });
  for (const [rel, content] of Object.entries(seeds[manifest] ?? {})) {
    mkdirSync(join(workDir, rel, '..'), { recursive: true });
    writeFileSync(join(workDir, rel), content);
  }
}

const puppetHome = haveCorpus && !skipWhy ? mkdtempSync(join(tmpdir(), 'mgmt-puppet-home-')) : '';
let certname = '';
if (puppetHome) {
  const facts = JSON.parse(readFileSync(factsFile, 'utf8')) as { name: string; values: unknown };
  certname = facts.name;
  mkdirSync(join(puppetHome, 'yaml', 'facts'), { recursive: true });
  writeFileSync(join(puppetHome, 'yaml', 'facts', `${certname}.yaml`), `--- !ruby/object:Puppet::Node::Facts\n${stringify({ name: facts.name, values: facts.values })}`);
}
afterAll(() => {
  if (puppetHome) rmSync(puppetHome, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

function puppetApply(pp: string): { code: number | null; out: string } {
  const dirs = ['vardir', 'confdir', 'codedir', 'logdir', 'rundir'].flatMap((d) => [`--${d}`, join(puppetHome, d)]);
  const args = ['apply', '--color=false', ...dirs, '--certname', certname, '--facts_terminus', 'yaml', '--clientyamldir', join(puppetHome, 'yaml'), '--detailed-exitcodes', pp];
  const r = spawnSync('puppet', args, { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

function mgmtRun(pp: string): { code: number | null; out: string } {
  const r = spawnSync(launcher, ['run', '--tmp-prefix', '--converged-timeout=0', '--puppet', pp, '--facts', factsFile], { encoding: 'utf8', cwd: root, timeout: 60_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

describeNeeding('mgmt run --puppet leaves the same files as puppet apply', skipWhy, () => {
  it('finds the apply-safe manifests', () => {
    requireDist();
    expect(manifests.length).toBeGreaterThanOrEqual(20);
  });

  it.each(manifests.filter((m) => !(m in known)))('%s', (m) => {
    const pp = join(corpus, m);
    fresh(m);
    const ours = mgmtRun(pp);
    expect(ours.code, ours.out).toBe(0);
    const oursTree = snapshot(workDir);

    fresh(m);
    const theirs = puppetApply(pp);
    // --detailed-exitcodes: 0 nothing changed, 2 changes, 4/6 failures.
    expect([0, 2], theirs.out).toContain(theirs.code);
    const theirsTree = snapshot(workDir);

    expect(oursTree).toEqual(theirsTree);
  }, 120_000);

  // Known differences, each a bug to fix in src/puppet: listed (and skipped) so the run says so.
  for (const [m, why] of Object.entries(known)) it.skip(`${m}: known difference: ${why}`, () => undefined);
});
