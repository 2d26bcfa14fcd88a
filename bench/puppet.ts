// bench/puppet: the Puppet frontend's translate + compile time, against
// `puppet apply --noop` on the same manifests (issue 4). Needs dist/.
//
//   npx tsx bench/puppet.ts          # the corpus and a generated 1,000-resource manifest
//   npx tsx bench/puppet.ts 5000     # another size for the generated manifest
//
// In this process (warm, median of 5): manifest → catalog (parse + evaluate),
// then → mcl text → compiled → first resource graph. As processes (median of
// 3): `mgmt graph --puppet X.pp` against `puppet apply --noop X.pp`, both
// with the corpus's fixed facts (Puppet through its yaml facts terminus, in
// state directories of its own), and Puppet's own "Compiled catalog in" figure.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { firstGraph } from '../src/lang/index.js';
import { catalogOfFile, compileManifest } from '../src/puppet/index.js';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'mgmt.js');
const shared = join(root, '..', 'shared', 'puppet');
const corpus = join(shared, 'corpus');
const factsFile = join(shared, 'facts.json');
const work = '/tmp/mgmt-bench-puppet';
const size = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => (!Number.isFinite(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '–');

function ensurePuppet(): string | undefined {
  const have = () => spawnSync('puppet', ['--version'], { stdio: 'ignore' }).status === 0;
  if (have()) return undefined;
  if (process.getuid?.() !== 0) return 'puppet is not installed and we are not root to install it';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore', timeout: 300_000 });
  spawnSync('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', 'puppet'], { env, stdio: 'ignore', timeout: 600_000 });
  return have() ? undefined : 'puppet could not be installed with apt-get';
}

/**
 * A manifest of about `n` resources: a defined type (a directory and two
 * files per instance) declared with `each` over a generated array, a class
 * with typed parameters, case/selector on facts, interpolation, and plain
 * files and notifies chained by arrows in runs of ten.
 */
export function generate(n: number, dir: string): string {
  const q = Math.max(1, Math.floor(n / 4));
  const out: string[] = [
    `$base = '${dir}'`,
    "$tool = $facts['os']['family'] ? { 'Debian' => 'apt', 'RedHat' => 'dnf', default => 'unknown' }",
    'define app(Integer $port, String $owner = \'root\') {',
    '  file { "${base}/${title}": ensure => directory }',
    '  file { "${base}/${title}/port": content => "port=${port}\\n", mode => \'0644\', require => File["${base}/${title}"] }',
    '  file { "${base}/${title}/tool": content => "${::hostname} uses ${tool}\\n" }',
    '}',
    'class appsettings(String $env = \'prod\', Integer $workers = 4) {',
    '  case $facts[\'os\'][\'family\'] {',
    '    \'Debian\': { $flavour = \'deb\' }',
    '    default: { $flavour = \'other\' }',
    '  }',
  ];
  for (let i = 0; i < q; i++) out.push(`  file { "\${base}/settings-${i}": content => "env=\${env} workers=\${$workers * ${i + 1}} flavour=\${flavour}\\n" }`);
  out.push('}', "class { 'appsettings': workers => 8 }");
  const apps = Math.max(1, Math.floor(q / 3));
  out.push(`$apps = [${Array.from({ length: apps }, (_, i) => `'app${i}'`).join(', ')}]`);
  out.push('$apps.each |$i, $a| { app { $a: port => 8000 + $i } }');
  for (let i = 0; i < q; i++) out.push(`file { "\${base}/plain-${i}": content => "plain ${i}\\n", mode => '0640' }`);
  for (let i = 0; i < q; i++) out.push(`notify { 'note-${i}': message => "note ${i} on \${facts['networking']['fqdn']}" }`);
  for (let i = 0; i + 1 < q; i++) if (i % 10 !== 9) out.push(`Notify['note-${i}'] -> Notify['note-${i + 1}']`);
  return out.join('\n') + '\n';
}

/** In this process: catalog, then translate + compile + first graph (median of 5 after a warm-up). */
async function inProcess(file: string): Promise<{ catalog: number; total: number; resources: number }> {
  const cat: number[] = [];
  const all: number[] = [];
  let resources = 0;
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    catalogOfFile(file, { factsFile });
    const t1 = performance.now();
    const { compiled } = compileManifest(file, { factsFile, hostname: 'corpus-node' });
    const g = await firstGraph(compiled);
    const t2 = performance.now();
    resources = g.vertices.length;
    if (i === 0) continue;
    cat.push(t1 - t0);
    all.push(t2 - t1);
  }
  return { catalog: median(cat), total: median(all), resources };
}

