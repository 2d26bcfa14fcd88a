// `mgmt deploy`: publish a program and the files it imports to a cluster as
// its newest deploy (docs/cluster.md, "Deploys"). The code is compiled here
// first, so a deploy with an error never reaches the agents. In a git
// working tree the deploy carries its commit, and is refused unless the
// newest deploy is this commit's parent (--force skips that check), as
// upstream's `mgmt deploy` does.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join, relative } from 'node:path';
import type { Command, ParsedArgs } from './command.js';
import { UsageError } from './command.js';
import { parseTlsFlags, parseUrls } from '../cluster/flags.js';
import { renderLocal } from '../lang/diagnose.js';
import { asLangError, compile, loadDeploy } from '../lang/index.js';
import type { Deploy } from '../lang/index.js';
import { log, setLogLevel } from '../util/log.js';
import { readText } from '../util/read-text.js';
import { parseYamlGraph } from '../yamlgraph/parse.js';
import { langFiles, pack, yamlFiles } from '../world/deploy-files.js';
import type { LocalDeploy } from '../world/deploy-files.js';
import { checkSize, DeployRefused, fmtBytes, publishManifest, short, storeBlobs } from '../world/deploys.js';
import type { Manifest } from '../world/deploys.js';

/** Exit codes of `mgmt deploy` (docs/cli.md). */
export const DEPLOY_EXIT = {
  ok: 0,
  /** The code does not compile (nothing was published). */
  compile: 1,
  /** Refused: the newest deploy is not this commit's parent, nothing new, uncommitted changes, too large. */
  refused: 2,
  /** etcd did not answer at --seeds, or failed while publishing. */
  unreachable: 3,
} as const;

