// Spawns the built CLI with stdin and environment under the test's control (the shared harness
// runs it with neither), for the run/route/similar tests.
import { spawn } from 'node:child_process';
import { cliBundle, type CliResult } from './cliHarness';

export async function runCliWith(args: readonly string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const cli = await cliBundle();
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '', OPENAI_COMPATIBLE_API_KEY: '', ...options.env };
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
