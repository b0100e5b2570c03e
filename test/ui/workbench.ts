// Helpers for UI tests: a real VS Code workbench (code-server with the packaged extension) driven by
// Debian's Chromium through playwright-core, used the way a person would use it. Tests share one
// workbench per mocha run (see hooks.ts); `openWorkbench` starts another one when a test needs its
// own folder or settings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, startCodeServer, type RunningHost } from '../../scripts/vscode-host';

export const VSIX = path.join(ROOT, 'dist', 'prompt-cost-lens.vsix');
export const EXAMPLES = path.join(ROOT, 'examples');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

const CHROMIUM = process.env.PCL_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Workbench {
  page: Page;
  host: RunningHost;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Folder to open (default: examples/). */
  folder?: string;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /** VSIXs to install (default: the packaged extension; run `npm run package` first). */
  vsixes?: string[];
  /** Workspace trust state of the folder (see HostOptions; default trusted). */
  workspaceTrust?: 'trusted' | 'untrusted';
}

/** Launches headless Chromium (Debian's build) with the flags that keep it offline and quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Starts code-server with the extension installed and opens the workbench in Chromium. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const vsixes = options.vsixes ?? [VSIX];
  for (const vsix of vsixes) {
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  }
  const host = await startCodeServer({ folder: options.folder ?? EXAMPLES, vsixes, env: options.env, workspaceTrust: options.workspaceTrust });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer lists the folder once the workbench has connected to the server.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    const opened = browser;
    return {
      page,
      host,
      close: async () => {
        await opened.close();
        await host.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await host.stop();
    throw err;
  }
}

/** Opens a file of the workspace through Quick Open (Ctrl+P), as a person would. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  // Wait until Quick Open lists the file and pick that row itself: Enter would open whichever row has
  // the focus, which after an earlier search can still be another file.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  await page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: 30_000 });
}

/** Runs a command from the Command Palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** Closes every editor so the next test starts from an empty editor area. */
export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/** The editor of the active editor group (other groups may still show earlier files). */
const ACTIVE_EDITOR = '.editor-group-container.active .editor-instance';

/** Texts of the CodeLens lines in the active editor, once one matches `pattern`. */
export async function waitForCodeLens(page: Page, pattern: RegExp, timeout = 60_000): Promise<string[]> {
  const lens = page.locator(`${ACTIVE_EDITOR} .codelens-decoration`, { hasText: pattern });
  await lens.first().waitFor({ state: 'visible', timeout });
  return page.locator(`${ACTIVE_EDITOR} .codelens-decoration`).allInnerTexts();
}

/** Saves a screenshot of the page to test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

let shared: Promise<Workbench> | undefined;

/** The workbench shared by all UI tests of a run (examples/ open, packaged extension installed). */
export function sharedWorkbench(): Promise<Workbench> {
  shared ??= openWorkbench();
  return shared;
}

/** The shared workbench if a test has started it (failure screenshots must not start one). */
export function startedSharedWorkbench(): Promise<Workbench> | undefined {
  return shared;
}

/** Closes the shared workbench if a test started it; called once after the whole run. */
export async function closeSharedWorkbench(): Promise<void> {
  const opened = shared;
  shared = undefined;
  if (opened) await (await opened).close();
}
