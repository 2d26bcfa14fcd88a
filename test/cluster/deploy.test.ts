// Deploys over a real etcd, with separate `mgmt` processes: `mgmt deploy`
// publishes a program with its files/ and an imported module; two agents
// started as `mgmt run --seeds URL empty` take it, and swap to each newer
// deploy (a file's content changes, a resource goes); the git parent check
// refuses a stale deploy and --force overrides it; an agent started later
// takes the newest deploy; a deploy with a type error is refused before
// anything is published; a YAML deploy; and an agent that started the
// cluster itself (`--cluster --deploy`) follows deploys made to its client URL.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcher, mgmt, requireDist } from '../helpers/cli.js';
import { describeNeeding } from '../helpers/components.js';
import { startEtcd } from '../helpers/etcd.js';
import type { TestEtcd } from '../helpers/etcd.js';
import { read, startAgent, stopAgents, waitFor } from '../helpers/agents.js';
import type { Agent } from '../helpers/agents.js';
import { Harness, etcdMissing, etcdctl, freePort } from './harness.js';
import { makeCerts } from '../helpers/certs.js';

let etcd: TestEtcd;
let base: string;
const agents: Agent[] = [];

beforeAll(async () => {
  if (etcdMissing) return;
  requireDist();
  etcd = await startEtcd();
  base = mkdtempSync(join(tmpdir(), 'mgmt-deploys-'));
  mkdirSync(join(base, 'out'));
});
// (Generous: on a loaded machine a killed agent may take a while to be reaped.)
afterAll(async () => {
  etcd?.kill();
  await stopAgents(agents);
  if (base) rmSync(base, { recursive: true, force: true });
}, 60_000);

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: GIT_ENV, encoding: 'utf8' });

