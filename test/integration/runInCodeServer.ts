// `npm run test:api`: runs the integration suite inside code-server's extension host, with the
// packaged product VSIX and the test-runner extension installed into temporary dirs. Chromium opens
// the workbench because the extension host only starts when a browser connects.
// PCL_TEST_GREP=<pattern> runs only the tests whose full title matches (the host inherits it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer, type RunningHost } from '../../scripts/vscode-host';
import { EXAMPLES, launchChromium, VSIX } from '../ui/workbench';
import { buildIntegration } from './build';
import type { SuiteResults } from './index';

const TIMEOUT_MS = 10 * 60_000;
/** The runner extension starts the suite within seconds of the workbench loading; waiting longer is pointless. */
const START_TIMEOUT_MS = 3 * 60_000;

async function main(): Promise<number> {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
  const { bundleDir, runnerVsix } = await buildIntegration();
  const resultsFile = path.join(path.dirname(bundleDir), 'results.json');
  const host = await startCodeServer({
    folder: EXAMPLES,
    vsixes: [VSIX, runnerVsix],
    env: { PCL_TEST_BUNDLE: bundleDir, PCL_TEST_RESULTS: resultsFile },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    const results = await waitForResults(resultsFile, host);
    console.log(results.report);
    return results.failures === 0 && results.passes > 0 ? 0 : 1;
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(path.dirname(bundleDir), { recursive: true, force: true });
  }
}

/** Resolves when the runner has written the results, or fails if code-server dies or time runs out. */
async function waitForResults(file: string, host: RunningHost): Promise<SuiteResults> {
  let exited = false;
  void host.exited.then(() => (exited = true));
  const started = Date.now();
  while (!fs.existsSync(file)) {
    if (exited) throw new Error(`code-server exited before the suite finished:\n${host.output()}`);
    const claimed = fs.existsSync(`${file}.claimed`);
    const waited = Date.now() - started;
    if (waited > TIMEOUT_MS || (!claimed && waited > START_TIMEOUT_MS)) {
      const why = claimed ? 'the suite started but did not finish' : 'the runner extension never started';
      throw new Error(`no test results after ${Math.round(waited / 1000)} s (${why}). code-server output:\n${host.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
