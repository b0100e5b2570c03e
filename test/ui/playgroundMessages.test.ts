// The extension's side of the playground protocol in the real workbench: messages the webview sends
// that the extension must refuse (not an object, an unknown method, wrong types, missing fields,
// extra fields, a request over the size limit, a provider it does not know) are answered with the
// reason, start no provider call, and leave the panel working. "No provider call" is read from the
// call log the pipeline appends to (keyed by run id) in the extension's global storage; the valid
// runs at the end show that the same log does record a call.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { choose, fillVariable, openPlayground, runAndWait, setChecked, setMode, setRepeat, setRequest, variableNames, waitUntil } from './playgroundPage';
import { closeAllEditors, screenshot, sharedWorkbench } from './workbench';

const FILE = 'rag-answer.j2';
/** One over the protocol's longest string (MAX_STRING in src/protocol/playground.ts). */
const OVERSIZE = 2_000_001;

/** A `run/start` as the webview sends it, with `params` fields replaced or removed (undefined). */
function runStart(runId: string, params: Record<string, unknown>): string {
  const base: Record<string, unknown> = {
    batchId: `b-${runId}`,
    mode: 'pipeline',
    providerId: 'simulator',
    request: 'Answer briefly.',
    runs: [{ runId, variables: {}, tier: null, model: null }],
    semanticCache: false,
    fault: 'none',
  };
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return JSON.stringify({ method: 'run/start', params: base });
}