function deploy(args: string[], seeds = etcd.url): { code: number | null; out: string; err: string } {
  const r = spawnSync(launcher, ['deploy', '--seeds', seeds, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The newest deploy id in etcd, from the keys as a user would list them. */
function newest(): number {
  const keys = etcdctl([etcd.url], ['get', '--prefix', '/_mgmt/deploy/', '--keys-only']).out.split('\n').filter(Boolean);
  return Math.max(0, ...keys.map((k) => Number(/\/_mgmt\/deploy\/(\d+)\/payload/.exec(k)?.[1] ?? 0)));
}

/** The deploy tree: metadata.yaml, main.mcl writing into out/<host>/, files/a.txt, a module mod1/ with its own files/. */
function writeCode(dir: string, opts: { a: string; withY: boolean; z?: boolean }): void {
  mkdirSync(join(dir, 'files'), { recursive: true });
  mkdirSync(join(dir, 'mod1', 'files'), { recursive: true });
  writeFileSync(join(dir, 'metadata.yaml'), 'main: main.mcl\nfiles: files/\n');
  writeFileSync(join(dir, 'files', 'a.txt'), opts.a);
  writeFileSync(join(dir, 'mod1', 'main.mcl'), 'import "deploy"\n\n$greeting = deploy.readfile("/files/m.txt")\n');
  writeFileSync(join(dir, 'mod1', 'files', 'm.txt'), 'hello from mod1\n');
  const out = `${base}/out/\${hostname}`;
  writeFileSync(
    join(dir, 'main.mcl'),
    `import "deploy"
import "mod1/"

file "${out}/" {
	state => "exists",
}
file "${out}/x" {
	state => "exists",
	content => deploy.readfile("/files/a.txt"),
}
file "${out}/m" {
	state => "exists",
	content => $mod1.greeting,
}
${opts.withY ? `file "${out}/y" {\n\tstate => "exists",\n\tcontent => "y\\n",\n}\n` : ''}${opts.z ? `file "${out}/z" {\n\tstate => "exists",\n\tcontent => "z\\n",\n}\n` : ''}`,
  );
}

/** waitFor, with every agent's log in the error. */
async function until(what: string, check: () => boolean, ms = 30_000): Promise<number> {
  try {
    return await waitFor(what, check, ms);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${agents.map((a) => `--- ${a.host}\n${a.log()}`).join('\n')}`);
  }
}

const outFile = (host: string, f: string) => join(base, 'out', host, f);
/** Every agent in `hosts` has `want` in out/<host>/<file>. */
const all = (hosts: string[], file: string, want: string) => () => hosts.every((h) => read(outFile(h, file)) === want);

describeNeeding('deploys', etcdMissing, () => {
  it('two `empty` agents take a deploy with files/ and a module, then swap to the next one', { timeout: 120_000 }, async () => {
    const code = join(base, 'code');
    writeCode(code, { a: 'v1\n', withY: true });
    git(code, 'init', '-q');
    git(code, 'add', '-A');
    git(code, 'commit', '-qm', 'first');
    for (const h of ['a', 'b']) agents.push(startAgent(h, join(base, `p-${h}`), ['--graphviz', join(base, `${h}.dot`), 'empty'], etcd.url));
    await until('both agents to run the empty graph', () => agents.every((a) => /no deploy yet/.test(a.log())), 20_000);

    const r1 = deploy(['--lang', code]);
    expect(r1.err + r1.out).toMatch(/^deploy 1: published lang \/metadata\.yaml \(5 files, .*commit [0-9a-f]{12}\)$/m);
    expect(r1.code).toBe(0);
    await until('deploy 1 on both agents', () => all(['a', 'b'], 'x', 'v1\n')() && all(['a', 'b'], 'm', 'hello from mod1\n')() && all(['a', 'b'], 'y', 'y\n')());
    for (const a of agents) expect(a.log()).toMatch(/^deploy: swapping to deploy 1 \(lang \/metadata\.yaml, commit [0-9a-f]{12}\)$/m);
    // Upstream's key layout: the payload and the commit of deploy 1.
    expect(etcdctl([etcd.url], ['get', '/_mgmt/deploy/1/hash', '--print-value-only']).out.trim()).toBe(git(code, 'rev-parse', 'HEAD').trim());

    // The second deploy: a file's content changes, y leaves the graph, z comes.
    writeCode(code, { a: 'v2\n', withY: false, z: true });
    git(code, 'commit', '-qam', 'second');
    const t0 = Date.now();
    const r2 = deploy(['--lang', code]);
    const tDeploy = Date.now() - t0;
    expect(r2.code, r2.err).toBe(0);
    expect(r2.out).toMatch(/^deploy 2: published lang \/metadata\.yaml \(5 files, /m);
    // Contents are stored once: of the 5 files only main.mcl and a.txt are new.
    expect(etcdctl([etcd.url], ['get', '--prefix', '/_mgmt/deployfs/', '--keys-only']).out.split('\n').filter(Boolean)).toHaveLength(7);
    await until('deploy 2 on both agents', () => all(['a', 'b'], 'x', 'v2\n')() && all(['a', 'b'], 'z', 'z\n')());
    console.log(`\`mgmt deploy\` took ${tDeploy} ms; from its start to deploy 2 on both agents' disks: ${Date.now() - t0} ms`);
    for (const h of ['a', 'b']) {
      const dot = () => read(join(base, `${h}.dot`)) ?? '';
      await until(`y out of ${h}'s graph`, () => !dot().includes(outFile(h, 'y')) && dot().includes(outFile(h, 'z')));
      expect(read(outFile(h, 'y'))).toBe('y\n'); // no longer managed, left as it was
    }
    // (The log may still be in the pipe: the checks above read files, without waiting.)
    expect(all(['a', 'b'], 'm', 'hello from mod1\n')()).toBe(true); // (copied from deploy 1's directory, not fetched again)
    await until('the swap in both logs', () => agents.every((a) => /^deploy: swapping to deploy 2 \(lang \/metadata\.yaml, commit [0-9a-f]{12}; was deploy 1\)$/m.test(a.log())));
  });

  it('refuses a deploy whose parent is not the newest deploy, unless --force', { timeout: 120_000 }, async () => {
    const code = join(base, 'code');
    const second = git(code, 'rev-parse', 'HEAD').trim();
    // A commit that builds on the first deploy, not on the second (the newest).
    git(code, 'checkout', '-q', '-b', 'stale', 'HEAD~1');
    writeFileSync(join(code, 'files', 'a.txt'), 'stale\n');
    git(code, 'commit', '-qam', 'stale');
    const r = deploy(['--lang', code]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`mgmt deploy: refused: the newest deploy is 2 (commit ${second.slice(0, 12)}), but this commit's parent is `);
    expect(r.err).toContain('or use --force');
    expect(newest()).toBe(2);

    // Uncommitted changes are refused too: the commit would not say what is deployed.
    writeFileSync(join(code, 'files', 'a.txt'), 'dirty\n');
    const d = deploy(['--lang', code, '--force']);
    expect(d.code).toBe(2);
    expect(d.err).toMatch(/the deploy's files have changes that are not committed:\n {2}M files\/a\.txt\n/);
    git(code, 'checkout', '-q', '--', '.');

    const f = deploy(['--lang', code, '--force']);
    expect(f.code, f.err).toBe(0);
    expect(f.out).toMatch(/^deploy 3: published/m);
    await until('deploy 3 on both agents', () => all(['a', 'b'], 'x', 'stale\n')());
    // The same commit again is nothing new.
    const again = deploy(['--lang', code]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/nothing new to deploy: the newest deploy, 3, is already commit [0-9a-f]{12}/);
  });

  it('an agent started after the deploys takes the newest one', { timeout: 120_000 }, async () => {
    const c = startAgent('c', join(base, 'p-c'), ['empty'], etcd.url);
    agents.push(c);
    await until('deploy 3 on c', () => read(outFile('c', 'x')) === 'stale\n' && read(outFile('c', 'm')) === 'hello from mod1\n');
    await until('the swap in c\'s log', () => /^deploy: swapping to deploy 3 /m.test(c.log()));
    expect(c.log()).not.toMatch(/deploy [12]\b/);
    expect(c.log()).not.toMatch(/no deploy yet/);
  });

  it('refuses a deploy that does not compile, before publishing anything', { timeout: 120_000 }, async () => {
    const bad = join(base, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'main.mcl'), 'file "/tmp/x" {\n\tcontent => 42,\n}\n');
    const before = etcdctl([etcd.url], ['get', '--prefix', '/_mgmt/', '--keys-only']).out;
    const r = deploy(['--lang', join(bad, 'main.mcl')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(bad, 'main.mcl')}:2:2: errUnify:`);
    expect(r.err).toContain('mgmt deploy: nothing was published');
    expect(etcdctl([etcd.url], ['get', '--prefix', '/_mgmt/', '--keys-only']).out).toBe(before);
  });

  it('a YAML deploy replaces the mcl one on every agent', { timeout: 120_000 }, async () => {
    const dir = join(base, 'yaml');
    mkdirSync(dir);
    const resources = ['a', 'b', 'c'].map((h) => `    - name: ${outFile(h, 'from-yaml')}\n      path: ${outFile(h, 'from-yaml')}\n      content: "yaml\\n"\n      state: exists\n`).join('');
    writeFileSync(join(dir, 'g.yaml'), `graph: g\nresources:\n  file:\n${resources}`);
    const r = deploy(['--yaml', join(dir, 'g.yaml')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^deploy 4: published yaml \/g\.yaml \(1 file, /m);
    expect(r.err).toContain('is not in a git working tree: publishing without a commit');
    await until('the YAML deploy on every agent', () => ['a', 'b', 'c'].every((h) => read(outFile(h, 'from-yaml')) === 'yaml\n'));
    await until('the swap in every log', () => agents.every((a) => /^deploy: swapping to deploy 4 \(yaml \/g\.yaml; was deploy 3\)$/m.test(a.log())));
  });

  it('splits a file larger than etcd\'s request limit, and refuses a list of files that would not fit', { timeout: 120_000 }, async () => {
    const dir = join(base, 'big');
    mkdirSync(join(dir, 'files'), { recursive: true });
    const big = randomBytes(3 * 1024 * 1024 + 12345); // gzip cannot shrink it: 4 parts of at most 1 MiB
    writeFileSync(join(dir, 'files', 'big.bin'), big);
    writeFileSync(join(dir, 'main.mcl'), 'noop "n" {}\n');
    const r = deploy(['--lang', dir, '--no-git']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^deploy 5: published lang \/main\.mcl \(2 files, 3\.0 MiB; 3\.0 MiB new in etcd\)$/m);
    const sha = createHash('sha256').update(big).digest('hex');
    expect(etcdctl([etcd.url], ['get', '--prefix', `/_mgmt/deployfs/${sha}/`, '--keys-only']).out.split('\n').filter(Boolean)).toHaveLength(4);
    // Each agent runs it from <prefix>/deploys/5/, and keeps no older deploy there.
    for (const h of ['a', 'b', 'c']) {
      const file = join(base, `p-${h}`, 'deploys', '5', 'files', 'big.bin');
      await until(`deploy 5 on ${h}`, () => existsSync(file) && readdirSync(join(base, `p-${h}`, 'deploys')).join() === '5');
      expect(readFileSync(file).equals(big)).toBe(true);
    }

    // 6,000 files with long names make a list of ~2 MiB: refused before anything is stored.
    const many = join(base, 'many');
    mkdirSync(join(many, 'files'), { recursive: true });
    writeFileSync(join(many, 'main.mcl'), 'noop "n" {}\n');
    for (let i = 0; i < 6000; i++) writeFileSync(join(many, 'files', `${'a-file-with-a-long-name-'.repeat(8)}${i}.txt`), `${i}\n`);
    const before = etcdctl([etcd.url], ['get', '--prefix', '/_mgmt/', '--keys-only']).out;
    const t = deploy(['--lang', many, '--no-git']);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/^mgmt deploy: refused: the deploy's list of files is [12]\.\d MiB, over etcd's request limit of 1\.5 MiB: it has 6001 files; deploy fewer/m);
    expect(etcdctl([etcd.url], ['get', '--prefix', '/_mgmt/', '--keys-only']).out).toBe(before);
  });

  it('a deploy that cannot run on the agents is reported there, and the running deploy stays until the next one', { timeout: 120_000 }, async () => {
    // It type-checks where it is deployed from; on each agent the path is not absolute.
    const dir = join(base, 'relative');
    mkdirSync(dir);
    writeFileSync(join(dir, 'main.mcl'), 'file "relative-${hostname}" {\n\tstate => "exists",\n}\n');
    const r = deploy(['--lang', dir, '--no-git']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^deploy 6: published/m);
    await until('every agent to refuse deploy 6', () => agents.every((a) => /^error: deploy: deploy 6 cannot run on this host; keeping deploy 5$/m.test(a.log())));
    for (const a of agents) expect(a.log()).toContain(`${join(base, `p-${a.host}`, 'deploys', '6', 'main.mcl')}:1:6:`);
    writeFileSync(join(dir, 'main.mcl'), `file "${join(base, 'out')}/\${hostname}/after" {\n\tstate => "exists",\n\tcontent => "after\\n",\n}\n`);
    const r2 = deploy(['--lang', dir, '--no-git']);
    expect(r2.code, r2.err).toBe(0);
    await until('deploy 7 on every agent', () => ['a', 'b', 'c'].every((h) => read(outFile(h, 'after')) === 'after\n'));
    await until('the swap in every log', () => agents.every((a) => /^deploy: swapping to deploy 7 \(lang \/main\.mcl; was deploy 5\)$/m.test(a.log())));
  });

  it('agents keep their deploy while etcd is down, and take the next one once it is back', { timeout: 120_000 }, async () => {
    await etcd.stop();
    const dir = join(base, 'relative');
    writeFileSync(join(dir, 'main.mcl'), `file "${join(base, 'out')}/\${hostname}/after" {\n\tstate => "exists",\n\tcontent => "after etcd came back\\n",\n}\n`);
    const down = deploy(['--lang', dir, '--no-git']);
    expect(down.code).toBe(3);
    expect(down.err).toMatch(/^mgmt deploy: could not publish to http:/m);
    for (const a of agents) expect(a.proc.exitCode).toBe(null);
    await etcd.restart();
    const r = deploy(['--lang', dir, '--no-git']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^deploy 8: published/m);
    await until('deploy 8 on every agent', () => ['a', 'b', 'c'].every((h) => read(outFile(h, 'after')) === 'after etcd came back\n'), 30_000);
    await until('the swap in every log', () => agents.every((a) => /^deploy: swapping to deploy 8 \(lang \/main\.mcl; was deploy 7\)$/m.test(a.log())));
  });

  it('two deploys at once both get an id, one after the other, and the agents end on the later one', { timeout: 120_000 }, async () => {
    const dirs = ['one', 'two'].map((n) => {
      const dir = join(base, `race-${n}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'main.mcl'), `file "${join(base, 'out')}/\${hostname}/race" {\n\tstate => "exists",\n\tcontent => "${n}\\n",\n}\n`);
      return dir;
    });
    const run = (dir: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const p = spawn(launcher, ['deploy', '--seeds', etcd.url, '--lang', dir, '--no-git'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        p.stdout!.on('data', (d) => (out += d));
        p.on('exit', (code) => resolve({ code, out }));
      });
    const [a, b] = await Promise.all(dirs.map(run));
    expect([a.code, b.code]).toEqual([0, 0]);
    const ids = [a, b].map((r) => Number(/^deploy (\d+): published/m.exec(r.out)?.[1]));
    expect([...ids].sort((x, y) => x - y)).toEqual([9, 10]);
    const later = ids[0] === 10 ? 'one' : 'two';
    await until(`deploy 10 (${later}) on every agent`, () => ['a', 'b', 'c'].every((h) => read(outFile(h, 'race')) === `${later}\n`));
    await until('the swap in every log', () => agents.every((x) => /^deploy: swapping to deploy 10 /m.test(x.log())));
  });

  it('an agent that started the cluster itself (--cluster --deploy) follows deploys made to its client URL', { timeout: 120_000 }, async () => {
    const h = new Harness();
    try {
      const h1 = await h.start(1, ['--cluster', '--deploy']);
      await h1.waitFor(/joined the cluster as h1/);
      const dir = join(h.dir, 'code');
      mkdirSync(join(dir, 'files'), { recursive: true });
      writeFileSync(join(dir, 'files', 'msg'), 'from a deploy\n');
      writeFileSync(join(dir, 'main.mcl'), `import "deploy"\n\nfile "${join(h.dir, 'out')}" {\n\tstate => "exists",\n\tcontent => deploy.readfile("/files/msg"),\n}\n`);
      const r = deploy(['--lang', join(dir, 'main.mcl'), '--no-git'], h1.client);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^deploy 1: published lang \/main\.mcl \(2 files, /m);
      await until('the deploy on h1', () => read(join(h.dir, 'out')) === 'from a deploy\n');
      await h1.waitFor(/^deploy: swapping to deploy 1 \(lang \/main\.mcl; was the code given at start\)$/m);
    } finally {
      h.teardown();
    }
  });

  it('deploys to a cluster with mutual TLS', { timeout: 120_000 }, async () => {
    const h = new Harness();
    try {
      const c = makeCerts(h.dir);
      const tls = ['--cert-file', c.cert, '--key-file', c.key, '--ca-file', c.ca];
      const client = `https://127.0.0.1:${await freePort()}`;
      const server = `https://127.0.0.1:${await freePort()}`;
      const h1 = h.spawn('h1', ['--cluster', '--deploy', '--client-urls', client, '--server-urls', server, ...tls], client, server);
      await h1.waitFor(/joined the cluster as h1/);
      const dir = join(h.dir, 'code');
      mkdirSync(dir);
      writeFileSync(join(dir, 'main.mcl'), `file "${join(h.dir, 'out')}" {\n\tstate => "exists",\n\tcontent => "over TLS\\n",\n}\n`);
      const without = deploy(['--lang', dir, '--no-git'], client);
      expect(without.code).toBe(3);
      const r = deploy(['--lang', dir, '--no-git', ...tls], client);
      expect(r.code, r.err).toBe(0);
      await until('the deploy on h1', () => read(join(h.dir, 'out')) === 'over TLS\n');
      await h1.waitFor(/^deploy: swapping to deploy 1 /m);
    } finally {
      h.teardown();
    }
  });

  it('says what is wrong with its command line, and when etcd does not answer', { timeout: 120_000 }, async () => {
    const help = mgmt(['deploy', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: mgmt deploy --seeds URL,... (--lang FILE | --yaml FILE)');
    expect(help.out).toMatch(/--force +publish even if the newest deploy is not this commit's parent/);
    const noSeeds = mgmt(['deploy', '--lang', 'x.mcl']);
    expect(noSeeds.code).toBe(64);
    expect(noSeeds.err).toContain('give the cluster with --seeds URL');
    const alone = mgmt(['run', '--tmp-prefix', 'empty']);
    expect(alone.code).toBe(64);
    expect(alone.err).toContain('deploys come from a cluster: give --seeds URL (or --cluster) with `empty` or --deploy');
    const both = mgmt(['run', '--tmp-prefix', '--seeds', etcd.url, '--lang', 'x.mcl', 'empty']);
    expect(both.code).toBe(64);
    const dir = join(base, 'lonely');
    mkdirSync(dir);
    writeFileSync(join(dir, 'main.mcl'), 'noop "n" {}\n');
    const nobody = deploy(['--lang', join(dir, 'main.mcl')], `http://127.0.0.1:${await freePort()}`);
    expect(nobody.code).toBe(3);
    expect(nobody.err).toMatch(/^mgmt deploy: could not publish to http:\/\/127\.0\.0\.1:\d+: /m);
  });
});
