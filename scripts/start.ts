// `npm start`: builds and packages the extension, installs the VSIX into code-server and serves the
// workbench with examples/ open until Ctrl-C. The user data dir is kept in .vscode-test/start-user so
// opened editors and settings survive restarts; extensions are reinstalled fresh on every start.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, startCodeServer } from './vscode-host';

const VSIX = path.join(ROOT, 'dist', 'prompt-cost-lens.vsix');

async function main(): Promise<void> {
  const built = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run package failed');

  const extensionsDir = path.join(ROOT, '.vscode-test', 'start-extensions');
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  const host = await startCodeServer({
    folder: path.join(ROOT, 'examples'),
    vsixes: [VSIX],
    userDataDir: path.join(ROOT, '.vscode-test', 'start-user'),
    extensionsDir,
  });
  console.log(`\nPrompt Cost Lens is running in VS Code at:\n\n  ${host.url}\n\nOpen it in a browser. Ctrl-C stops it.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host.stop().then(() => process.exit(0));
  };
  void host.exited.then((code) => {
    if (stopping) return;
    console.error(`code-server exited unexpectedly (${code}):\n${host.output().slice(-4000)}`);
    process.exit(1);
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
