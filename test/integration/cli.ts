// The `prompt-cost` CLI (dist/cli.js, built by `npm run package`) as the oracle for what the editor
// shows: it runs the same core outside VS Code. Usable from the extension host and from plain Node.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { AnalysisReport } from '../../src/core/types';

/** `prompt-cost analyze --format json` of one file, from the repository at `root`. */
export function analyzeWithCli(root: string, file: string, model?: string): AnalysisReport {
  const args = [path.join(root, 'dist', 'cli.js'), 'analyze', '--format', 'json', ...(model ? ['--model', model] : []), file];
  // In desktop VS Code's extension host process.execPath is Electron; this makes it behave as Node.
  const stdout = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return (JSON.parse(stdout) as { files: AnalysisReport[] }).files[0]!;
}