describe('Playground: the extension refuses malformed messages from the webview', function () {
  let page: Page;
  let frame: Frame;
  let callLogFile: string;

  /** Whether the call log holds a row for `runId` (rows are JSON lines with a CRC after a tab). */
  const logged = (runId: string): boolean =>
    fs.existsSync(callLogFile) && fs.readFileSync(callLogFile, 'utf8').includes(`"requestId":${JSON.stringify(runId)}`);

  /**
   * Sends `expression` (a JavaScript expression for the message) to the extension exactly as the
   * webview's `acquireVsCodeApi().postMessage` does: through the function VS Code's webview host
   * frame (the playground frame's parent) exposes to its content.
   */
  async function toExtension(expression: string): Promise<void> {
    const host = frame.parentFrame();
    assert.ok(host, 'the playground frame has a host frame');
    await host.evaluate(`window.__vscode_post_message__('onmessage', { message: (${expression}) })`);
  }

  async function notice(): Promise<string> {
    return (await frame.locator('[data-testid=notice]').allInnerTexts()).join('\n');
  }

  before(async () => {
    let host;
    ({ page, host } = await sharedWorkbench());
    callLogFile = path.join(host.userDataDir, 'User', 'globalStorage', 'prompt-cost-lens.prompt-cost-lens', 'call-log.jsonl');
    await closeAllEditors(page).catch(() => undefined);
    frame = await openPlayground(page, FILE);
    for (const name of await variableNames(frame)) await fillVariable(frame, name, `sample ${name}`);
    await setMode(frame, 'pipeline');
    await setChecked(frame, 'vscode-checkbox[data-testid=semantic-cache]', false);
    await setRepeat(frame, 1);
  });

  after(async () => {
    await closeAllEditors(page).catch(() => undefined);
  });

  it('answers each malformed command with its reason and starts nothing', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['not an object', '"run/start"', /panel: not an object/],
      ['unknown method', '{ method: "run/explode", params: {} }', /unknown method "run\/explode"/],
      ['wrong type', runStart('r-hostile-type', { request: 42 }), /run\/start: params\.request: expected a string/],
      ['missing field', runStart('r-hostile-missing', { mode: undefined }), /run\/start: params\.mode: expected one of pipeline, compare/],
      ['extra field', runStart('r-hostile-extra', { apiKey: 'sk-test' }), /run\/start: params\.apiKey: unexpected field/],
      [
        'oversize request',
        `(() => { const m = ${runStart('r-hostile-oversize', {})}; m.params.request = 'x'.repeat(${OVERSIZE}); return m; })()`,
        new RegExp(`run/start: params\\.request: longer than ${OVERSIZE - 1}`),
      ],
      ['a batch to cancel that is not a string', '{ method: "run/cancel", params: { batchId: 7 } }', /run\/cancel: params\.batchId: expected a string/],
    ];
    for (const [what, expression, reason] of cases) {
      await toExtension(expression);
      await waitUntil(`the extension to say why it refused the ${what} message`, async () => {
        const text = await notice();
        return /ignored a message from the panel/.test(text) && reason.test(text) ? true : undefined;
      }, 10_000);
    }
    await screenshot(page, 'playground-messages-1-refused');
    // The panel shows no run it did not start, and the form is still there.
    assert.equal(await frame.locator('section.results article.run[data-run-id^="r-hostile"]').count(), 0);
    assert.equal(await frame.locator('header.prompt h1', { hasText: FILE }).count(), 1);
    // A valid run goes through, and the call log records it, while none of the refused runs is there.
    await setRequest(frame, 'Answer briefly.');
    const [ok] = await runAndWait(frame, 1);
    assert.equal(ok.status, 'ok');
    await waitUntil('the valid run in the call log', async () => (logged(ok.runId) ? true : undefined), 10_000);
    for (const id of ['type', 'missing', 'extra', 'oversize']) assert.equal(logged(`r-hostile-${id}`), false, `r-hostile-${id} reached a provider`);
  });

  it('fails the run of a request over the size limit typed in the form, and the next run works', async () => {
    await setRequest(frame, 'x'.repeat(OVERSIZE));
    const [refused] = await runAndWait(frame, 1, 30_000);
    await screenshot(page, 'playground-messages-2-oversize');
    assert.equal(refused.status, 'error', 'the card does not stay busy');
    assert.match(await frame.locator('section.results [data-testid=run-error]').innerText(), new RegExp(`Not started: run/start: params\\.request: longer than ${OVERSIZE - 1}`));
    assert.match(await notice(), /ignored a message from the panel/);
    assert.equal(await frame.locator('vscode-button[data-action=run][disabled]').count(), 0, 'Run is enabled again');
    await setRequest(frame, 'Answer briefly, please.');
    const [ok] = await runAndWait(frame, 1);
    assert.equal(ok.status, 'ok');
    await waitUntil('the valid run in the call log', async () => (logged(ok.runId) ? true : undefined), 10_000);
    assert.equal(logged(refused.runId), false, 'the oversize request reached a provider');
  });

  it('fails a run on a provider id the extension does not know, then runs on the simulator', async () => {
    // A webview holding a stale provider list (say, a server removed from settings) offers a provider
    // the extension no longer has: give the webview such a list, as the extension would post it.
    const stale = {
      method: 'provider/didChange',
      params: {
        providers: [{ id: 'no-such-provider', label: 'Removed Server', kind: 'openai-compatible', simulated: false, configured: true, needsKey: false, tiers: [] }],
      },
    };
    await frame.evaluate(`window.postMessage(${JSON.stringify(stale)}, '*')`);
    await choose(frame, 'provider', /Removed Server/);
    await setRequest(frame, 'Answer briefly.');
    const [refused] = await runAndWait(frame, 1, 30_000);
    await screenshot(page, 'playground-messages-3-unknown-provider');
    assert.equal(refused.status, 'error');
    assert.match(await frame.locator('section.results [data-testid=run-error]').innerText(), /unknown provider "no-such-provider"/);
    // `webview/ready` makes the extension send the real provider list again; the simulator still runs.
    await toExtension('{ method: "webview/ready", params: { pendingRunIds: [] } }');
    await choose(frame, 'provider', /Simulator \(Anthropic API\)/);
    const [ok] = await runAndWait(frame, 1);
    assert.equal(ok.status, 'ok');
    await waitUntil('the valid run in the call log', async () => (logged(ok.runId) ? true : undefined), 10_000);
    assert.equal(logged(refused.runId), false, 'the run on the unknown provider reached a provider');
  });
});
