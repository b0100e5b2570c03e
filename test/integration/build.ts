// Builds what the integration launchers need into a fresh folder: the suite bundle (index.js plus one
// CommonJS file per suite/**/*.test.ts, `vscode` left external) and the test-runner extension's VSIX.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { createVSIX } from '@vscode/vsce';
import { filesEndingWith } from './files';

const HERE = __dirname;

export interface IntegrationBuild {
  /** Folder holding index.js and suite/. */
  bundleDir: string;
  runnerVsix: string;
}

export async function buildSuite(outDir: string): Promise<string> {
  const bundleDir = path.join(outDir, 'bundle');
  const common: esbuild.BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // Mocha's parallel mode resolves worker files at run time; the suite runs serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
  };
  await esbuild.build({ ...common, entryPoints: [path.join(HERE, 'index.ts')], outfile: path.join(bundleDir, 'index.js') });
  await esbuild.build({ ...common, entryPoints: filesEndingWith(path.join(HERE, 'suite'), '.test.ts'), outbase: path.join(HERE, 'suite'), outdir: path.join(bundleDir, 'suite') });
  return bundleDir;
}

export async function buildRunnerVsix(outDir: string): Promise<string> {
  const dir = path.join(outDir, 'runner');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(HERE, 'runner', 'package.json'), path.join(dir, 'package.json'));
  fs.writeFileSync(path.join(dir, 'README.md'), 'Test-only companion of Prompt Cost Lens; see test/integration/runner/.\n');
  fs.writeFileSync(path.join(dir, '.vscodeignore'), '*.map\n');
  await esbuild.build({
    entryPoints: [path.join(HERE, 'runner', 'extension.ts')],
    outfile: path.join(dir, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const vsix = path.join(outDir, 'pcl-test-runner.vsix');
  await quietly(() => createVSIX({ cwd: dir, packagePath: vsix, dependencies: false, allowMissingRepository: true, skipLicense: true }));
  return vsix;
}

/** Builds both into a new temporary folder. */
export async function buildIntegration(): Promise<IntegrationBuild> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-it-'));
  const [bundleDir, runnerVsix] = await Promise.all([buildSuite(outDir), buildRunnerVsix(outDir)]);
  return { bundleDir, runnerVsix };
}

/** vsce prints its file listing to the console; keep the test output about the tests. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const log = console.log;
  const info = console.info;
  console.log = console.info = () => {};
  try {
    return await work();
  } finally {
    console.log = log;
    console.info = info;
  }
}
