// Builds the extension client, the language server, the CLI, the benchmark and the generator into out/.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  // Minified in every build: the bench and the tests run the code that ships (source maps in development).
  minify: true,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // openpgp's ESM build reads import.meta.url, which a CommonJS bundle does not have: take its CJS build.
  alias: { openpgp: require.resolve('openpgp') },
  // ssh2's optional native parts must never be bundled: it runs in pure JS without them.
  // node-routeros requires source-map-support only when ENV=testing; it is never loaded here.
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node', 'source-map-support'],
};

/**
 * lib/secureboot (pkijs, asn1js, pe-library: about 1 MB) is a file of its own beside the bundles: the chain
 * imports it on first use (lib/chain/trust.ts), so no editor, server or CLI start parses it. Bundles outside
 * out/ itself (the test runners) keep it inside.
 */
const secureBootBeside = {
  name: 'secureboot-beside',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/secureboot$/ }, (args) =>
      args.kind === 'dynamic-import' && /[\\/]lib[\\/]chain[\\/]trust\.ts$/.test(args.importer)
        ? { path: './secureboot.js', external: true }
        : undefined,
    );
  },
};
/**
 * yaml and ajv (half a megabyte together) are evaluated on first use (lib/languages/butane/yaml.ts,
 * lib/json/ajv.ts): in the bundles in out/ their lazy require loads a file of its own beside the bundle, so
 * a start that needs neither does not even parse them.
 */
const LAZY_LIBRARIES = {
  yaml: /[\\/]lib[\\/]languages[\\/]butane[\\/]yaml\.ts$/,
  ajv: /[\\/]lib[\\/]json[\\/]ajv\.ts$/,
};
const librariesBeside = {
  name: 'libraries-beside',
  setup(build) {
    build.onResolve({ filter: /^(yaml|ajv)$/ }, (args) =>
      args.kind === 'require-call' && LAZY_LIBRARIES[args.path].test(args.importer)
        ? { path: `./${args.path}.js`, external: true }
        : undefined,
    );
  },
};
/**
 * The product's data (lib/data/*.json, schemas/*.json) is bundled as `JSON.parse('…')`, not as object
 * literals: V8 keeps a literal's boilerplate beside the objects made from it, and parses JSON faster than
 * JavaScript (2.5 MiB less for a server after the home lab, issue #24).
 */
/**
 * Except the data the Ignition check reads per value (the spec model, the kernel arguments): as literals
 * their objects kept the 5,000-file config at 14–19 ms, parsed from JSON it measured 21–23 ms (this noisy
 * machine, four runs each).
 */
const HOT_DATA = /(ignition-spec|coreos-kernel-args)\.json$/;
const jsonParsed = {
  name: 'json-parsed',
  setup(build) {
    build.onLoad({ filter: /[\\/](lib[\\/]data|schemas)[\\/][^\\/]+\.json$/ }, async (args) => {
      if (HOT_DATA.test(args.path)) return undefined;
      const { readFile } = await import('node:fs/promises');
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};
/**
 * Node modules the server needs only for a feature, not to start: `child_process` (vscode-languageserver's
 * module resolution, which the server never calls) and `zlib` (gzip in Butane and Ignition `data:` URLs).
 * In the server's bundle each is a stand-in that loads the module on first use: loaded at start they cost
 * ~5 ms of the ~60 to the first diagnostic (issue #24). The stand-in lists the module's names without
 * loading it (they are read at build time), as esbuild's interop copies them when the server starts.
 */
const LAZY_BUILTINS = /^(node:)?(child_process|zlib)$/;
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: LAZY_BUILTINS }, (args) =>
      args.namespace === 'lazy-builtin'
        ? undefined
        : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const names = Object.keys(require(`node:${args.path}`));
      return {
        contents: `let loaded;
const real = () => (loaded ??= require('node:${args.path}'));
const names = ${JSON.stringify(names)};
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' ? undefined : real()[key]),
  has: (_, key) => names.includes(key),
  ownKeys: () => [...names],
  getOwnPropertyDescriptor: (_, key) =>
    names.includes(key) ? { configurable: true, enumerable: true, get: () => real()[key] } : undefined,
});`,
        loader: 'js',
      };
    });
  },
};
const beside = { plugins: [secureBootBeside, librariesBeside, jsonParsed] };
const library = (name) => ({
  stdin: { contents: `module.exports = require('${name}');`, resolveDir: '.', loader: 'js' },
  outfile: `out/${name}.js`,
});

const entries = [
  { entryPoints: ['lib/secureboot/index.ts'], outfile: 'out/secureboot.js' },
  library('yaml'),
  library('ajv'),
  { entryPoints: ['client/src/extension.ts'], outfile: 'out/extension.js', ...beside },
  // The server's entry (out/server.js) runs its bundle (out/server-main.js) through V8's code cache
  // (server/src/start.ts), compiled as a script: its one dynamic import() becomes a require in a promise.
  // The bundle is the function a CommonJS module's code is wrapped in, written so: the entry compiles the
  // text as read, with no second copy of it to wrap (and none left behind for the GC).
  { entryPoints: ['server/src/start.ts'], outfile: 'out/server.js' },
  {
    entryPoints: ['server/src/server.ts'],
    outfile: 'out/server-main.js',
    supported: { 'dynamic-import': false },
    banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
    footer: { js: '})' },
    ...beside,
    plugins: [...beside.plugins, lazyBuiltins],
  },
  { entryPoints: ['cli/src/main.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' }, ...beside },
  { entryPoints: ['bench/bench.ts'], outfile: 'out/bench.js', ...beside },
  { entryPoints: ['bench/fuzz.ts'], outfile: 'out/fuzz.js', ...beside },
  { entryPoints: ['bench/corpus.ts'], outfile: 'out/corpus.js', ...beside },
  { entryPoints: ['scripts/gen.ts'], outfile: 'out/gen.js', ...beside },
  { entryPoints: ['scripts/editor.ts'], outfile: 'out/editor.js', ...beside },
  {
    entryPoints: ['test/electron/run.ts'],
    outfile: 'out/test/electron.js',
    external: [...common.external, '@vscode/test-electron'],
  },
  // Extension-host tests: one file per suite beside the runner; mocha and vscode come from the host.
  {
    entryPoints: ['test/integration/index.ts', 'test/integration/extension.test.ts'],
    outdir: 'out/test/integration',
    external: [...common.external, 'mocha'],
  },
];

const started = Date.now();
// The JSON validators (Ignition, site file) are compiled at build time (standalone ajv code) before the bundles.
await esbuild.build({
  ...common,
  entryPoints: ['scripts/gen-validators.ts'],
  outfile: 'out/gen-validators.js',
  sourcemap: false,
  minify: false,
});
const { execFileSync } = await import('node:child_process');
execFileSync(process.execPath, ['out/gen-validators.js', 'out/.validators'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
// Bundle each generated validator with the ajv runtime it requires, as files of their own beside the server.
const { readdirSync } = await import('node:fs');
await esbuild.build({
  ...common,
  entryPoints: readdirSync('out/.validators').map((file) => `out/.validators/${file}`),
  outdir: 'out/validators',
  sourcemap: false,
  minify: true,
});

if (watch) {
  for (const entry of entries) await (await esbuild.context({ ...common, ...entry })).watch();
  console.log('esbuild: watching for changes…');
} else {
  await Promise.all(entries.map((entry) => esbuild.build({ ...common, ...entry })));
  console.log(`esbuild: built ${entries.length} bundles in ${Date.now() - started} ms`);
}
