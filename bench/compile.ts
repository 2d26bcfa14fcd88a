// bench/compile: how long the compiler takes to the first resource graph, per
// stage, for generated programs of 1,000 / 10,000 / 100,000 resources.
//
//   npx tsx bench/compile.ts            # all sizes
//   npx tsx bench/compile.ts 10000      # one size
//   node --cpu-prof --import tsx bench/compile.ts 10000   # profile
//
// Each size runs in this process after a small warm-up; stages are called
// one by one the way src/lang/index.ts chains them, then the whole pipeline is
// timed again through compile() + firstGraph() as the end-to-end figure.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '../src/lang/parser.js';
import { initCheck } from '../src/lang/init.js';
import { interpolate } from '../src/lang/interpolate.js';
import { checkOrdering } from '../src/lang/ordering.js';
import { ScopeBuilder } from '../src/lang/scope.js';
import { unify } from '../src/lang/types/infer.js';
import { builtins } from '../src/lang/funcs/index.js';
import { FunctionEngine } from '../src/lang/fgraph.js';
import { interpret } from '../src/lang/interpret.js';
import { addAutoEdges } from '../src/engine/autoedge.js';
import { compile, firstGraph, loadDeploy } from '../src/lang/index.js';
import type { Program } from '../src/lang/ast.js';

/**
 * A program of about `n` resources: a quarter from a class included n/16
 * times (a directory, two files under it, a test resource), a quarter from a
 * loop over a generated list (two files each, names and contents by printf),
 * a quarter from a forkv over a generated map, and a quarter of plain
 * resources with interpolated names, plus an edge chain through the plain ones.
 */
export function generate(n: number): string {
  const q = Math.max(1, Math.floor(n / 4));
  const out: string[] = ['import "fmt"', 'import "strings"', ''];
  out.push(
    'class app($name str, $port int) {',
    '\t$base = fmt.printf("/srv/apps/%s/", $name)',
    '\tfile [$base] {',
    '\t\tstate => $const.res.file.state.exists,',
    '\t}',
    '\tfile [fmt.printf("%sconfig", $base)] {',
    '\t\tcontent => fmt.printf("name=%s\\nport=%d\\n", $name, $port),',
    '\t}',
    '\tfile [fmt.printf("%sREADME", $base)] {',
    '\t\tcontent => strings.to_upper($name),',
    '\t}',
    '\ttest [fmt.printf("app-%s", $name)] {',
    '\t\tanotherstr => "${name}",',
    '\t\tint64 => $port,',
    '\t}',
    '}',
    '',
  );
  for (let i = 0; i < Math.ceil(q / 4); i++) out.push(`include app("a${i}", ${8000 + i})`);
  out.push('');
  out.push('file "/srv/hosts/" {}');
  const hosts = Array.from({ length: Math.ceil(q / 2) }, (_, i) => `"host${i}"`);
  out.push(`$hosts = [${hosts.join(', ')}]`);
  out.push('for $i, $h in $hosts {', '\tfile [fmt.printf("/srv/hosts/%s.conf", $h)] {', '\t\tcontent => fmt.printf("%d %s\\n", $i, $h),', '\t}', '\tprint [fmt.printf("hello-%s", $h)] {', '\t\tmsg => $h,', '\t}', '}', '');
  const entries = Array.from({ length: q }, (_, i) => `"k${i}" => ${i}`);
  out.push(`$ports = {${entries.join(', ')}}`);
  out.push('forkv $k, $v in $ports {', '\ttest [fmt.printf("port-%s-%d", $k, $v)] {', '\t\tint64 => $v * 2,', '\t}', '}', '');
  for (let i = 0; i < q; i++) {
    const dep = i > 0 && i % 10 !== 0 ? `\n\tDepend => Test["plain${i - 1}"],` : '';
    out.push(`test "plain${i}" {\n\tanotherstr => "value-${i}",${dep}\n}`);
  }
  return out.join('\n') + '\n';
}

interface Row {
  stage: string;
  /** Wall time, and CPU time (user+system) of this process: on a busy machine the CPU figure is the steadier one. */
  ms: number;
  cpuMs: number;
  heapMB: number;
}

function mb(x: number): number {
  return Math.round((x / 1048576) * 10) / 10;
}

async function stages(text: string): Promise<{ rows: Row[]; vertices: number; edges: number }> {
  const rows: Row[] = [];
  const step = <R>(stage: string, f: () => R): R => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = f();
    const c = process.cpuUsage(c0);
    rows.push({ stage, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, heapMB: mb(process.memoryUsage().heapUsed) });
    return r;
  };
  const registry = builtins();
  const parsed = step('parse', () => parse(text, '/main.mcl'));
  if (!parsed.ast || parsed.errors.length) throw parsed.errors[0];
  const ast: Program = parsed.ast;
  step('init', () => {
    const e = initCheck(ast);
    if (e) throw e;
  });
  const interp = step('interpolate', () => interpolate(ast));
  if ('error' in interp) throw interp.error;
  const scoped = step('ordering+scope', () => {
    const e = checkOrdering(interp.ast);
    if (e) throw e;
    const frontend = (p: string) => {
      const mcl = p.startsWith('builtin:') ? registry.module(p.slice(8))?.mcl : undefined;
      if (mcl === undefined) return undefined;
      const r = parse(mcl, `/${p.slice(8)}.mcl`);
      return r.ast ? { ast: r.ast } : { error: r.errors[0], prefix: '' };
    };
    return new ScopeBuilder({ registry, frontend, hostname: 'bench', moduleMain: () => 'main.mcl' }).program(interp.ast, { base: '/', file: '/main.mcl' });
  });
  const typing = step('unify', () => unify(scoped));
  const env = { hostname: 'bench', deployRoot: tmpdir(), localDir: join(tmpdir(), 'mgmt-bench-local'), registry, args: [] };
  const fe = new FunctionEngine(scoped, typing, env);
  const graph = step('fgraph+interpret', () => interpret(fe, scoped.stmts));
  fe.stop();
  step('autoedge', () => addAutoEdges(graph));
  return { rows, vertices: graph.vertices.length, edges: graph.edges.length };
}

async function endToEnd(text: string): Promise<{ wall: number; cpu: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'mcl-bench-'));
  writeFileSync(join(dir, 'main.mcl'), text);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const c = compile(loadDeploy(join(dir, 'main.mcl')), { hostname: 'bench' });
  await firstGraph(c, { localDir: join(dir, '.local') });
  const cpu = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const list = sizes.length ? sizes : [1000, 10_000, 100_000];
  await stages(generate(200)); // warm-up: module loading and JIT
  console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  for (const n of list) {
    const text = generate(n);
    const { rows, vertices, edges } = await stages(text);
    const total = rows.reduce((a, r) => a + r.ms, 0);
    const totalCpu = rows.reduce((a, r) => a + r.cpuMs, 0);
    const e2e = await endToEnd(text);
    console.log(`\n## ${n.toLocaleString('en')} resources requested: ${vertices} vertices, ${edges} edges, ${text.split('\n').length} lines, ${mb(text.length)} MB of source`);
    console.log('| stage | wall ms | cpu ms | heap after (MB) |');
    console.log('|---|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.stage} | ${r.ms.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ${r.heapMB} |`);
    console.log(`| **sum of stages** | **${total.toFixed(1)}** | **${totalCpu.toFixed(1)}** | |`);
    console.log(`| compile()+firstGraph() end to end | ${e2e.wall.toFixed(1)} | ${e2e.cpu.toFixed(1)} | |`);
    console.log(`peak RSS so far: ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
