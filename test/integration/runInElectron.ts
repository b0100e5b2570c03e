// `npm run test:electron`: the same suite in desktop VS Code through @vscode/test-electron, which
// downloads VS Code into .vscode-test/ (needs internet; not part of CI). The extension is loaded from
// the repository (`npm run build` first) as an extension under development.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../../scripts/vscode-host';
import { buildSuite } from './build';

async function main(): Promise<number> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-it-'));
  try {
    const bundleDir = await buildSuite(outDir);
    return await runTests({
      version: process.env.PCL_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(bundleDir, 'index.js'),
      launchArgs: [path.join(ROOT, 'examples'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