const puppetHome = join(work, 'puppet-home');
function puppetNoop(file: string): { ms: number; compiled: number; ok: boolean; out: string } {
  const facts = JSON.parse(readFileSync(factsFile, 'utf8')) as { name: string; values: unknown };
  const yamlDir = join(puppetHome, 'yaml', 'facts');
  if (!existsSync(yamlDir)) {
    mkdirSync(yamlDir, { recursive: true });
    writeFileSync(join(yamlDir, `${facts.name}.yaml`), `--- !ruby/object:Puppet::Node::Facts\n${stringify({ name: facts.name, values: facts.values })}`);
  }
  const dirs = ['vardir', 'confdir', 'codedir', 'logdir', 'rundir'].flatMap((d) => [`--${d}`, join(puppetHome, d)]);
  const t0 = performance.now();
  const r = spawnSync('puppet', ['apply', '--noop', '--color=false', ...dirs, '--certname', facts.name, '--facts_terminus', 'yaml', '--clientyamldir', join(puppetHome, 'yaml'), file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  const compiled = Number(/Compiled catalog for .* in ([\d.]+) seconds/.exec(r.stdout + r.stderr)?.[1] ?? NaN) * 1000;
  return { ms, compiled, ok: r.status === 0, out: r.stdout + r.stderr };
}

function mgmtGraph(file: string): { ms: number; ok: boolean } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'graph', '--puppet', file, '--facts', factsFile], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { ms: performance.now() - t0, ok: r.status === 0 };
}

async function main(): Promise<void> {
  if (!existsSync(corpus)) throw new Error(`no corpus at ${corpus}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const puppet = ensurePuppet();
  console.log(`# bench/puppet — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${puppet ? `puppet: ${puppet}` : `puppet ${spawnSync('puppet', ['--version'], { encoding: 'utf8' }).stdout.trim()}`}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const supported = readdirSync(corpus).filter((f) => f.endsWith('.pp') && /^outcome supported/m.test(readFileSync(join(corpus, f.replace(/\.pp$/, '.expect')), 'utf8'))).sort();
  let cat = 0;
  let total = 0;
  let resources = 0;
  for (const f of supported) {
    const r = await inProcess(join(corpus, f));
    cat += r.catalog;
    total += r.total;
    resources += r.resources;
  }
  const gen = join(work, `gen${size}.pp`);
  writeFileSync(gen, generate(size, join(work, 'out')));
  const g = await inProcess(gen);

  console.log('\n## in this process, warm (median of 5, ms)\n');
  console.log('| manifests | resources | catalog (parse + evaluate) | translate + compile + first graph |');
  console.log('|---|---:|---:|---:|');
  console.log(`| corpus: ${supported.length} supported, summed | ${resources} | ${fmt(cat)} | ${fmt(total)} |`);
  console.log(`| generated | ${g.resources} | ${fmt(g.catalog)} | ${fmt(g.total)} |`);

  console.log('\n## as processes: `mgmt graph --puppet` vs `puppet apply --noop` (median of 3, ms)\n');
  console.log('| manifest | mgmt graph --puppet | puppet apply --noop | puppet/mgmt | Puppet\'s "Compiled catalog" | mgmt in-process total |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const rows: [string, string, number][] = [['corpus file_01_content.pp', join(corpus, 'file_01_content.pp'), NaN], [`generated (${g.resources} resources)`, gen, g.catalog + g.total]];
  for (const [name, file, inproc] of rows) {
    const m = [0, 1, 2].map(() => mgmtGraph(file));
    const p = puppet ? [] : [0, 1, 2].map(() => puppetNoop(file));
    const mm = median(m.map((x) => x.ms));
    const pm = puppet ? NaN : median(p.map((x) => x.ms));
    const pc = puppet ? NaN : median(p.map((x) => x.compiled));
    if (!m.every((x) => x.ok)) console.log(`(mgmt graph failed on ${file})`);
    if (!puppet && p.length && !p.every((x) => x.ok)) console.log(`(puppet apply --noop failed on ${file}: ${p[0].out.trim().split('\n').slice(-3).join(' / ')})`);
    console.log(`| ${name} | ${fmt(mm)} | ${fmt(pm)} | ${ratio(pm, mm)} | ${fmt(pc)} | ${fmt(inproc)} |`);
  }
  if (puppet) console.log(`\npuppet columns empty: ${puppet}`);
  console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  rmSync(work, { recursive: true, force: true });
}

await main();
