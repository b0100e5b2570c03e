// Start-up in the real VS Code host: code-server with the packaged VSIX, a fresh profile each run, the
// examples folder open (its prompt files activate the extension through `workspaceContains`) and no
// editor open. The extension's own log (its LogOutputChannel, written under the profile's logs folder)
// says how long `activate` took and when the analysis worker started: the worker is where tokenizer
// ranks and price data load, so no worker before a prompt is opened means neither was loaded. Opening a
// prompt afterwards must start it, which shows the check can fail. Packages the VSIX first (it is measured too).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../vscode-host';
import { openFile, openWorkbench, VSIX, waitForCodeLens } from '../../test/ui/workbench';
import { waitFor } from '../../test/waitFor';
import { stats, type BenchRow, type BenchSection } from './types';

const RUNS = 5;
/** How long the workbench is left idle after activation to catch a worker started in the background. */
const IDLE_MS = 5_000;
const EXAMPLE = 'rag-answer.j2';
const ACTIVATED = /activated in ([\d.]+) ms/;
const WORKER_STARTED = /analysis worker started/;

const section = 'extension: start-up';

interface Run {
  activateMs: number;
  workerBeforePrompt: boolean;
  workerAfterPrompt: boolean;
  firstLensMs: number;
}

/** The text of the extension's log in a code-server profile, or '' before it exists. */
function extensionLog(userDataDir: string): string {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return '';
  const files = (fs.readdirSync(logs, { recursive: true }) as string[]).filter((f) => f.endsWith(`${path.sep}Prompt Cost Lens.log`));
  return files.map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('\n');
}

async function oneRun(): Promise<Run> {
  const workbench = await openWorkbench();
  try {
    const { userDataDir } = workbench.host;
    const activateMs = Number(await waitFor('the "activated in" log line', () => ACTIVATED.exec(extensionLog(userDataDir))?.[1], 60_000));
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const workerBeforePrompt = WORKER_STARTED.test(extensionLog(userDataDir));
    await openFile(workbench.page, EXAMPLE);
    const opened = performance.now();
    await waitForCodeLens(workbench.page, /\btok\b/);
    const firstLensMs = performance.now() - opened;
    const workerAfterPrompt = await waitFor('the worker log line', () => (WORKER_STARTED.test(extensionLog(userDataDir)) ? true : undefined), 10_000).catch(() => false);
    return { activateMs, workerBeforePrompt, workerAfterPrompt, firstLensMs };
  } finally {
    await workbench.close();
  }
}

function packageVsix(): void {
  const result = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm run package exited with ${result.status}`);
}

export const startup: BenchSection = {
  name: section,
  async run(): Promise<BenchRow[]> {
    packageVsix();
    const runs: Run[] = [];
    for (let k = 0; k < RUNS; k++) runs.push(await oneRun());
    if (runs.some((r) => !r.workerAfterPrompt)) throw new Error('opening a prompt did not log "analysis worker started": the load check cannot see loads');
    const activate = stats(runs.map((r) => r.activateMs));
    const lens = stats(runs.map((r) => r.firstLensMs));
    const loadedEarly = runs.filter((r) => r.workerBeforePrompt).length;
    const vsixMb = fs.statSync(VSIX).size / 1e6;
    return [
      { section, name: `activate, from the extension's log (${RUNS} starts of code-server, fresh profile each)`, ...activate, unit: 'ms', target: '≤ 30 ms', met: activate.p95 <= 30 },
      {
        section,
        name: `starts that loaded tokenizer ranks or prices before a prompt was opened (${IDLE_MS / 1000} s idle after activation)`,
        median: loadedEarly,
        p95: loadedEarly,
        unit: 'count',
        target: '0',
        met: loadedEarly === 0,
      },
      { section, name: `first CodeLens once ${EXAMPLE}'s tab shows (worker start, ranks, prices, analysis, VS Code's CodeLens debounce, paint)`, ...lens, unit: 'ms' },
      { section, name: 'packaged VSIX', median: vsixMb, p95: vsixMb, unit: 'MB', target: '< 5 MB', met: vsixMb < 5 },
    ];
  },
};
