// Tests that need a real component (D-Bus, PackageKit, a systemd manager,
// systemd-nspawn, puppet, tmux, etcd, sshd, the shared test data) skip with
// the reason where it cannot run. In CI (`CI` set) they fail with it instead:
// .ci/run installs every one of them, so a skip there would hide a broken
// install step behind a green run. Every such skip goes through here.

import { spawnSync } from 'node:child_process';
import { describe, it, type TestContext } from 'vitest';

/** True under CI, where a missing component is a failure, not a skip. */
export const inCI = !!process.env.CI;

const failure = (why: string) =>
  new Error(`${why} — in CI this is a failure, not a skip: .ci/run installs what this test needs, so its install or start-up is broken`);

/**
 * Inside a test: skip with `why` (when set) locally, fail with it in CI.
 * Use as `if (why) return unavailable(ctx, why);`.
 */
export function unavailable(ctx: TestContext, why: string): never {
  if (inCI) throw failure(why);
  return ctx.skip(why);
}

/**
 * A describe block that needs a component: `why` says why it cannot run here
 * (undefined when it can). Locally its tests are listed as skipped, with the
 * reason in the block's title; in CI one failing test says why instead.
 */
export function describeNeeding(title: string, why: string | undefined, body: () => void): void {
  if (!why) describe(title, body);
  else if (inCI) {
    describe(title, () => {
      it('has what it needs', () => {
        throw failure(why);
      });
    });
  } else describe.skip(`${title} (skipped: ${why})`, body);
}

/** Why `cmd` cannot be run (undefined when `cmd ARGS` exits 0), naming the package that has it. */
export function commandMissing(cmd: string, pkg: string, args = ['--version']): string | undefined {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 });
  return r.status === 0 ? undefined : `${cmd} is not installed or does not run (apt-get install ${pkg})`;
}
