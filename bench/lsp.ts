// bench/lsp: how long the language server takes to produce diagnostics for a
// 2,000-line file after a keystroke (warm process), in-process through the
// same Workspace and diagnostics code `mgmt lsp` runs. Each run edits one
// literal so that nothing is cached.
//
//   npx tsx bench/lsp.ts            # 2,000 lines
//   npx tsx bench/lsp.ts 5000       # another size

import { diagnostics } from '../src/lsp/diagnostics.js';
import { hover } from '../src/lsp/hover.js';
import { Workspace } from '../src/lsp/workspace.js';

/** A realistic program of about `lines` lines: binds, printf, resources, funcs, classes, edges. */
export function program(lines: number, seed = 0): string {
  const out = ['import "fmt"', 'import "strings"', ''];
  for (let i = 1; out.length < lines; i++) {
    out.push(
      `$v${i} = ${i + seed} + 1`,
      `$s${i} = fmt.printf("x%d", $v${i})`,
      `file "/tmp/f${i}" {`,
      `\tcontent => strings.to_upper($s${i}),`,
      `\tmode => "0644",`,
      `}`,
      `func f${i}($a) { $a + ${i} }`,
      `test "t${i}" {`,
      `\tanotherstr => "\${s${i}}",`,
      `\tint64 => f${i}(3),`,
      `}`,
      `Test["t${i}"] -> File["/tmp/f${i}"]`,
      `class c${i}($x) {`,
      `\tprint "p${i}" {`,
      `\t\tmsg => $x,`,
      `\t}`,
      `}`,
      `include c${i}("a${i}")`,
      '',
    );
  }
  return out.join('\n') + '\n';
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, min ${s[0].toFixed(1)} ms`;
}

const lines = Number(process.argv[2] ?? 2000);
const ws = new Workspace();
const uri = 'file:///tmp/mgmt-bench/main.mcl';
let version = 0;
ws.open(uri, ++version, program(lines));
const times: number[] = [];
const broken: number[] = [];
const hovers: number[] = [];
for (let i = 0; i < 45; i++) {
  const text = program(lines, i);
  const t0 = performance.now();
  ws.change(uri, ++version, text);
  const a = ws.analyze(uri)!;
  const d = diagnostics(a);
  const dt = performance.now() - t0;
  if (d.length) throw new Error(`unexpected diagnostic: ${d[0].message}`);
  // A keystroke that breaks the syntax half-way down: the recovering parse runs too.
  const cut = text.indexOf('\n', text.length >> 1);
  const t1 = performance.now();
  ws.change(uri, ++version, text.slice(0, cut) + ' = )' + text.slice(cut));
  const bad = diagnostics(ws.analyze(uri)!);
  const dt1 = performance.now() - t1;
  if (!bad.length) throw new Error('expected a syntax error');
  ws.change(uri, ++version, text);
  const ok = ws.analyze(uri)!;
  const t2 = performance.now();
  hover(ok, text.indexOf('$v7'), ws.registry);
  const dt2 = performance.now() - t2;
  if (i >= 5) {
    times.push(dt);
    broken.push(dt1);
    hovers.push(dt2);
  }
}
const n = program(lines).split('\n').length - 1;
console.log(`lsp diagnostics, ${n} lines, valid program:        ${stats(times)}`);
console.log(`lsp diagnostics, ${n} lines, with a syntax error:  ${stats(broken)}`);
console.log(`lsp hover (first after a change, builds the index): ${stats(hovers)}`);
