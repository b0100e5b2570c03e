// Entry point of the integration suite inside the extension host. Both launchers load this module:
// `@vscode/test-electron` calls run() as its extensionTestsPath, and the code-server runner extension
// calls it on activation. The suite files are bundled next to it under suite/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';
import { filesEndingWith } from './files';

export interface SuiteResults {
  passes: number;
  failures: number;
  pending: number;
  /** The spec reporter's output, ending with mocha's summary. */
  report: string;
}

/** Runs every bundled suite file; resolves with the results and rejects if any test failed. */
export async function run(): Promise<void> {
  // PCL_TEST_GREP (passed through the launcher's environment) runs only the matching tests.
  const grep = process.env.PCL_TEST_GREP || undefined;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, grep });
  for (const file of filesEndingWith(path.join(__dirname, 'suite'), '.test.js')) mocha.addFile(file);

  // Reporters print through Base.consoleLog; the extension host's console is not the launcher's
  // terminal, so the report is captured and handed over through the results file.
  const lines: string[] = [];
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const consoleLog = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => lines.push(util.format(...args));
  let results: SuiteResults;
  try {
    const stats = await new Promise<Mocha.Stats>((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats!));
    });
    results = { passes: stats.passes, failures: stats.failures, pending: stats.pending, report: lines.join('\n') };
  } finally {
    base.consoleLog = consoleLog;
  }
  const out = process.env.PCL_TEST_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(results));
  else console.log(results.report);
  if (results.failures > 0) throw new Error(`${results.failures} integration test(s) failed`);
  if (results.passes === 0) throw new Error('no integration tests ran');
}
