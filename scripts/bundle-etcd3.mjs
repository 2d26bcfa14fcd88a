// dist/bundle/mgmt-etcd3.cjs: the etcd client (etcd3, gRPC, protobuf,
// cockatiel) as one CommonJS file, for a mgmt that has no node_modules: the
// bundle or the self-contained executable shipped to a remote host
// (docs/remote.md). src/cluster/etcd3-load.ts loads it only when etcd3 cannot
// be resolved, and only when a cluster is used, so the CLI bundle and the
// start-up snapshot stay as they are.
//
// etcd3 reads its .proto files from its own directory when it loads
// (connection-pool.js calls proto-loader's loadSync). Here they are parsed at
// build time instead, and the parsed definitions (protobufjs JSON) are written
// into the file in place of that call (proto-loader's fromJSON takes them).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
// The options etcd3 passes to loadSync: keepCase is applied while parsing.
const LOAD_CALL = /\(0, proto_loader_1\.loadSync\)\(`\$\{__dirname\}\/\.\.\/proto\/rpc\.proto`, \{/;

/** rpc.proto and its imports, parsed as etcd3 does, as protobufjs JSON. */
function compiledProtos() {
  const etcd3Dir = dirname(require.resolve('etcd3/package.json'));
  const loaderRequire = createRequire(require.resolve('@grpc/proto-loader'));
  const protobuf = loaderRequire('protobufjs');
  const root = new protobuf.Root().loadSync(join(etcd3Dir, 'proto', 'rpc.proto'), { keepCase: true });
  root.resolveAll();
  return JSON.stringify(root.toJSON());
}

const protosCompiledIn = {
  name: 'etcd3-protos-compiled-in',
  setup(b) {
    b.onLoad({ filter: /[\\/]etcd3[\\/]lib[\\/]connection-pool\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      if (!LOAD_CALL.test(src)) throw new Error(`${args.path}: etcd3 no longer loads rpc.proto as this build expects; update scripts/bundle-etcd3.mjs`);
      return { contents: src.replace(LOAD_CALL, `(0, proto_loader_1.fromJSON)(${compiledProtos()}, {`), loader: 'js' };
    });
  },
};

export async function bundleEtcd3(outfile) {
  await build({
    stdin: { contents: "module.exports = { etcd3: require('etcd3'), cockatiel: require('cockatiel') };", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    minify: true,
    plugins: [protosCompiledIn],
    logLevel: 'error',
  });
}
