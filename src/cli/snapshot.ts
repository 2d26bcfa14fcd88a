// Start-up from a V8 snapshot (docs/design.md, "Build and start-up").
//
// scripts/snapshot.mjs runs the CLI bundle under `node --build-snapshot`: the
// bundle is loaded, `warmUp()` compiles and runs a small program through
// every stage of `mgmt run` and `mgmt graph`, and node saves the heap to
// dist/bundle/mgmt.blob. bin/mgmt starts node from that blob, and node calls
// `fromSnapshot()`: the modules are already initialised and the functions a
// run needs already compiled, so a command starts ~30 ms sooner.
//
// What the snapshot holds was made at build time, so nothing may keep state
// of the build's process: the environment, the working directory, the clock
// and the host are read when a command runs (log.ts reads $MGMT_LOG per line
// for this reason), a value meant to differ per process is made per pid (the
// file kind's temp-name tag), and the warm-up leaves no file, handle or
// listener behind. Stack traces of a snapshot run name
// dist/bundle/mgmt-snapshot.cjs, whose line numbers are mgmt.cjs's.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphJson, graphText } from '../engine/format.js';
import { compile, firstGraph, loadDeploy } from '../lang/index.js';
import { setLogLevel } from '../util/log.js';
import { exitWhenDone, main, run } from './main.js';

/** A program that touches the common paths: files in a directory (autoedges), printf, loops, a class, edges. */
function sample(dir: string): string {
  return `import "fmt"
import "strings"

$dir = "${dir}/out/"
file $dir {
	state => $const.res.file.state.exists,
	mode => "0755",
}
class app($name str, $port int) {
	file "${'${dir}'}${'${name}'}.conf" {
		state => $const.res.file.state.exists,
		content => fmt.printf("name = %s\\nport = %d\\n", strings.to_upper($name), $port),
		mode => "0640",
	}
}
include app("web", 80)
include app("db", 5432)
for $i, $n in ["a", "b", "c"] {
	test "t-${'${n}'}" {
		int64 => $i,
	}
}
$m = {"x" => 1, "y" => 2}
forkv $k, $v in $m {
	noop "n-${'${k}'}" {
		Meta:autogroup => false,
	}
}
print "p" {
	msg => if len($m) > 1 { "many" } else { "few" },
}
Noop["n-x"] -> Noop["n-y"]
`;
}

/**
 * Run the CLI's common paths once, at snapshot build time, so the snapshot
 * holds their compiled functions. Logs nothing and leaves nothing behind.
 */
export async function warmUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mgmt-warmup-'));
  setLogLevel('error');
  try {
    const entry = join(dir, 'main.mcl');
    writeFileSync(entry, sample(dir));
    const graph = await firstGraph(compile(loadDeploy(entry)));
    graphText(graph);
    graphJson(graph);
    const code = await run(['run', '--tmp-prefix', '--converged-timeout=0', '--lang', entry]);
    if (code !== 0) throw new Error(`the warm-up run exited with ${code}`);
  } finally {
    setLogLevel(undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The snapshot's main: node was started as `node --snapshot-blob B
 * bin/mgmt.js ARGS…` (by bin/mgmt), so process.argv looks as it does under
 * `node bin/mgmt.js ARGS…`.
 */
export function fromSnapshot(): void {
  const argv = process.argv.slice(2);
  void main(argv).then(() => exitWhenDone(argv));
}
