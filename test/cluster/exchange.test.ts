// The seed's three-host exchange over a real etcd, written as YAML graphs
// (`@@name`, `collect:` with a pattern) and as mcl (`Meta:export`,
// `collect.res` and `collect file`): hosts A, B and C each manage four files
// in their own directory and export two; each collects every exported file
// into its own directory, so each ends with 8 files, 24 in all. Then an
// exported file's content changes on A, A stops exporting one, and etcd goes
// away for a while.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireDist } from '../helpers/cli.js';
import { startEtcd } from '../helpers/etcd.js';
import type { TestEtcd } from '../helpers/etcd.js';
import { read, startAgent, stopAgents, waitFor } from '../helpers/agents.js';
import type { Agent } from '../helpers/agents.js';

const HOSTS = ['a', 'b', 'c'];
let etcd: TestEtcd;
let base: string;
const agents: Agent[] = [];

interface GraphOpts {
  f3content?: string;
  f3exported?: boolean;
}

/** The YAML graph of host h; exported files are named file3h, file4h. */
function yamlGraph(h: string, opts: GraphOpts = {}): string {
  const dir = join(base, `d${h}`);
  const file = (n: string, exported: boolean, content = `i am f${n}${h}\\n`) => `  - name: "${exported ? '@@' : ''}file${n}${h}"
    path: "${dir}/f${n}${h}"
    content: "${content}"
    state: exists
`;
  return `graph: host-${h}
resources:
  file:
${file('1', false)}${file('2', false)}${file('3', opts.f3exported ?? true, opts.f3content)}${file('4', true)}collect:
- kind: file
  pattern: "${dir}/"
`;
}

