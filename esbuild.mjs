// Bundles the three shipped targets (extension, CLI, webview) and, on request, the bench.
// `node esbuild.mjs [--production] [--watch] [--bench]`
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const bench = process.argv.includes('--bench');

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
  },
  {
    // The analysis core for the extension, run in a worker thread (src/vscode/analysisWorker.ts) that
    // starts with the first analysis; kept out of extension.js so activation parses none of it.
    ...common,
    entryPoints: ['src/vscode/analysisWorker.ts'],
    outfile: 'dist/analysisWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
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
  });
}

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
