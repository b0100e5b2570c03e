// The playground in the real workbench, against the offline simulator: a person opens it on an
// example prompt, fills the variables and watches prefix caching, semantic caching, tier comparison,
// cancellation and fault recovery happen, with a screenshot of each state under test-results/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  choose,
  fillVariable,
  openPlayground,
  playgroundFrame,
  runAndWait,
  runCards,
  runExactCommand,
  setChecked,
  setRepeat,
  setFault,
  setMode,
  setRequest,
  stageLines,
  variableNames,
  waitForRuns,
  waitUntil,
} from './playgroundPage';
import { closeAllEditors, runCommand, screenshot, sharedWorkbench } from './workbench';

const FILE = 'rag-answer.j2';

/** A screenshot with the latest results scrolled into view. */
async function shot(page: Page, frame: Frame, name: string): Promise<void> {
  await frame.locator('section.results').scrollIntoViewIfNeeded().catch(() => undefined);
  await screenshot(page, name);
}
const CANARY = 'sk-ant-canary-7f3c9e1d2b4a6f8e0c1d3e5f7a9b';

describe('Playground', function () {
  let page: Page;
  let frame: Frame;

  before(async () => {
    ({ page } = await sharedWorkbench());
    await closeAllEditors(page).catch(() => undefined);
    frame = await openPlayground(page, FILE);
  });

  after(async () => {
    await closeAllEditors(page).catch(() => undefined);
  });

  it('opens on an example prompt with its model settings and a field per variable', async () => {
    const names = await variableNames(frame);
    assert.ok(names.includes('question'), `variables shown: ${names.join(', ')}`);
    assert.match(await frame.locator('[data-testid=model-settings]').innerText(), /Model:/);
    for (const name of names) await fillVariable(frame, name, `sample ${name}`);
    await fillVariable(frame, 'question', 'How many days of leave do new staff get?');
    await screenshot(page, 'playground-1-open');
  });

  it('Run ×2: the first run writes the prefix to the cache, the second reads all of it and costs less', async () => {
    // Without the semantic cache the second, identical request goes to the model again.
    await setMode(frame, 'pipeline');
    await setChecked(frame, 'vscode-checkbox[data-testid=semantic-cache]', false);
    await setRequest(frame, 'Answer briefly.');
    await setRepeat(frame, 2);
    const [cold, warm] = await runAndWait(frame, 2);
    await shot(page, frame, 'playground-2-run-x2');
    assert.equal(cold.status, 'ok');
    assert.equal(warm.status, 'ok');
    assert.ok(cold.cacheWrite !== null && cold.cacheWrite > 0, `first run cache write: ${cold.cacheWrite}`);
    assert.equal(cold.cacheRead, 0);
    assert.equal(warm.cacheRead, cold.cacheWrite, 'the second run reads exactly the prefix the first wrote');
    assert.equal(warm.cacheWrite, 0);
    assert.ok(warm.cost !== null && cold.cost !== null && warm.cost < cold.cost, `costs: ${cold.cost} then ${warm.cost}`);
    // Every figure the simulator produced is labelled as simulated.
    assert.equal(await frame.locator('section.results article.run vscode-badge.simulated').count(), 2);
    // The session chart has one cost bar per finished run, and the totals add the runs up.
    assert.equal(await frame.locator('section.chart svg rect.bar').count(), 2);
    const total = Number(await frame.locator('[data-testid=totals] [data-field=cost]').getAttribute('data-value'));
    assert.ok(Math.abs(total - (cold.cost! + warm.cost!)) < 1e-12, `total ${total}`);
  });

  it('a paraphrased request is answered from the semantic cache', async () => {
    await setMode(frame, 'pipeline');
    await setChecked(frame, 'vscode-checkbox[data-testid=semantic-cache]', true);
    await setRepeat(frame, 1);
    await setRequest(frame, 'How do I reset my VPN password?');
    const [first] = await runAndWait(frame, 1);
    assert.equal(first.status, 'ok');
    await setRequest(frame, 'How can I reset my VPN password?');
    const [second] = await runAndWait(frame, 1);
    await shot(page, frame, 'playground-3-semantic-hit');
    assert.equal(second.status, 'ok');
    assert.equal(await frame.locator('section.results [data-testid=semantic-hit]').count(), 1);
    const hit = (await stageLines(frame, 0)).find((l) => l.includes('Semantic cache: hit'));
    assert.ok(hit, 'a semantic-cache hit stage is shown');
    const similarity = Number(/similarity ([\d.]+)/.exec(hit)?.[1]);
    assert.ok(similarity >= 0.9 && similarity <= 1, `similarity ${similarity}`);
    assert.equal(second.cost, 0);
  });

  it('Compare mode with two tiers shows two columns with different costs', async () => {
    await setMode(frame, 'compare');
    await setChecked(frame, 'vscode-checkbox[data-tier=small]', true);
    await setChecked(frame, 'vscode-checkbox[data-tier=frontier]', true);
    const runs = await runAndWait(frame, 2);
    await shot(page, frame, 'playground-4-compare');
    assert.equal(await frame.locator('section.results.columns article.run').count(), 2);
    assert.ok(runs.every((r) => r.status === 'ok' && r.cost !== null), JSON.stringify(runs));
    assert.notEqual(runs[0].cost, runs[1].cost);
    await setMode(frame, 'pipeline');
  });

  it('Cancel stops a slow simulated stream', async () => {
    await setMode(frame, 'pipeline');
    await setChecked(frame, 'vscode-checkbox[data-testid=semantic-cache]', false);
    await setFault(frame, /Slow stream/);
    const before = new Set((await runCards(frame)).map((c) => c.runId));
    await frame.locator('vscode-button[data-action=run]').click();
    // Wait for the answer to start streaming, then cancel in the middle of it.
    const streaming = await waitUntil(
      'the answer to start streaming',
      async () => (await runCards(frame)).find((c) => !before.has(c.runId) && c.text.length > 20),
      60_000,
    );
    // Usage arrives with the stream's first event, long before the answer ends.
    assert.equal(streaming.status, 'running');
    assert.ok(streaming.cacheRead !== null && streaming.cacheRead > 0, `live cache_read: ${streaming.cacheRead}`);
    await frame.locator('vscode-button[data-action=cancel]').click();
    await frame.locator('section.results article.run[data-status=cancelled]').waitFor({ timeout: 10_000 });
    const [stopped] = await runCards(frame);
    await page.waitForTimeout(1500);
    const [later] = await runCards(frame);
    await shot(page, frame, 'playground-5-cancelled');
    assert.equal(later.text, stopped.text, 'no more text arrives after Cancel');
    assert.equal(await frame.locator('vscode-button[data-action=run][disabled]').count(), 0, 'the panel is usable again');
  });

  it('an injected HTTP 500 shows the provider error inline, and the next run succeeds', async () => {
    await setFault(frame, /HTTP 500/);
    const [failed] = await runAndWait(frame, 1);
    await shot(page, frame, 'playground-6-error');
    assert.equal(failed.status, 'error');
    const message = await frame.locator('section.results [data-testid=run-error]').innerText();
    assert.match(message, /500|server|error/i);
    // The fault applied to that batch only.
    const [next] = await runAndWait(frame, 1);
    await shot(page, frame, 'playground-7-recovered');
    assert.equal(next.status, 'ok');
  });

  it('ignores malformed and unexpected messages and keeps working', async () => {
    const before = Number((await frame.locator('body').getAttribute('data-ignored-messages')) ?? '0');
    const hostile: unknown[] = [
      'not a message',
      { method: 'run/explode', params: {} },
      { method: 'run/didStream', params: { runId: 'x', delta: 42 } },
      { method: 'playground/didInit', params: { prompt: null, providers: 'all of them', defaultProviderId: 'x' } },
      { method: 'run/didFail', params: { runId: 'x', message: 'm', cancelled: false, extra: '<img src=x onerror=alert(1)>' } },
    ];
    await frame.evaluate(`for (const m of ${JSON.stringify(hostile)}) window.postMessage(m, '*')`);
    await waitUntil('the messages to be counted as ignored', async () => {
      const count = Number((await frame.locator('body').getAttribute('data-ignored-messages')) ?? '0');
      return count === before + hostile.length ? true : undefined;
    }, 5_000);
    assert.equal(await frame.locator('header.prompt h1', { hasText: FILE }).count(), 1, 'the form was not replaced');
    assert.equal(await frame.locator('img').count(), 0);
  });

  it('has a strict Content Security Policy that blocks injected scripts', async () => {
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp, 'a CSP meta tag is present');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*(?!\.)/);
    const injected = await frame.evaluate(`(async () => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "yes"';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return document.body.dataset.injected ?? 'blocked';
    })()`);
    assert.equal(injected, 'blocked');
  });

  it('keeps the runs when the webview is reloaded', async () => {
    const rows = await frame.locator('section.history tbody tr').count();
    assert.ok(rows >= 7, `history rows before reload: ${rows}`);
    const old = frame;
    await runCommand(page, 'Developer: Reload Webviews');
    await waitUntil('the old webview to go away', async () => (old.isDetached() ? true : undefined));
    frame = await playgroundFrame(page);
    await frame.locator('section.history tbody tr').nth(rows - 1).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('section.history tbody tr').count(), rows);
    assert.equal(await frame.locator('header.prompt h1', { hasText: FILE }).count(), 1);
    await shot(page, frame, 'playground-8-reloaded');
  });

  it('never lets an API key reach the webview, on success or failure', async () => {
    // Records every message the extension posts from now on.
    await frame.evaluate(`window.__seen = []; window.addEventListener('message', (e) => window.__seen.push(JSON.stringify(e.data)))`);
    await choose(frame, 'provider', /^\s*Anthropic/);
    await frame.locator('vscode-button[data-action=set-key]').click();
    // VS Code's own input box, outside the webview.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(CANARY);
    await page.keyboard.press('Enter');
    await frame.locator('vscode-button[data-action=set-key]', { hasText: 'Replace API key' }).waitFor({ timeout: 15_000 });
    // Offline, the real Anthropic endpoint cannot be reached: the failure path.
    const [failed] = await runAndWait(frame, 1, 120_000);
    assert.equal(failed.status, 'error');
    // And the success path on the simulator.
    await choose(frame, 'provider', /Simulator \(Anthropic API\)/);
    const [ok] = await runAndWait(frame, 1);
    assert.equal(ok.status, 'ok');
    const seen = (await frame.evaluate('window.__seen')) as string[];
    assert.ok(seen.length > 3, `messages recorded: ${seen.length}`);
    for (const message of seen) assert.ok(!message.includes(CANARY), `a webview message carried the key: ${message.slice(0, 200)}`);
    assert.ok(!(await frame.content()).includes(CANARY), 'the key is in the webview DOM');
    await shot(page, frame, 'playground-9-key-error');
  });

  it('exports the history to CSV through a save dialog, without the key', async () => {
    const rows = await frame.locator('section.history tbody tr').count();
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-csv-')), 'history.csv');
    await frame.locator('vscode-button[data-action=export]').click();
    // VS Code's save dialog (the simple dialog in the browser): type the path and accept it.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    // Typed key by key, as a person does; the dialog completes paths while they are typed and now
    // and then swallows the leading slash, so the path is checked (and typed again) before Enter.
    await waitUntil('the dialog to hold the target path', async () => {
      await input.press('Control+A');
      await input.press('Backspace');
      await input.pressSequentially(target, { delay: 20 });
      await page.waitForTimeout(300);
      return (await input.inputValue()) === target ? true : undefined;
    });
    await page.keyboard.press('Enter');
    await frame.locator('[data-testid=notice]', { hasText: `Exported ${rows} runs` }).waitFor({ timeout: 15_000 });
    const lines = fs.readFileSync(target, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines.length, rows + 1, 'a header and one line per run');
    assert.match(lines[0], /^run_id,started_at,mode,provider,simulated,/);
    assert.ok(!lines.join('\n').includes(CANARY));
    await shot(page, frame, 'playground-10-exported');
  });

  it('comes back with its runs after the window reloads', async () => {
    const rows = await frame.locator('section.history tbody tr').count();
    const old = frame;
    await runCommand(page, 'Developer: Reload Window');
    await waitUntil('the old webview to go away', async () => (old.isDetached() ? true : undefined));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    frame = await playgroundFrame(page, 60_000);
    await frame.locator('header.prompt h1', { hasText: FILE }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('section.history tbody tr').count(), rows);
    await shot(page, frame, 'playground-11-window-reloaded');
  });

  it('runs from the keyboard alone', async () => {
    await setRequest(frame, 'Keyboard check');
    const before = new Set((await runCards(frame)).map((c) => c.runId));
    await frame.locator('vscode-button[data-action=run]').focus();
    await page.keyboard.press('Enter');
    await waitUntil('a run started with Enter', async () => ((await runCards(frame)).some((c) => !before.has(c.runId)) ? true : undefined));
    await waitForRuns(frame, 1);
  });

  it('follows a high-contrast theme through the theme variables', async () => {
    type Styles = { getComputedStyle(element: unknown): { backgroundColor: string } };
    const background = (): Promise<string> =>
      frame.locator('body').evaluate((b) => (globalThis as unknown as Styles).getComputedStyle(b).backgroundColor);
    const normal = await background();
    await runExactCommand(page, 'Preferences: Color Theme');
    // The picker opens on the current theme; it is put back afterwards.
    const current = (await page.locator('.quick-input-list .monaco-list-row.focused .label-name').first().innerText()).trim();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark High Contrast' }).first().click();
    await waitUntil('the panel to repaint', async () => ((await background()) !== normal ? true : undefined), 10_000);
    assert.equal(await background(), 'rgb(0, 0, 0)');
    await shot(page, frame, 'playground-12-high-contrast');
    await runExactCommand(page, 'Preferences: Color Theme');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: current }).first().click();
    await waitUntil('the theme to come back', async () => ((await background()) === normal ? true : undefined), 10_000);
  });

  it('remembers the variable values of the file when the panel is opened again', async () => {
    await closeAllEditors(page);
    frame = await openPlayground(page, FILE);
    const value = await frame.locator('vscode-textfield[data-variable="question"] input').inputValue();
    assert.equal(value, 'How many days of leave do new staff get?');
  });
});