export const deployCommand: Command = {
  name: 'deploy',
  summary: 'Publish a program and every file it imports to a cluster as its newest deploy; agents following deploys (`mgmt run --seeds URL empty`) swap to it.',
  usage: 'mgmt deploy --seeds URL,... (--lang FILE | --yaml FILE) [--force] [--no-git]',
  flags: [
    { name: 'seeds', value: 'URL,...', help: 'client URLs of the cluster\'s etcd', default: '$MGMT_SEEDS' },
    { name: 'lang', value: 'FILE', help: 'the mcl program: an .mcl file, a metadata.yaml, or a directory' },
    { name: 'yaml', value: 'FILE', help: 'a YAML graph' },
    { name: 'force', help: 'publish even if the newest deploy is not this commit\'s parent (or is this commit)' },
    { name: 'no-git', help: 'do not look at git: publish without a commit, and without the parent check' },
    { name: 'hostname', value: 'NAME', help: 'the hostname to type-check the program with', default: 'this host\'s' },
    { name: 'cert-file', value: 'FILE', help: 'TLS certificate (PEM) for a cluster with TLS' },
    { name: 'key-file', value: 'FILE', help: 'the TLS key (PEM) of --cert-file' },
    { name: 'ca-file', value: 'FILE', help: 'the CA (PEM) of the cluster' },
    { name: 'debug', help: 'debug logging' },
  ],
  async run(args: ParsedArgs): Promise<number> {
    if (args.flags.get('debug')) setLogLevel('debug');
    if (args.positional.length) throw new UsageError(`unexpected argument \`${args.positional[0]}\` (use --lang FILE or --yaml FILE)`);
    const str = (n: string) => args.flags.get(n) as string | undefined;
    const seedsText = str('seeds') ?? process.env.MGMT_SEEDS;
    if (!seedsText) throw new UsageError('give the cluster with --seeds URL (a client URL of its etcd)');
    const seeds = parseUrls('seeds', seedsText);
    const lang = str('lang');
    const yaml = str('yaml');
    if ((lang === undefined) === (yaml === undefined)) throw new UsageError('give one of --lang FILE and --yaml FILE');
    const tls = parseTlsFlags(str);
    const hostname = str('hostname') ?? osHostname();

    // 1. Compile here: only code that compiles is published.
    let local: LocalDeploy;
    if (lang !== undefined) {
      let deploy: Deploy | undefined;
      try {
        deploy = loadDeploy(lang);
        local = langFiles(lang, compile(deploy, { hostname }));
      } catch (e) {
        const root = deploy?.root;
        process.stderr.write(renderLocal(asLangError(e), deploy, (f) => (root ? readText(join(root, f)) : undefined)) + '\n');
        process.stderr.write('mgmt deploy: nothing was published\n');
        return DEPLOY_EXIT.compile;
      }
    } else {
      try {
        local = yamlFiles(yaml!);
        const file = [...local.paths][0];
        parseYamlGraph(readFileSync(file, 'utf8'), file);
      } catch (e) {
        process.stderr.write(renderLocal(asLangError(e, 'errLexParse'), undefined, () => undefined) + '\nmgmt deploy: nothing was published\n');
        return DEPLOY_EXIT.compile;
      }
    }
    const { files, blobs, bytes } = pack(local);

    // 2. Its commit, when it is in a git working tree.
    let git: { hash: string; parent: string } | undefined;
    if (args.flags.get('no-git') !== true) {
      try {
        git = gitCommit(local);
      } catch (e) {
        process.stderr.write(`mgmt deploy: ${(e as Error).message}\n`);
        return DEPLOY_EXIT.refused;
      }
      if (!git) log.info(`${local.root} is not in a git working tree: publishing without a commit (no parent check)`);
    }
    const force = args.flags.get('force') === true;
    const manifest: Manifest = { mgmt: 1, frontend: lang !== undefined ? 'lang' : 'yaml', main: local.main, files, ...(git ? { hash: git.hash } : {}), from: hostname, time: new Date().toISOString() };

    try {
      checkSize(manifest);
    } catch (e) {
      process.stderr.write(`mgmt deploy: refused: ${(e as Error).message}\n`);
      return DEPLOY_EXIT.refused;
    }

    // 3. Publish: the files' contents first, then the deploy that names them.
    const { makeClient } = await import('../cluster/client.js');
    const client = makeClient(seeds, tls, { dialTimeout: 3000, callDeadlineMs: 10_000 });
    try {
      const written = await storeBlobs(client, blobs);
      const id = await publishManifest(client, manifest, { hash: git?.hash, parent: git?.parent, force });
      const n = Object.keys(files).length;
      process.stdout.write(`deploy ${id}: published ${manifest.frontend} ${manifest.main} (${n} file${n === 1 ? '' : 's'}, ${fmtBytes(bytes)}; ${fmtBytes(written)} new in etcd${git ? `; commit ${short(git.hash)}` : ''})\n`);
      return DEPLOY_EXIT.ok;
    } catch (e) {
      if (e instanceof DeployRefused) {
        process.stderr.write(`mgmt deploy: refused: ${e.message}\n`);
        return DEPLOY_EXIT.refused;
      }
      process.stderr.write(`mgmt deploy: could not publish to ${seeds.join(',')}: ${(e as Error).message}\n`);
      return DEPLOY_EXIT.unreachable;
    } finally {
      client.close();
    }
  },
};

/**
 * The commit of a deploy in a git working tree (and its parent: '' for a
 * first commit), or undefined outside one. The deploy's files must be
 * committed, or the commit would not say what is deployed.
 */
function gitCommit(d: LocalDeploy): { hash: string; parent: string } | undefined {
  const git = (a: string[]) => execFileSync('git', ['-C', d.root, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  try {
    if (git(['rev-parse', '--is-inside-work-tree']) !== 'true') return undefined;
  } catch {
    return undefined; // not a work tree, or no git
  }
  let hash: string;
  try {
    hash = git(['rev-parse', '--verify', 'HEAD']);
  } catch {
    throw new Error(`${d.root} is in a git working tree with no commit yet: commit the deploy's files, or use --no-git`);
  }
  const dirty = git(['status', '--porcelain', '--untracked-files=all', '--', ...[...d.paths].map((p) => relative(d.root, p))]);
  if (dirty) {
    const list = dirty.split('\n').slice(0, 5).map((l) => `  ${l}`).join('\n');
    throw new Error(`the deploy's files have changes that are not committed:\n${list}\ncommit them (the deploy carries its commit), or use --no-git`);
  }
  let parent = '';
  try {
    parent = git(['rev-parse', '--verify', 'HEAD^']);
  } catch {
    // the first commit: no parent to check
  }
  return { hash, parent };
}
