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

/** A CommonJS bundle for Node (the extension host, its worker, the CLI) that shares the rank files. */
const node = (entry, outfile, extra = {}) => ({
  ...common,
  entryPoints: [entry],
  outfile,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  plugins: [sharedRanks],
  ...extra,
});

/** @type {esbuild.BuildOptions[]} */
const targets = [
  node('src/vscode/extension.ts', 'dist/extension.js', { external: ['vscode'] }),
  // The playground's pipeline, simulator and provider SDKs, loaded when a panel first needs them
  // (src/vscode/playground.ts), so activation parses none of it.
  node('src/vscode/playgroundBackend.ts', 'dist/playgroundBackend.js', { external: ['vscode'] }),
  // Exact Claude counts (Anthropic SDK + template renderer), loaded only once a user opts in
  // (src/vscode/exactCounts.ts).
  node('src/vscode/claudeCount.ts', 'dist/claudeCount.js'),
  // The analysis core for the extension, run in a worker thread (src/vscode/analysisWorker.ts) that
  // starts with the first analysis; kept out of extension.js so activation parses none of it.
  node('src/vscode/analysisWorker.ts', 'dist/analysisWorker.js'),
  node('src/cli/main.ts', 'dist/cli.js', { banner: { js: '#!/usr/bin/env node' } }),
  ...RANKS.map((name) =>
    node(`node_modules/js-tiktoken/dist/ranks/${name}.cjs`, `dist/ranks/${name}.js`, { sourcemap: false, plugins: [] }),
  ),
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
  // The WASM peer loads its .wasm file relative to its own package, and playwright-core (which drives
  // the start-up section's workbench) finds its browser protocol files the same way: both stay outside.
  targets.push(node('scripts/bench.ts', 'dist/bench.js', { minify: true, external: ['tiktoken', 'playwright-core'] }));
}

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
