// Bundles the three shipped targets (extension, CLI, webview) and, on request, the bench.
// `node esbuild.mjs [--production] [--watch] [--bench]`
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const bench = process.argv.includes('--bench');

// The BPE rank tables are megabytes each. Every Node bundle loads them from one shared copy in
// dist/ranks/ (built below) instead of carrying its own, which keeps the VSIX small.
const RANKS = ['o200k_base', 'cl100k_base'];
const sharedRanks = {
  name: 'shared-ranks',
  setup(build) {
    build.onResolve({ filter: /^js-tiktoken\/ranks\/(o200k_base|cl100k_base)$/ }, (args) => ({
      path: `./ranks/${args.path.split('/').pop()}.js`,
      external: true,
    }));
  },
};

const common = {
  bundle: true,
  sourcemap: true,
  minify: production,
  logLevel: 'info',
  legalComments: 'linked',
};

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [sharedRanks],
  },
  {
    // The playground's pipeline, simulator and provider SDKs, loaded when a panel first needs them
    // (src/vscode/playground.ts), so activation parses none of it.
    ...common,
    entryPoints: ['src/vscode/playgroundBackend.ts'],
    outfile: 'dist/playgroundBackend.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [sharedRanks],
  },
  {
    // Exact Claude counts (Anthropic SDK + template renderer), loaded only once a user opts in
    // (src/vscode/exactCounts.ts).
    ...common,
    entryPoints: ['src/vscode/claudeCount.ts'],
    outfile: 'dist/claudeCount.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [sharedRanks],
  },
  ...RANKS.map((name) => ({
    ...common,
    sourcemap: false,
    entryPoints: [`node_modules/js-tiktoken/dist/ranks/${name}.cjs`],
    outfile: `dist/ranks/${name}.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  })),
  {
    // The analysis core for the extension, run in a worker thread (src/vscode/analysisWorker.ts) that
    // starts with the first analysis; kept out of extension.js so activation parses none of it.
    ...common,
    entryPoints: ['src/vscode/analysisWorker.ts'],
    outfile: 'dist/analysisWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [sharedRanks],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [sharedRanks],
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    // The codicon font is inlined into main.css, so the stylesheet is the one file the webview needs.
    loader: { '.ttf': 'dataurl' },
  },
];
if (bench) {
  targets.push({
    ...common,
    minify: true,
    entryPoints: ['scripts/bench.ts'],
    outfile: 'dist/bench.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The WASM peer loads its .wasm file relative to its own package, so it stays outside the bundle.
    external: ['tiktoken'],
    plugins: [sharedRanks],
  });
}

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
