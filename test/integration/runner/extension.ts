// Test-only companion extension, installed from its own VSIX next to the product's. code-server has
// no `--extensionTestsPath`, so this extension starts the integration suite inside the extension host
// when the launcher sets PCL_TEST_BUNDLE (the built suite) and PCL_TEST_RESULTS (where to report).
import * as fs from 'node:fs';
import * as path from 'node:path';

interface SuiteModule {
  run(): Promise<void>;
}

export function activate(): void {
  const bundle = process.env.PCL_TEST_BUNDLE;
  const results = process.env.PCL_TEST_RESULTS;
  if (!bundle || !results) return;
  // Each browser connection starts an extension host; only the first one runs the suite.
  try {
    fs.closeSync(fs.openSync(`${results}.claimed`, 'wx'));
  } catch {
    return;
  }
  // The suite is built per run into a temporary folder, so it is loaded by absolute path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const suite = require(path.join(bundle, 'index.js')) as SuiteModule;
  suite.run().catch((err: unknown) => {
    // run() writes the results file itself; this only covers a suite that could not start.
    if (!fs.existsSync(results)) {
      const report = `The integration suite could not start: ${err instanceof Error ? err.stack : String(err)}`;
      fs.writeFileSync(results, JSON.stringify({ passes: 0, failures: 1, pending: 0, report }));
    }
  });
}

export function deactivate(): void {}