function etcdKeys(prefix: string): string[] {
  const out = execFileSync('etcdctl', ['--endpoints', etcd.url, 'get', '--prefix', prefix, '--keys-only'], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' } });
  return out.split('\n').filter(Boolean);
}

/** The same in mcl: files named by their paths, exported ones f3h and f4h; collected ones keep their names. */
function mclGraph(h: string, opts: GraphOpts = {}): string {
  const dir = join(base, `d${h}`) + '/';
  const file = (n: string, exported: boolean, content = `i am f${n}${h}\\n`) =>
    exported
      ? `file "f${n}${h}" {\n\tpath => "${dir}f${n}${h}",\n\tstate => "exists",\n\tcontent => "${content}",\n\tMeta:export => ["*"],\n}\n`
      : `file "${dir}f${n}${h}" {\n\tstate => "exists",\n\tcontent => "${content}",\n}\n`;
  return `import "world/collect"

${file('1', false)}${file('2', false)}${file('3', opts.f3exported ?? true, opts.f3content)}${file('4', true)}
for $i, $r in collect.res("file") {
	if $r->host != $hostname {
		collect file [$r] {
			path => "${dir}" + $r->name,
		}
	}
}
`;
}

const flavours = [
  { lang: 'yaml', flag: '--yaml', graph: yamlGraph, exportName: (n: string, h: string) => `file${n}${h}` },
  { lang: 'mcl', flag: '--lang', graph: mclGraph, exportName: (n: string, h: string) => `f${n}${h}` },
];

/** The files in host h's directory (not the file kind's temp files, which come and go). */
const files = (h: string) => readdirSync(join(base, `d${h}`)).filter((f) => !f.startsWith('.mgmt-tmp-')).sort();
const expected = (h: string) => [...new Set([...['1', '2', '3', '4'].map((n) => `f${n}${h}`), ...HOSTS.flatMap((o) => [`f3${o}`, `f4${o}`])])].sort();

describe.each(flavours)('three hosts exchange exported files through etcd ($lang)', ({ lang, flag, graph, exportName }) => {
  const source = (h: string) => join(base, `${h}.${lang}`);

  beforeAll(async () => {
    requireDist();
    etcd = await startEtcd();
    base = mkdtempSync(join(tmpdir(), 'mgmt-exchange-'));
    agents.length = 0;
    for (const h of HOSTS) {
      mkdirSync(join(base, `d${h}`));
      writeFileSync(source(h), graph(h));
    }
  });

  afterAll(async () => {
    await stopAgents(agents);
    etcd?.kill();
    rmSync(base, { recursive: true, force: true });
  });

  it('each host ends with its 4 files and the 4 the others export: 24 in all', async () => {
    for (const h of HOSTS) {
      agents.push(startAgent(h, join(base, `p${h}`), [flag, source(h)], etcd.url));
      await new Promise((r) => setTimeout(r, 300));
    }
    const all = (h: string) => JSON.stringify(files(h)) === JSON.stringify(expected(h)) && HOSTS.every((o) => read(join(base, `d${h}`, `f4${o}`)) === `i am f4${o}\n`);
    const ms = await waitFor('24 files', () => HOSTS.every(all));
    console.log(`${lang}: all 24 files in place ${ms} ms after C started`);
    for (const h of HOSTS) {
      expect(files(h)).toHaveLength(8);
      for (const o of HOSTS) expect(read(join(base, `d${h}`, `f4${o}`))).toBe(`i am f4${o}\n`);
    }
    expect(etcdKeys('/_mgmt/exported/').sort()).toEqual(HOSTS.flatMap((h) => [`/_mgmt/exported/*/${h}/file/${exportName('3', h)}`, `/_mgmt/exported/*/${h}/file/${exportName('4', h)}`]).sort());
  });

  it('an edit of an exported file\'s content on A changes it on B and C', async () => {
    const samples: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const want = `edit ${i} on a`;
      writeFileSync(source('a'), graph('a', { f3content: `${want}\\n` }));
      samples.push(await waitFor(`edit ${i} on B and C`, () => read(join(base, 'db', 'f3a')) === `${want}\n` && read(join(base, 'dc', 'f3a')) === `${want}\n`));
    }
    console.log(`${lang}: A's graph edited -> content on B's and C's disks: ${samples.join(', ')} ms`);
  });

  it('dropping the export takes the file out of B\'s and C\'s management', async () => {
    writeFileSync(source('a'), graph('a', { f3content: 'kept on a\\n', f3exported: false }));
    await waitFor('the export to go from etcd', () => !etcdKeys('/_mgmt/exported/').some((k) => k.endsWith(`/${exportName('3', 'a')}`)));
    await new Promise((r) => setTimeout(r, 500));
    // B still repairs what it collects (f4a) but no longer f3a.
    writeFileSync(join(base, 'db', 'f3a'), 'mine now\n');
    writeFileSync(join(base, 'db', 'f4a'), 'drift\n');
    await waitFor('B to repair f4a', () => read(join(base, 'db', 'f4a')) === 'i am f4a\n');
    await new Promise((r) => setTimeout(r, 1000));
    expect(read(join(base, 'db', 'f3a'))).toBe('mine now\n');
    expect(read(join(base, 'da', 'f3a'))).toBe('kept on a\n');
  });

  it('with etcd gone, an agent keeps its running graph and says so; it catches up when etcd is back', async () => {
    await etcd.stop();
    writeFileSync(join(base, 'db', 'f1b'), 'drift\n');
    await waitFor('B to repair its own file without etcd', () => read(join(base, 'db', 'f1b')) === 'i am f1b\n');
    writeFileSync(source('a'), graph('a', { f3content: 'back\\n' }));
    await waitFor('A to say etcd is unreachable', () => agents[0].log().includes('etcd is unreachable'));
    for (const a of agents) expect(a.proc.exitCode).toBe(null);
    await etcd.restart();
    await waitFor('the export made during the outage to reach C', () => read(join(base, 'dc', 'f3a')) === 'back\n', 20_000);
    expect(agents[0].log()).toContain('etcd is reachable again');
  });
});
