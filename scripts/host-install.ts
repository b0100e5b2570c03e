// `npm run host:install`: installs the code-server VS Code host (or reuses the cached one) and prints
// its folder. A script of its own so that bundles importing scripts/vscode-host.ts (the bench) run no CLI.
import { ensureCodeServer } from './vscode-host';

try {
  console.log(ensureCodeServer().dir);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
