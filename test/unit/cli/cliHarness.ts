// Runs the real CLI bundle: esbuild builds src/cli/main.ts exactly as `npm run build` does (CJS, Node
// 20) into a temporary folder once per test run, and each test spawns `node cli.js …` in a chosen cwd.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../../..');
let bundle: Promise<string> | undefined;

/** Path of the built CLI; built on first call. */
export function cliBundle(): Promise<string> {
  bundle ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'prompt-cost-cli-')), 'cli.js');
    await build({
      entryPoints: [join(ROOT, 'src/cli/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return bundle;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `prompt-cost ...args` in `cwd` (default: the repository root). Runs may overlap. */
export async function runCli(args: readonly string[], cwd: string = ROOT): Promise<CliResult> {
  const cli = await cliBundle();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Absolute path inside the repository. */
export function repoPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}
